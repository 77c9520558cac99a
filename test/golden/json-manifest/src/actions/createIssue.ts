import type { ActionHandlers } from "../generated/index.js";

export const createIssueAction: ActionHandlers["createIssue"] = async (
  props,
) => {
  // TODO: implement the 'createIssue' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The createIssue action is not implemented yet.");
};
