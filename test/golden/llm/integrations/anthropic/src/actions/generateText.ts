import type { ActionHandlers } from "../generated/index.js";

export const generateTextAction: ActionHandlers["generateText"] = async (
  props,
) => {
  // Implements 'generateContent' of interface 'llm' (interfaces/llm.ts in the generated folder).
  // TODO: implement the 'generateText' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The generateText action is not implemented yet.");
};
