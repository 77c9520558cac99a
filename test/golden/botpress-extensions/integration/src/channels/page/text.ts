import type { MessageHandlers } from "../../generated/index.js";

export const pageTextMessage: MessageHandlers["page"]["text"] = async (
  props,
) => {
  // TODO: send a message of type 'text' from channel 'page' to the external service.
  // props holds payload, conversation, message, user, configuration, ctx, client and logger.
  void props;
  throw new Error(
    "Sending text messages on channel page is not implemented yet.",
  );
};
