import type { ActionHandlers } from "../generated/index.js";

export const translateTextAction: ActionHandlers["translateText"] = async (
  props,
) => {
  // Implements 'translate' of interface 'translator' (interfaces/translator.ts in the generated folder).
  // TODO: implement the 'translateText' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The translateText action is not implemented yet.");
};
