import type { ActionHandlers } from "../generated/index.js";

export const projectListAction: ActionHandlers["projectList"] = async (
  props,
) => {
  // Implements 'list' of interface 'listable' (interfaces/projectList.ts in the generated folder).
  // TODO: implement the 'projectList' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The projectList action is not implemented yet.");
};
