import type { ActionHandlers } from "../generated/index.js";

export const walkTreeAction: ActionHandlers["walkTree"] = async (props) => {
  // TODO: implement the 'walkTree' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The walkTree action is not implemented yet.");
};
