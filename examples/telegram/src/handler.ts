import { timingSafeEqual } from 'node:crypto';
import type { Client, WebhookHandler } from './generated/index.js';
import type { TelegramMessage, TelegramUpdate } from './telegram-api.js';

/**
 * Telegram POSTs every update here with the secret given to `setWebhook`.
 * A text message becomes a message in the bot's conversation for that chat;
 * users joining a group become `memberJoined` events.
 */
export const handler: WebhookHandler = async ({ req, ctx, client, logger }) => {
  if (!sameSecret(req.headers['x-telegram-bot-api-secret-token'], ctx.secrets.WEBHOOK_SECRET)) {
    logger.warn('Refused a webhook request without the right secret token');
    return { status: 401, body: 'Unauthorized' };
  }
  const update = parseUpdate(req.body);
  if (update === undefined) return { status: 400, body: 'Expected a Telegram update' };

  const lastUpdate = { type: 'integration', id: ctx.integrationId, name: 'lastUpdate' } as const;
  const { state } = await client.getOrSetState({ ...lastUpdate, payload: { updateId: 0 } });
  if (update.update_id <= state.payload.updateId) return; // Telegram sent it again: it was handled already.

  if (update.message !== undefined) await receive(update.message, client);
  await client.setState({ ...lastUpdate, payload: { updateId: update.update_id } });
};

async function receive(message: TelegramMessage, client: Client): Promise<void> {
  const chatId = String(message.chat.id);
  const { conversation } = await client.getOrCreateConversation({ channel: 'channel', tags: { chatId } });

  if (message.text !== undefined && message.from !== undefined) {
    const { user } = await client.getOrCreateUser({
      tags: { telegramId: String(message.from.id), username: message.from.username },
    });
    await client.createMessage({
      conversationId: conversation.id,
      userId: user.id,
      type: 'text',
      payload: { text: message.text },
      tags: { messageId: String(message.message_id) },
    });
  }

  for (const member of message.new_chat_members ?? []) {
    await client.createEvent({ type: 'memberJoined', conversationId: conversation.id, payload: { chatId, userId: String(member.id) } });
  }
}

function parseUpdate(body: string | undefined): TelegramUpdate | undefined {
  try {
    const update: unknown = JSON.parse(body ?? '');
    const isUpdate = typeof update === 'object' && update !== null && Number.isInteger((update as TelegramUpdate).update_id);
    return isUpdate ? (update as TelegramUpdate) : undefined;
  } catch {
    return undefined;
  }
}

/** Compares in constant time, so the secret cannot be guessed from response times. */
function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
