import type { MessageHandlers } from "../../generated/index.js";

export const channelChoiceMessage: MessageHandlers["channel"]["choice"] =
  async (props) => {
    // TODO: send a message of type 'choice' from channel 'channel' to the external service.
    // props holds payload, conversation, message, user, configuration, ctx, client and logger.
    void props;
    throw new Error(
      "Sending choice messages on channel channel is not implemented yet.",
    );
  };
