import type { MessageHandlers } from "../../generated/index.js";

export const constructorValueOfMessage: MessageHandlers["constructor"]["valueOf"] =
  async (props) => {
    // TODO: send a message of type 'valueOf' from channel 'constructor' to the external service.
    // props holds payload, conversation, message, user, configuration, ctx, client and logger.
    void props;
    throw new Error(
      "Sending valueOf messages on channel constructor is not implemented yet.",
    );
  };
