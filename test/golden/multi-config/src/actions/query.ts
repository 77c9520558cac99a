import type { ActionHandlers } from "../generated/index.js";

export const queryAction: ActionHandlers["query"] = async (props) => {
  // TODO: implement the 'query' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The query action is not implemented yet.");
};
