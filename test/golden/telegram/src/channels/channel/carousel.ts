import type { MessageHandlers } from "../../generated/index.js";

export const channelCarouselMessage: MessageHandlers["channel"]["carousel"] =
  async (props) => {
    // TODO: send a message of type 'carousel' from channel 'channel' to the external service.
    // props holds payload, conversation, message, user, configuration, ctx, client and logger.
    void props;
    throw new Error(
      "Sending carousel messages on channel channel is not implemented yet.",
    );
  };
