import type { ActionHandlers } from "../generated/index.js";

export const importCustomersAction: ActionHandlers["importCustomers"] = async (
  props,
) => {
  // TODO: implement the 'importCustomers' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The importCustomers action is not implemented yet.");
};
