import type { ActionHandlers } from "../generated/index.js";

export const upsertCustomerAction: ActionHandlers["upsertCustomer"] = async (
  props,
) => {
  // TODO: implement the 'upsertCustomer' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The upsertCustomer action is not implemented yet.");
};
