import type { ActionHandlers } from "../generated/index.js";

export const thenAction: ActionHandlers["then"] = async (props) => {
  // TODO: implement the 'then' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The then action is not implemented yet.");
};
