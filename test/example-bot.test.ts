/**
 * The echo bot example (examples/echo-bot) run end to end in one process:
 * the bot's runtime starts the Telegram example integration twice (`main`,
 * and `support` with its channel disabled) against a fake Bot API on
 * 127.0.0.1. A webhook update reaches the integration's handler, which
 * creates a message; the bot's handler answers; the integration's channel
 * handler sends the answer to the Bot API. Also: the example type-checks
 * with its own tsconfig, and its committed generated code is fresh.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { MissingEnvironmentVariableError, type LogLevel } from '@intc/runtime';
import bot from '../examples/echo-bot/src/index.js';
import telegram from '../examples/telegram/src/index.js';
import { useFakeTelegram } from './fake-telegram.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const example = join(repo, 'examples', 'echo-bot');

const MAIN_TOKEN = '111111111:AAmain-token';
const SUPPORT_TOKEN = '222222222:AAsupport-token';
const WEBHOOK_SECRET = 'webhook-secret-77c1';

const api = useFakeTelegram([MAIN_TOKEN, SUPPORT_TOKEN]);

function environment() {
  return { TELEGRAM_BOT_TOKEN: MAIN_TOKEN, TELEGRAM_SUPPORT_BOT_TOKEN: SUPPORT_TOKEN, TELEGRAM_API_BASE_URL: api.baseUrl, WEBHOOK_SECRET };
}

function startBot(env: Record<string, string | undefined> = environment()) {
  const log: string[] = [];
  const running = bot.start({
    integrations: { main: telegram, support: telegram },
    env,
    logger: (level: LogLevel, line: string) => log.push(`[${level}] ${line}`),
  });
  return { running, log };
}

type Running = ReturnType<typeof startBot>['running'];

const ada = { id: 555, is_bot: false, first_name: 'Ada', username: 'ada' };
const group = { id: -100123, type: 'group', title: 'Team chat' };

function textUpdate(updateId: number, text: string): object {
  return { update_id: updateId, message: { message_id: 7, date: 1700000000, chat: group, from: ada, text } };
}

/** POSTs the update to the alias's webhook as Telegram does. */
function post(running: Running, alias: 'main' | 'support', update: object) {
  const headers = { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': WEBHOOK_SECRET };
  return running.handleWebhook(alias, { method: 'POST', path: '/', headers, body: JSON.stringify(update) });
}

const sent = () => api.requests.map((r) => [r.path, r.body]);

describe('the echo bot, end to end', () => {
  it('answers a text message on main with the same text, through the Bot API', async () => {
    const { running } = startBot();
    const response = await post(running, 'main', textUpdate(1001, 'Hello bot'));

    expect(response.status).toBe(200);
    expect(running.instances.main.client.messages.map((m) => m.payload)).toEqual([{ text: 'Hello bot' }]);
    expect(sent()).toEqual([[`/bot${MAIN_TOKEN}/sendMessage`, { chat_id: '-100123', text: 'Hello bot' }]]);
  });

  it('answers each new update once; a repeated update is not answered again', async () => {
    const { running } = startBot();
    await post(running, 'main', textUpdate(1001, 'one'));
    await post(running, 'main', textUpdate(1001, 'one'));
    await post(running, 'main', textUpdate(1002, 'two'));
    expect(sent().map(([, body]) => body)).toEqual([
      { chat_id: '-100123', text: 'one' },
      { chat_id: '-100123', text: 'two' },
    ]);
  });

  it('welcomes a user who joins a group, through client.main.sendMessage', async () => {
    const { running } = startBot();
    const grace = { id: 777, is_bot: false, first_name: 'Grace' };
    await post(running, 'main', { update_id: 2001, message: { message_id: 8, date: 1700000000, chat: group, from: ada, new_chat_members: [grace] } });
    expect(sent()).toEqual([[`/bot${MAIN_TOKEN}/sendMessage`, { chat_id: '-100123', text: 'Welcome!' }]]);
  });

  it('does not hand a message on support (its channel is disabled) to the bot', async () => {
    const { running } = startBot();
    const response = await post(running, 'support', textUpdate(3001, 'Anyone there?'));

    expect(response.status).toBe(200);
    expect(running.instances.support.client.messages).toHaveLength(1); // the integration recorded it
    expect(api.requests).toEqual([]); // the bot never answered
  });

  it('calls support’s actions with support’s own configuration, and refuses its disabled channel', async () => {
    const { running } = startBot();
    await expect(running.client.support.actions.sendMessage({ chatId: '-100999', text: 'New ticket' })).resolves.toEqual({ messageId: '42' });
    expect(sent()).toEqual([[`/bot${SUPPORT_TOKEN}/sendMessage`, { chat_id: '-100999', text: 'New ticket' }]]);

    const toDisabled = { channel: 'channel', conversationId: 'conversation-1', type: 'text', payload: { text: 'x' } } as never;
    await expect(running.client.support.sendMessage(toDisabled)).rejects.toThrow('Cannot send to channel "channel" of "support"');
  });

  it('registers both Telegram bots, each with its own token and webhook URL', async () => {
    const { running } = startBot();
    await running.register();
    expect(sent()).toEqual([
      [`/bot${MAIN_TOKEN}/setWebhook`, { url: 'http://localhost/webhooks/main', secret_token: WEBHOOK_SECRET }],
      [`/bot${SUPPORT_TOKEN}/setWebhook`, { url: 'http://localhost/webhooks/support', secret_token: WEBHOOK_SECRET }],
    ]);
  });

  it('does not start without a variable its configuration needs, naming it and where it is used', () => {
    const env = { ...environment(), TELEGRAM_BOT_TOKEN: undefined };
    let error: unknown;
    try {
      startBot(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MissingEnvironmentVariableError);
    const message = (error as Error).message;
    expect(message).toBe('Missing environment variable: TELEGRAM_BOT_TOKEN (used at integrations.main.configuration.botToken). Set it before starting the bot.');
    for (const value of [SUPPORT_TOKEN, WEBHOOK_SECRET, api.baseUrl]) expect(message).not.toContain(value);
  });

  it('never prints the tokens filled in from the environment or the webhook secret', async () => {
    const { running, log } = startBot();
    await running.register();
    await post(running, 'main', textUpdate(1001, 'Hello'));
    await running.client.support.actions.sendMessage({ chatId: '-100999', text: 'Hi' });

    const printed = log.join('\n');
    expect(printed).toContain('[debug] main: Telegram sendMessage'); // the integrations did log, prefixed with their alias
    expect(printed).toContain('[redacted]');
    for (const value of [MAIN_TOKEN, SUPPORT_TOKEN, WEBHOOK_SECRET]) expect(printed).not.toContain(value);
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
    expect(parsed.fileNames.length).toBeGreaterThanOrEqual(5);
  });

  it('has fresh generated code (intc generate --check exits 0)', () => {
    const run = spawnSync(process.execPath, [join(repo, 'packages', 'intc', 'bin', 'intc.cjs'), 'generate', '--check', 'examples/echo-bot'], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect({ status: run.status, output: run.stdout + run.stderr }).toMatchObject({ status: 0 });
  });
});
