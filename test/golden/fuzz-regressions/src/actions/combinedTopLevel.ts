import type { ActionHandlers } from "../generated/index.js";

export const combinedTopLevelAction: ActionHandlers["combinedTopLevel"] =
  async (props) => {
    // TODO: implement the 'combinedTopLevel' action and return its output.
    // props holds input, configuration, ctx, client and logger.
    void props;
    throw new Error("The combinedTopLevel action is not implemented yet.");
  };
