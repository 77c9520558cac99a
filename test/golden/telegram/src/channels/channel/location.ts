import type { MessageHandlers } from "../../generated/index.js";

export const channelLocationMessage: MessageHandlers["channel"]["location"] =
  async (props) => {
    // TODO: send a message of type 'location' from channel 'channel' to the external service.
    // props holds payload, conversation, message, user, configuration, ctx, client and logger.
    void props;
    throw new Error(
      "Sending location messages on channel channel is not implemented yet.",
    );
  };
