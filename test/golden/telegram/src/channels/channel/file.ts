import type { MessageHandlers } from "../../generated/index.js";

export const channelFileMessage: MessageHandlers["channel"]["file"] = async (
  props,
) => {
  // TODO: send a message of type 'file' from channel 'channel' to the external service.
  // props holds payload, conversation, message, user, configuration, ctx, client and logger.
  void props;
  throw new Error(
    "Sending file messages on channel channel is not implemented yet.",
  );
};
