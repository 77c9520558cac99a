import type { ActionHandlers } from '../generated/index.js';
import { callBotApi } from '../telegram-api.js';

export const sendMessageAction: ActionHandlers['sendMessage'] = async ({ input, configuration, logger }) => {
  const message = await callBotApi({ configuration, logger }, 'sendMessage', {
    chat_id: input.chatId,
    text: input.text,
    disable_notification: input.silent,
  });
  return { messageId: String(message.message_id) };
};
