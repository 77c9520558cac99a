import type { ActionHandlers } from "../generated/index.js";

export const generateContentAction: ActionHandlers["generateContent"] = async (
  props,
) => {
  // Implements 'generateContent' of interface 'llm' (interfaces/llm.ts in the generated folder).
  // TODO: implement the 'generateContent' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The generateContent action is not implemented yet.");
};
