import type { ActionHandlers } from "../generated/index.js";

export const classAction: ActionHandlers["class"] = async (props) => {
  // TODO: implement the 'class' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The class action is not implemented yet.");
};
