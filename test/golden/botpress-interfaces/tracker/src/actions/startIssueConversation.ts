import type { ActionHandlers } from "../generated/index.js";

export const startIssueConversationAction: ActionHandlers["startIssueConversation"] =
  async (props) => {
    // Implements 'getOrCreateConversation' of interface 'proactive-conversation' (interfaces/proactiveConversation.ts in the generated folder).
    // TODO: implement the 'startIssueConversation' action and return its output.
    // props holds input, configuration, ctx, client and logger.
    void props;
    throw new Error(
      "The startIssueConversation action is not implemented yet.",
    );
  };
