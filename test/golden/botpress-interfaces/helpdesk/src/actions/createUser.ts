import type { ActionHandlers } from "../generated/index.js";

export const createUserAction: ActionHandlers["createUser"] = async (props) => {
  // Implements 'createUser' of interface 'hitl' (interfaces/hitl.ts in the generated folder).
  // TODO: implement the 'createUser' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The createUser action is not implemented yet.");
};
