import type { ActionHandlers } from "../generated/index.js";

export const constructorAction: ActionHandlers["constructor"] = async (
  props,
) => {
  // TODO: implement the 'constructor' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The constructor action is not implemented yet.");
};
