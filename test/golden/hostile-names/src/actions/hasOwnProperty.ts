import type { ActionHandlers } from "../generated/index.js";

export const hasOwnPropertyAction: ActionHandlers["hasOwnProperty"] = async (
  props,
) => {
  // TODO: implement the 'hasOwnProperty' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The hasOwnProperty action is not implemented yet.");
};
