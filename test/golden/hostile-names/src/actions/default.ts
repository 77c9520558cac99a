import type { ActionHandlers } from "../generated/index.js";

export const defaultAction: ActionHandlers["default"] = async (props) => {
  // TODO: implement the 'default' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The default action is not implemented yet.");
};
