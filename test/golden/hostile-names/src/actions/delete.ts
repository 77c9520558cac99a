import type { ActionHandlers } from "../generated/index.js";

export const deleteAction: ActionHandlers["delete"] = async (props) => {
  // TODO: implement the 'delete' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The delete action is not implemented yet.");
};
