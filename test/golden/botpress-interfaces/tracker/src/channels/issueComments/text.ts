import type { MessageHandlers } from "../../generated/index.js";

export const issueCommentsTextMessage: MessageHandlers["issueComments"]["text"] =
  async (props) => {
    // TODO: send a message of type 'text' from channel 'issueComments' to the external service.
    // props holds payload, conversation, message, user, configuration, ctx, client and logger.
    void props;
    throw new Error(
      "Sending text messages on channel issueComments is not implemented yet.",
    );
  };
