import type { ActionHandlers } from "../generated/index.js";

export const linkNodesAction: ActionHandlers["linkNodes"] = async (props) => {
  // TODO: implement the 'linkNodes' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The linkNodes action is not implemented yet.");
};
