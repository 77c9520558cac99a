import type { ActionHandlers } from '../generated/index.js';
import { callBotApi } from '../telegram-api.js';

export const getChatAction: ActionHandlers['getChat'] = async ({ input, configuration, logger }) => {
  const chat = await callBotApi({ configuration, logger }, 'getChat', { chat_id: input.chatId });
  // The output is the `chat` entity; a private chat has no title.
  return { id: String(chat.id), type: chat.type, ...(chat.title === undefined ? {} : { title: chat.title }) };
};
