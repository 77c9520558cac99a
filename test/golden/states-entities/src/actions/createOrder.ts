import type { ActionHandlers } from "../generated/index.js";

export const createOrderAction: ActionHandlers["createOrder"] = async (
  props,
) => {
  // TODO: implement the 'createOrder' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The createOrder action is not implemented yet.");
};
