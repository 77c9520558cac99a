import type { ActionHandlers } from "../generated/index.js";

export const getCustomerAction: ActionHandlers["getCustomer"] = async (
  props,
) => {
  // TODO: implement the 'getCustomer' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The getCustomer action is not implemented yet.");
};
