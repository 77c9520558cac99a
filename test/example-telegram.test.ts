/**
 * The Telegram example (examples/telegram) driven through the runtime as a
 * host would drive it, against a fake Bot API on 127.0.0.1 that records every
 * request and answers as Telegram does. Also: the example type-checks with its
 * own tsconfig, and its committed generated code is fresh (`intc generate --check`).
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { InputValidationError, MissingSecretError } from '@intc/runtime';
import integration from '../examples/telegram/src/index.js';
import { TelegramApiError } from '../examples/telegram/src/telegram-api.js';
import { UNKNOWN_CHAT, useFakeTelegram } from './fake-telegram.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const example = join(repo, 'examples', 'telegram');

const BOT_TOKEN = '123456789:AAHk-test-token';
const WEBHOOK_SECRET = 'webhook-secret-4f2a';

const telegram = useFakeTelegram([BOT_TOKEN]);
const { requests } = telegram;

// ---- the integration, started as a host would ------------------------------

function startTelegram() {
  const log: string[] = [];
  const instance = integration.start({
    configuration: { botToken: BOT_TOKEN, apiBaseUrl: telegram.baseUrl },
    env: { WEBHOOK_SECRET },
    logger: (level, line) => log.push(`[${level}] ${line}`),
    // The token is configuration marked `writeOnly: true` in the manifest: logs redact it with no `redact` option.
  });
  return { instance, log };
}

type Instance = ReturnType<typeof startTelegram>['instance'];

const ada = { id: 555, is_bot: false, first_name: 'Ada', username: 'ada' };
const group = { id: -100123, type: 'group', title: 'Team chat' };

function textUpdate(updateId: number, text: string): object {
  return { update_id: updateId, message: { message_id: 7, date: 1700000000, chat: group, from: ada, text } };
}

/** POSTs the update as Telegram does (`secret: null` sends no secret header). */
function post(instance: Instance, update: object, secret: string | null = WEBHOOK_SECRET) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (secret !== null) headers['X-Telegram-Bot-Api-Secret-Token'] = secret;
  return instance.handleWebhook({ method: 'POST', path: '/', headers, body: JSON.stringify(update) });
}

describe('webhook: Telegram → the bot', () => {
  it('turns a text message into a user, a conversation and a message, and stores the last update', async () => {
    const { instance } = startTelegram();
    const response = await post(instance, textUpdate(1001, 'Hello bot'));

    expect(response.status).toBe(200);
    const { users, conversations, messages, states } = instance.client;
    expect(users).toEqual([{ id: 'user-1', tags: { telegramId: '555', username: 'ada' } }]);
    expect(conversations).toEqual([{ id: 'conversation-1', channel: 'channel', tags: { chatId: '-100123' } }]);
    expect(messages).toEqual([
      {
        id: 'message-1',
        conversationId: 'conversation-1',
        userId: 'user-1',
        type: 'text',
        payload: { text: 'Hello bot' },
        tags: { messageId: '7' },
      },
    ]);
    expect(states).toEqual([{ type: 'integration', id: instance.ctx.integrationId, name: 'lastUpdate', payload: { updateId: 1001 } }]);
    expect(requests).toEqual([]);
  });

  it('handles an update Telegram sends again only once, and later ones in the same conversation', async () => {
    const { instance } = startTelegram();
    await post(instance, textUpdate(1001, 'Hello bot'));
    await post(instance, textUpdate(1001, 'Hello bot'));
    await post(instance, textUpdate(1002, 'Still there?'));

    expect(instance.client.messages.map((m) => m.payload)).toEqual([{ text: 'Hello bot' }, { text: 'Still there?' }]);
    expect(instance.client.conversations).toHaveLength(1);
    expect(instance.client.users).toHaveLength(1);
    expect(instance.client.states[0]?.payload).toEqual({ updateId: 1002 });
  });

  it.each([
    ['a wrong secret', 'not-the-secret'],
    ['no secret', null],
  ])('answers 401 to a request with %s, and creates nothing', async (_, secret) => {
    const { instance } = startTelegram();
    const response = await post(instance, textUpdate(1001, 'Hello bot'), secret);

    expect(response.status).toBe(401);
    const { users, conversations, messages, events, states } = instance.client;
    expect([users, conversations, messages, events, states]).toEqual([[], [], [], [], []]);
  });

  it('answers 400 to a body that is not a Telegram update', async () => {
    const { instance } = startTelegram();
    const headers = { 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET };
    expect((await instance.handleWebhook({ headers, body: 'not json' })).status).toBe(400);
    expect((await instance.handleWebhook({ headers, body: '{"message":{}}' })).status).toBe(400);
    expect(instance.client.states).toEqual([]);
  });

  it('turns new_chat_members into memberJoined events', async () => {
    const { instance } = startTelegram();
    const grace = { id: 777, is_bot: false, first_name: 'Grace' };
    const update = { update_id: 2001, message: { message_id: 8, date: 1700000000, chat: group, from: ada, new_chat_members: [grace] } };
    await post(instance, update);

    expect(instance.client.events).toEqual([
      { id: 'event-1', type: 'memberJoined', conversationId: 'conversation-1', payload: { chatId: '-100123', userId: '777' } },
    ]);
    expect(instance.client.messages).toEqual([]);
  });
});

describe('actions: the bot → Telegram', () => {
  it('sendMessage makes exactly one Bot API request and returns the typed output', async () => {
    const { instance } = startTelegram();
    const output = await instance.callAction('sendMessage', { chatId: '-100123', text: 'Hi all', silent: true });

    expect(output).toEqual({ messageId: '42' });
    expect(requests).toEqual([
      {
        httpMethod: 'POST',
        path: `/bot${BOT_TOKEN}/sendMessage`,
        contentType: 'application/json',
        body: { chat_id: '-100123', text: 'Hi all', disable_notification: true },
      },
    ]);
  });

  it('getChat returns the chat entity', async () => {
    const { instance } = startTelegram();
    expect(await instance.callAction('getChat', { chatId: '-100123' })).toEqual({ id: '-100123', type: 'group', title: 'Team chat' });
    expect(requests.map((r) => [r.path, r.body])).toEqual([[`/bot${BOT_TOKEN}/getChat`, { chat_id: '-100123' }]]);
  });

  it('rejects bad input with an error naming the field, before any request', async () => {
    const { instance } = startTelegram();
    const notNumeric = instance.callAction('sendMessage', { chatId: 'abc', text: 'Hi' });
    await expect(notNumeric).rejects.toThrow(InputValidationError);
    await expect(notNumeric).rejects.toThrow(/input\.chatId must match pattern/);

    // @ts-expect-error text is required: a compile error, and a runtime one for callers without types.
    const noText = instance.callAction('sendMessage', { chatId: '1' });
    await expect(noText).rejects.toMatchObject({ name: 'InputValidationError', issues: [{ path: 'input.text', message: 'is required' }] });

    expect(requests).toEqual([]);
  });

  it('turns a Bot API error into a clear error without the token', async () => {
    const { instance } = startTelegram();
    const call = instance.callAction('sendMessage', { chatId: UNKNOWN_CHAT, text: 'Hi' });

    await expect(call).rejects.toThrow(TelegramApiError);
    await expect(call).rejects.toThrow('Telegram sendMessage failed (400): Bad Request: chat not found');
    await call.catch((error: Error) => expect(`${error.message}\n${error.stack}`).not.toContain(BOT_TOKEN));
  });

  it('says which Bot API it cannot reach', async () => {
    const closed = createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const unreachable = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    closed.close();
    await once(closed, 'close');
    const instance = integration.start({ configuration: { botToken: BOT_TOKEN, apiBaseUrl: unreachable }, env: { WEBHOOK_SECRET } });

    const call = instance.callAction('getChat', { chatId: '1' });
    await expect(call).rejects.toThrow(TelegramApiError);
    await expect(call).rejects.toThrow(`Telegram getChat failed: cannot reach ${unreachable} (connect ECONNREFUSED`);
  });
});

describe('channel messages: the bot → Telegram', () => {
  const conversation = { id: 'conversation-9', tags: { chatId: '-100123' } };

  it('sends a text message to the conversation’s chat', async () => {
    const { instance } = startTelegram();
    await instance.handleMessage({ channel: 'channel', type: 'text', payload: { text: 'Hello from the bot' }, conversation });

    expect(requests.map((r) => [r.path, r.body])).toEqual([
      [`/bot${BOT_TOKEN}/sendMessage`, { chat_id: '-100123', text: 'Hello from the bot' }],
    ]);
  });

  it('sends an image message as a photo', async () => {
    const { instance } = startTelegram();
    const payload = { imageUrl: 'https://example.com/cat.png', caption: 'A cat' };
    await instance.handleMessage({ channel: 'channel', type: 'image', payload, conversation });

    expect(requests.map((r) => [r.path, r.body])).toEqual([
      [`/bot${BOT_TOKEN}/sendPhoto`, { chat_id: '-100123', photo: 'https://example.com/cat.png', caption: 'A cat' }],
    ]);
  });
});

describe('register, unregister, secrets and logs', () => {
  it('register sets the webhook with the secret; unregister deletes it', async () => {
    const { instance } = startTelegram();
    await instance.register();
    await instance.unregister();

    expect(requests.map((r) => [r.path, r.body])).toEqual([
      [`/bot${BOT_TOKEN}/setWebhook`, { url: instance.webhookUrl, secret_token: WEBHOOK_SECRET }],
      [`/bot${BOT_TOKEN}/deleteWebhook`, {}],
    ]);
  });

  it('does not start without WEBHOOK_SECRET', () => {
    const start = () => integration.start({ configuration: { botToken: BOT_TOKEN, apiBaseUrl: telegram.baseUrl }, env: {} });
    expect(start).toThrow(MissingSecretError);
    expect(start).toThrow(/WEBHOOK_SECRET/);
  });

  it('never prints the bot token or the webhook secret', async () => {
    const { instance, log } = startTelegram();
    await instance.register();
    await instance.callAction('sendMessage', { chatId: '-100123', text: 'Hi' });
    await post(instance, textUpdate(1001, 'Hello'), 'wrong');

    const printed = log.join('\n');
    expect(printed).toContain('setWebhook'); // the handlers did log, with the values redacted
    expect(printed).toContain('[redacted]');
    expect(printed).not.toContain(BOT_TOKEN);
    expect(printed).not.toContain(WEBHOOK_SECRET);
  });
});

describe('the example project', () => {
  it('type-checks with its own tsconfig (strict, nodenext, @intc/runtime from dist)', () => {
    const configPath = join(example, 'tsconfig.json');
    const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
    expect(error).toBeUndefined();
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, example);
    const program = ts.createProgram(parsed.fileNames, parsed.options);
    const diagnostics = [...parsed.errors, ...ts.getPreEmitDiagnostics(program)];
    const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => repo, getNewLine: () => '\n' };
    expect(ts.formatDiagnostics(diagnostics, host)).toBe('');
    expect(parsed.fileNames.length).toBeGreaterThan(10);
  });

  it('has fresh generated code (intc generate --check exits 0)', () => {
    const run = spawnSync(process.execPath, [join(repo, 'packages', 'intc', 'bin', 'intc.cjs'), 'generate', '--check', 'examples/telegram'], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect({ status: run.status, output: run.stdout + run.stderr }).toMatchObject({ status: 0 });
  });
});
