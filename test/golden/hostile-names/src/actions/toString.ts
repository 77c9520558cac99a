import type { ActionHandlers } from "../generated/index.js";

export const toStringAction: ActionHandlers["toString"] = async (props) => {
  // TODO: implement the 'toString' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The toString action is not implemented yet.");
};
