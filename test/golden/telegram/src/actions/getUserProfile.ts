import type { ActionHandlers } from "../generated/index.js";

export const getUserProfileAction: ActionHandlers["getUserProfile"] = async (
  props,
) => {
  // TODO: implement the 'getUserProfile' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The getUserProfile action is not implemented yet.");
};
