import type { MessageHandlers } from "../../generated/index.js";

export const channelVideoMessage: MessageHandlers["channel"]["video"] = async (
  props,
) => {
  // TODO: send a message of type 'video' from channel 'channel' to the external service.
  // props holds payload, conversation, message, user, configuration, ctx, client and logger.
  void props;
  throw new Error(
    "Sending video messages on channel channel is not implemented yet.",
  );
};
