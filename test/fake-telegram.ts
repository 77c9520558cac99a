/**
 * A fake Telegram Bot API on 127.0.0.1 for the example tests: it records
 * every request and answers as Telegram does (`{ ok, result }`, or
 * `{ ok: false, error_code, description }`), for the bot tokens it is given.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** A chat id the fake Bot API does not know. */
export const UNKNOWN_CHAT = '404';

export interface BotApiRequest {
  readonly httpMethod: string;
  readonly path: string;
  readonly contentType: string | undefined;
  readonly body: Record<string, unknown>;
}

export interface FakeTelegram {
  /** `http://127.0.0.1:<port>`, known once the server listens (in `beforeAll`). */
  readonly baseUrl: string;
  /** Every request, in order; emptied before each test. */
  readonly requests: BotApiRequest[];
}

/** Starts the fake before the file's tests, stops it after them, and forgets requests before each test. */
export function useFakeTelegram(tokens: readonly string[]): FakeTelegram {
  const requests: BotApiRequest[] = [];
  const server = createServer((req, res) => void answer(req, res, tokens, requests));
  let baseUrl = '';

  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await once(server, 'close');
  });
  beforeEach(() => {
    requests.length = 0;
  });

  return {
    get baseUrl() {
      return baseUrl;
    },
    requests,
  };
}

async function answer(req: IncomingMessage, res: ServerResponse, tokens: readonly string[], requests: BotApiRequest[]): Promise<void> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  const body = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
  const path = req.url ?? '';
  requests.push({ httpMethod: req.method ?? '', path, contentType: req.headers['content-type'], body });
  const [, token, method] = /^\/bot([^/]+)\/(\w+)$/.exec(path) ?? [];
  const { status, json } = token !== undefined && tokens.includes(token) ? botApi(method ?? '', body) : failure(401, 'Unauthorized');
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
}

function botApi(method: string, body: Record<string, unknown>): { status: number; json: object } {
  if (body['chat_id'] === UNKNOWN_CHAT) return failure(400, 'Bad Request: chat not found');
  const chat = { id: Number(body['chat_id']), type: 'group', title: 'Team chat' };
  switch (method) {
    case 'sendMessage':
    case 'sendPhoto':
      return { status: 200, json: { ok: true, result: { message_id: 42, date: 1700000000, chat, text: body['text'] } } };
    case 'getChat':
      return { status: 200, json: { ok: true, result: chat } };
    case 'setWebhook':
    case 'deleteWebhook':
      return { status: 200, json: { ok: true, result: true, description: 'Webhook was set' } };
    default:
      return failure(404, 'Not Found');
  }
}

function failure(status: number, description: string): { status: number; json: object } {
  return { status, json: { ok: false, error_code: status, description } };
}
