import type { MessageHandlers } from '../../generated/index.js';
import { callBotApi, chatIdOf } from '../../telegram-api.js';

export const channelTextMessage: MessageHandlers['channel']['text'] = async ({ payload, conversation, configuration, logger }) => {
  await callBotApi({ configuration, logger }, 'sendMessage', { chat_id: chatIdOf(conversation), text: payload.text });
};
