import type { MessageHandlers } from "../../generated/index.js";

export const hitlTextMessage: MessageHandlers["hitl"]["text"] = async (
  props,
) => {
  // Implements 'hitl' of interface 'hitl' (interfaces/hitl.ts in the generated folder).
  // TODO: send a message of type 'text' from channel 'hitl' to the external service.
  // props holds payload, conversation, message, user, configuration, ctx, client and logger.
  void props;
  throw new Error(
    "Sending text messages on channel hitl is not implemented yet.",
  );
};
