import type { MessageHandlers } from "../../generated/index.js";

export const channelTextMessage: MessageHandlers["channel"]["text"] = async (
  props,
) => {
  // TODO: send a message of type 'text' from channel 'channel' to the external service.
  // props holds payload, conversation, message, user, configuration, ctx, client and logger.
  void props;
  throw new Error(
    "Sending text messages on channel channel is not implemented yet.",
  );
};
