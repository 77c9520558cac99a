import type { ActionHandlers } from "../generated/index.js";

export const pageAction: ActionHandlers["page"] = async (props) => {
  // TODO: implement the 'page' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The page action is not implemented yet.");
};
