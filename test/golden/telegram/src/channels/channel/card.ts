import type { MessageHandlers } from "../../generated/index.js";

export const channelCardMessage: MessageHandlers["channel"]["card"] = async (
  props,
) => {
  // TODO: send a message of type 'card' from channel 'channel' to the external service.
  // props holds payload, conversation, message, user, configuration, ctx, client and logger.
  void props;
  throw new Error(
    "Sending card messages on channel channel is not implemented yet.",
  );
};
