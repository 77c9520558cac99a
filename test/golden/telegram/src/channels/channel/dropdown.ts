import type { MessageHandlers } from "../../generated/index.js";

export const channelDropdownMessage: MessageHandlers["channel"]["dropdown"] =
  async (props) => {
    // TODO: send a message of type 'dropdown' from channel 'channel' to the external service.
    // props holds payload, conversation, message, user, configuration, ctx, client and logger.
    void props;
    throw new Error(
      "Sending dropdown messages on channel channel is not implemented yet.",
    );
  };
