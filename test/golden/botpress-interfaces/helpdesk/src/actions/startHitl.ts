import type { ActionHandlers } from "../generated/index.js";

export const startHitlAction: ActionHandlers["startHitl"] = async (props) => {
  // Implements 'startHitl' of interface 'hitl' (interfaces/hitl.ts in the generated folder).
  // TODO: implement the 'startHitl' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The startHitl action is not implemented yet.");
};
