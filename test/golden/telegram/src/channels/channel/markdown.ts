import type { MessageHandlers } from "../../generated/index.js";

export const channelMarkdownMessage: MessageHandlers["channel"]["markdown"] =
  async (props) => {
    // TODO: send a message of type 'markdown' from channel 'channel' to the external service.
    // props holds payload, conversation, message, user, configuration, ctx, client and logger.
    void props;
    throw new Error(
      "Sending markdown messages on channel channel is not implemented yet.",
    );
  };
