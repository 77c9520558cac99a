import type { UnregisterHandler } from './generated/index.js';
import { callBotApi } from './telegram-api.js';

/** Stops Telegram from sending updates to this installation. */
export const unregister: UnregisterHandler = async ({ configuration, logger }) => {
  await callBotApi({ configuration, logger }, 'deleteWebhook', {});
  logger.info('Telegram webhook removed');
};
