import type { MessageHandlers } from "../../generated/index.js";

export const issueThreadTextMessage: MessageHandlers["issueThread"]["text"] =
  async (props) => {
    // TODO: send a message of type 'text' from channel 'issueThread' to the external service.
    // props holds payload, conversation, message, user, configuration, ctx, client and logger.
    void props;
    throw new Error(
      "Sending text messages on channel issueThread is not implemented yet.",
    );
  };
