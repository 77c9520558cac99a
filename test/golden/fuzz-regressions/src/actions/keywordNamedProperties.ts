import type { ActionHandlers } from "../generated/index.js";

export const keywordNamedPropertiesAction: ActionHandlers["keywordNamedProperties"] =
  async (props) => {
    // TODO: implement the 'keywordNamedProperties' action and return its output.
    // props holds input, configuration, ctx, client and logger.
    void props;
    throw new Error(
      "The keywordNamedProperties action is not implemented yet.",
    );
  };
