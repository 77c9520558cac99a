import type { MessageHandlers } from "../../generated/index.js";

export const channelAudioMessage: MessageHandlers["channel"]["audio"] = async (
  props,
) => {
  // TODO: send a message of type 'audio' from channel 'channel' to the external service.
  // props holds payload, conversation, message, user, configuration, ctx, client and logger.
  void props;
  throw new Error(
    "Sending audio messages on channel channel is not implemented yet.",
  );
};
