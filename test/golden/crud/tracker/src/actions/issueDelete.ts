import type { ActionHandlers } from "../generated/index.js";

export const issueDeleteAction: ActionHandlers["issueDelete"] = async (
  props,
) => {
  // Implements 'delete' of interface 'deletable' (interfaces/issueDelete.ts in the generated folder).
  // TODO: implement the 'issueDelete' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The issueDelete action is not implemented yet.");
};
