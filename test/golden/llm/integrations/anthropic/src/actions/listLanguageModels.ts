import type { ActionHandlers } from "../generated/index.js";

export const listLanguageModelsAction: ActionHandlers["listLanguageModels"] =
  async (props) => {
    // Implements 'listLanguageModels' of interface 'llm' (interfaces/llm.ts in the generated folder).
    // TODO: implement the 'listLanguageModels' action and return its output.
    // props holds input, configuration, ctx, client and logger.
    void props;
    throw new Error("The listLanguageModels action is not implemented yet.");
  };
