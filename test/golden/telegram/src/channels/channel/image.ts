import type { MessageHandlers } from "../../generated/index.js";

export const channelImageMessage: MessageHandlers["channel"]["image"] = async (
  props,
) => {
  // TODO: send a message of type 'image' from channel 'channel' to the external service.
  // props holds payload, conversation, message, user, configuration, ctx, client and logger.
  void props;
  throw new Error(
    "Sending image messages on channel channel is not implemented yet.",
  );
};
