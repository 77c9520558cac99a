import type { MessageHandlers } from '../../generated/index.js';
import { callBotApi, chatIdOf } from '../../telegram-api.js';

export const channelImageMessage: MessageHandlers['channel']['image'] = async ({ payload, conversation, configuration, logger }) => {
  // Telegram fetches the photo from the URL itself.
  await callBotApi({ configuration, logger }, 'sendPhoto', {
    chat_id: chatIdOf(conversation),
    photo: payload.imageUrl,
    caption: payload.caption,
  });
};
