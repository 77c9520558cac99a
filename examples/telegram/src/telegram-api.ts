/**
 * The few Telegram Bot API methods this integration uses, called over HTTP
 * with `fetch`: POST `<apiBaseUrl>/bot<token>/<method>` with a JSON body, and
 * `{ ok: true, result }` back. An `ok: false` answer becomes a
 * `TelegramApiError` (the token, part of the URL, is never in its message).
 */
import type { Logger } from '@intc/runtime';
import type { Configuration } from './generated/index.js';

export interface TelegramUser {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  username?: string;
}

export interface TelegramChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
}

export interface TelegramMessage {
  message_id: number;
  chat: TelegramChat;
  from?: TelegramUser;
  text?: string;
  new_chat_members?: TelegramUser[];
}

/** What Telegram POSTs to the webhook. */
export interface TelegramUpdate {
  update_id: number;
  message?: TelegramMessage;
}

/** Method → its parameters and its `result`. */
interface BotApiMethods {
  sendMessage: { params: { chat_id: string; text: string; disable_notification?: boolean | undefined }; result: TelegramMessage };
  sendPhoto: { params: { chat_id: string; photo: string; caption?: string | undefined }; result: TelegramMessage };
  getChat: { params: { chat_id: string }; result: TelegramChat };
  setWebhook: { params: { url: string; secret_token: string }; result: true };
  deleteWebhook: { params: { drop_pending_updates?: boolean }; result: true };
}

type BotApiAnswer<T> = { ok: true; result: T } | { ok: false; error_code?: number; description?: string };

export class TelegramApiError extends Error {
  override name = 'TelegramApiError';
}

/** What a handler passes in: its own props fit. */
export interface BotApiCaller {
  readonly configuration: Configuration;
  readonly logger: Logger;
}

export async function callBotApi<M extends keyof BotApiMethods>(
  { configuration, logger }: BotApiCaller,
  method: M,
  params: BotApiMethods[M]['params'],
): Promise<BotApiMethods[M]['result']> {
  // Logged as is: the runtime redacts secrets and secret-marked configuration fields (the bot token) from every line.
  logger.debug(`Telegram ${method}`, params);
  // The schema's default (https://api.telegram.org) is filled in when the configuration leaves it out.
  const baseUrl = configuration.apiBaseUrl;
  const response = await fetch(`${baseUrl}/bot${configuration.botToken}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  }).catch((error: unknown) => {
    const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new TelegramApiError(`Telegram ${method} failed: cannot reach ${baseUrl} (${reason})`, { cause: error });
  });
  const answer = await readAnswer<BotApiMethods[M]['result']>(response);
  if (!answer.ok) {
    const reason = answer.description ?? 'no description';
    throw new TelegramApiError(`Telegram ${method} failed (${answer.error_code ?? response.status}): ${reason}`);
  }
  return answer.result;
}

async function readAnswer<T>(response: Response): Promise<BotApiAnswer<T>> {
  try {
    return (await response.json()) as BotApiAnswer<T>;
  } catch {
    return { ok: false, error_code: response.status, description: 'the answer is not JSON' };
  }
}

/** The chat a conversation belongs to (every conversation this integration creates has one). */
export function chatIdOf(conversation: { readonly tags: { readonly chatId?: string | undefined } }): string {
  const { chatId } = conversation.tags;
  if (chatId === undefined) throw new Error('The conversation has no chatId tag: it was not created by the Telegram integration.');
  return chatId;
}
