import type { ActionHandlers } from "../generated/index.js";

export const countTokensAction: ActionHandlers["countTokens"] = async (
  props,
) => {
  // TODO: implement the 'countTokens' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The countTokens action is not implemented yet.");
};
