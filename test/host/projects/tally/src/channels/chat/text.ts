import type { MessageHandlers } from '../../generated/index.js';

/** Nothing to send to: the chats are the tests' own. */
export const chatTextMessage: MessageHandlers['chat']['text'] = async ({ logger, payload }) => {
  logger.info(`chat: ${payload.text}`);
};
