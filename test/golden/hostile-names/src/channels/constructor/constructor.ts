import type { MessageHandlers } from "../../generated/index.js";

export const constructorConstructorMessage: MessageHandlers["constructor"]["constructor"] =
  async (props) => {
    // TODO: send a message of type 'constructor' from channel 'constructor' to the external service.
    // props holds payload, conversation, message, user, configuration, ctx, client and logger.
    void props;
    throw new Error(
      "Sending constructor messages on channel constructor is not implemented yet.",
    );
  };
