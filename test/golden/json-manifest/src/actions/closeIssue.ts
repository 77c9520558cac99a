import type { ActionHandlers } from "../generated/index.js";

export const closeIssueAction: ActionHandlers["closeIssue"] = async (props) => {
  // TODO: implement the 'closeIssue' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The closeIssue action is not implemented yet.");
};
