import type { ActionHandlers } from "../generated/index.js";

export const issueListAction: ActionHandlers["issueList"] = async (props) => {
  // Implements 'list' of interface 'listable' (interfaces/issueList.ts in the generated folder).
  // TODO: implement the 'issueList' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The issueList action is not implemented yet.");
};
