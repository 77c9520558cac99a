import type { ActionHandlers } from "../generated/index.js";

export const issueCreateAction: ActionHandlers["issueCreate"] = async (
  props,
) => {
  // Implements 'create' of interface 'creatable' (interfaces/issueCreatable.ts in the generated folder).
  // TODO: implement the 'issueCreate' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The issueCreate action is not implemented yet.");
};
