import type { ActionHandlers } from "../generated/index.js";

export const listTablesAction: ActionHandlers["listTables"] = async (props) => {
  // TODO: implement the 'listTables' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The listTables action is not implemented yet.");
};
