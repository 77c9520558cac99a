import type { RegisterHandler } from './generated/index.js';
import { callBotApi } from './telegram-api.js';

/** Points the bot's webhook at this installation; Telegram then sends WEBHOOK_SECRET with every update. */
export const register: RegisterHandler = async ({ webhookUrl, configuration, ctx, logger }) => {
  await callBotApi({ configuration, logger }, 'setWebhook', { url: webhookUrl, secret_token: ctx.secrets.WEBHOOK_SECRET });
  logger.info(`Telegram sends updates to ${webhookUrl}`);
};
