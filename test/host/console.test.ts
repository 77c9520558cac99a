/**
 * The dev console (`GET /` on `intc dev`) in a real headless browser
 * (Debian's chromium, driven by playwright-core): a host on 127.0.0.1 runs
 * the Telegram example on its own (`telegram`) and the echo bot's two
 * installations of it (`main`, `support`), against a fake Bot API. The page
 * lists them; an action's form calls it and shows the output, or the
 * validation error marked on the field its path names; a chat sends a
 * message as a user (the bot's echo shown) or as the bot; what a webhook
 * stores (a state change, an event, a new conversation) appears while the
 * page is open; a failed reload is shown.
 *
 * The browser is found at $CHROMIUM_PATH, else `chromium`, `chromium-browser`
 * or `google-chrome` on the PATH. Without one the tests are skipped, and
 * their title says why (CI installs chromium: .ci/run).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as ConsoleScript from '../../packages/host/src/console/browser.js';
import { browserScript, consolePage } from '../../packages/host/src/console/page.js';
import { Host, HostLog, openStore, readJsonFile, type HostProject } from '../../packages/host/src/index.js';
import { UNKNOWN_CHAT, useFakeTelegram } from '../fake-telegram.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOKEN = '333333333:AAconsole-token';
const MAIN_TOKEN = '111111111:AAmain-token';
const SUPPORT_TOKEN = '222222222:AAsupport-token';
const WEBHOOK_SECRET = 'webhook-secret-console';

/** The chromium to drive ($CHROMIUM_PATH when it exists, else the first on the PATH), or undefined when this machine has none. */
function findChromium(): string | undefined {
  const given = process.env['CHROMIUM_PATH'];
  if (given !== undefined && given !== '' && existsSync(given)) return given;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (found !== '') return found;
    } catch {
      // not on the PATH
    }
  }
  return undefined;
}

const executablePath = findChromium();
const title = executablePath === undefined ? 'the dev console (SKIPPED: no chromium binary; install Debian\'s chromium or set CHROMIUM_PATH)' : 'the dev console in headless chromium';

function project(): HostProject {
  const telegram = { load: async () => (await import('../../examples/telegram/src/index.js')).default, definition: readJsonFile(join(repo, 'examples/telegram/src/generated/definition.json')) };
  return {
    units: [
      { kind: 'integration', name: 'telegram', ...telegram },
      { kind: 'bot', name: 'echo-bot', load: async () => (await import('../../examples/echo-bot/src/index.js')).default, integrations: { main: telegram, support: telegram } },
    ],
  };
}

describe.skipIf(executablePath === undefined)(title, () => {
  const api = useFakeTelegram([TOKEN, MAIN_TOKEN, SUPPORT_TOKEN]);
  const folder = mkdtempSync(join(tmpdir(), 'intc-console-'));
  let host: Host;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const env = {
      TELEGRAM_CONFIGURATION: JSON.stringify({ botToken: TOKEN, apiBaseUrl: api.baseUrl }),
      TELEGRAM_BOT_TOKEN: MAIN_TOKEN,
      TELEGRAM_SUPPORT_BOT_TOKEN: SUPPORT_TOKEN,
      TELEGRAM_API_BASE_URL: api.baseUrl,
      WEBHOOK_SECRET,
    };
    const store = await openStore(join(folder, 'state.db'));
    host = await Host.start({ host: '127.0.0.1', port: 0, store, env, mode: 'dev', log: new HostLog('pretty', () => {}) });
    await host.load(project());
    browser = await chromium.launch({ executablePath: executablePath!, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
    page = await browser.newPage();
    await page.goto(host.url);
    await page.locator('#connection.live').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const text = (selector: string) => () => page.locator(selector).innerText();
  /** What the page shows once the request, the stream and the redraw are through (slow on a loaded machine). */
  const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });

  async function open(target: string): Promise<void> {
    await page.click(`#targets a[data-target="${target}"]`);
    await page.locator('#target h2').filter({ hasText: target === 'telegram' ? 'Telegram' : 'alias of bot echo-bot' }).waitFor();
    await page.locator('#conversation-table tr').first().waitFor(); // listed after the states and events
  }

  it('lists the integration and the bot aliases, and shows an action form built from its input schema', async () => {
    expect(await page.locator('#targets a').allInnerTexts()).toEqual(['main', 'support', 'telegram']);
    await open('telegram');
    expect(await page.locator('#target h2').innerText()).toContain('integration telegram');
    expect(await page.locator('form.action').evaluateAll((forms) => forms.map((form) => form.getAttribute('data-action')))).toEqual(['getChat', 'sendMessage']);
    const send = page.locator('form[data-action="sendMessage"]');
    // Required fields first, each with its path; the boolean as a select; the description shown.
    expect(await send.locator('[data-path^="input."]').evaluateAll((fields) => fields.map((field) => field.getAttribute('data-path')))).toEqual(['input.chatId', 'input.text', 'input.silent']);
    expect(await send.locator('[data-path="input.chatId"] abbr').count()).toBe(1);
    expect(await send.locator('[data-path="input.silent"] abbr').count()).toBe(0);
    expect(await send.locator('select[name="input.silent"] option').allInnerTexts()).toEqual(['(not set)', 'true', 'false']);
    expect(await send.innerText()).toContain('Numeric chat ID');
  });

  it('builds forms for every kind of schema, and reads them back as the input', async () => {
    // The page's functions are globals of its script: build a form in the page, fill it, read it.
    const read = await page.evaluate(() => {
      const script = window as unknown as typeof ConsoleScript;
      const definition = { entities: { address: { schema: { type: 'object', properties: { city: { type: 'string' }, zip: { type: 'string' } }, required: ['city'] } } } };
      const schema = {
        type: 'object',
        required: ['kind', 'home'],
        properties: {
          kind: { enum: ['a', 'b'] },
          count: { type: 'integer', default: 2 },
          ratio: { type: 'number' },
          urgent: { type: 'boolean' },
          home: { $ref: '#/entities/address' },
          tags: { type: 'array', items: { type: 'string' } },
          version: { const: 1 },
        },
      };
      const field = script.schemaField(definition, schema, 'input', 'input', true, 0);
      const form = script.h('form', { id: 'probe' }, field.element);
      document.body.append(form);
      const set = (name: string, value: string) => {
        const control = form.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
        control.value = value;
      };
      const paths = [...form.querySelectorAll('[data-path]')].map((element) => element.getAttribute('data-path'));
      set('input.kind', 'b');
      set('input.home.city', 'Paris');
      set('input.tags', '["x", "y"]');
      set('input.urgent', 'false');
      const filled = field.read();
      set('input.tags', '[oops');
      const broken = field.read();
      form.remove();
      return { paths, filled, broken };
    });
    expect(read.paths).toEqual(['input', 'input.home', 'input.home.city', 'input.home.zip', 'input.kind', 'input.count', 'input.ratio', 'input.tags', 'input.urgent', 'input.version']);
    expect(read.filled).toEqual({ value: { kind: 'b', count: 2, home: { city: 'Paris' }, tags: ['x', 'y'], urgent: false, version: 1 } });
    expect(read.broken).toEqual({ error: { path: 'input.tags', message: 'is not valid JSON' } });
  });

  it('calls an action from its form and shows the output', async () => {
    await open('telegram');
    const send = page.locator('form[data-action="sendMessage"]');
    await send.locator('[name="input.chatId"]').fill('-100123');
    await send.locator('[name="input.text"]').fill('Hello from the console');
    await send.locator('[name="input.silent"]').selectOption('true');
    await send.locator('button[type="submit"]').click();
    await eventually(text('form[data-action="sendMessage"] .result')).toContain('200 output');
    expect(JSON.parse(await send.locator('.result pre').innerText())).toEqual({ messageId: '42' });
    expect(api.requests.map((request) => [request.path, request.body])).toEqual([
      [`/bot${TOKEN}/sendMessage`, { chat_id: '-100123', text: 'Hello from the console', disable_notification: true }],
    ]);
  });

  it('shows a bad input\'s located validation error on the fields its paths name, and calls nothing', async () => {
    await open('telegram');
    const send = page.locator('form[data-action="sendMessage"]');
    await send.locator('[name="input.chatId"]').fill('not-a-number');
    await send.locator('[name="input.text"]').fill('');
    await send.locator('button[type="submit"]').click();
    await eventually(text('form[data-action="sendMessage"] .result')).toMatch(/^400 invalid-input at input\.(chatId|text)/);
    expect(await send.locator('[data-path="input.chatId"].invalid .field-error').innerText()).toBe('input.chatId must match pattern "^-?[0-9]+$"');
    expect(await send.locator('[data-path="input.text"].invalid .field-error').innerText()).toBe('input.text is required');
    expect(await send.locator('[data-path="input.silent"].invalid').count()).toBe(0);
    expect(api.requests).toEqual([]);

    // Fixed, the marks go and the call goes through.
    await send.locator('[name="input.chatId"]').fill('-100123');
    await send.locator('[name="input.text"]').fill('Fixed');
    await send.locator('button[type="submit"]').click();
    await eventually(text('form[data-action="sendMessage"] .result')).toContain('200 output');
    expect(await send.locator('.invalid').count()).toBe(0);
  });

  it('sends a chat message as a user and shows the bot\'s answer, and a bad payload\'s path', async () => {
    await open('main');
    const chat = page.locator('form.chat[data-channel="channel"]');
    expect(await chat.locator('select[name="type"] option').allInnerTexts()).toEqual(['image', 'text']);
    expect(await chat.locator('select[name="type"]').inputValue()).toBe('text');
    await chat.locator('[name="tag.chatId"]').fill('-100777');
    await chat.locator('[name="payload.text"]').fill('ping');
    await chat.getByRole('button', { name: 'Send as user' }).click();
    await eventually(() => chat.locator('.timeline li').allInnerTexts()).toEqual(['you · text\nping', 'bot · text\nping']);
    // The bot's echo went through the integration's channel handler to the Bot API of `main`.
    expect(api.requests.map((request) => [request.path, request.body])).toEqual([[`/bot${MAIN_TOKEN}/sendMessage`, { chat_id: '-100777', text: 'ping' }]]);

    // The same conversation while the tags stay: a second exchange is added to it.
    await chat.locator('[name="payload.text"]').fill('pong');
    await chat.getByRole('button', { name: 'Send as user' }).click();
    await eventually(() => chat.locator('.timeline li').count()).toBe(4);

    await chat.locator('[name="payload.text"]').fill('');
    await chat.getByRole('button', { name: 'Send as user' }).click();
    await eventually(text('form.chat[data-channel="channel"] .result')).toMatch(/^400 invalid-input at payload\.text/);
    expect(await chat.locator('[data-path="payload.text"] .field-error').innerText()).toBe('payload.text is required');
    expect(await chat.locator('.timeline li').count()).toBe(4);
  });

  it('runs the register and unregister handlers', async () => {
    await open('telegram');
    const registration = page.locator('#target .registration');
    await registration.getByRole('button', { name: 'Register', exact: true }).click();
    await eventually(text('#target .registration .result')).toBe('200 registered');
    await registration.getByRole('button', { name: 'Unregister' }).click();
    await eventually(text('#target .registration .result')).toBe('200 unregistered');
    expect(api.requests.map((request) => request.path)).toEqual([`/bot${TOKEN}/setWebhook`, `/bot${TOKEN}/deleteWebhook`]);
    expect(api.requests[0]!.body['url']).toBe(`${host.url}/webhooks/telegram`);
  });

  it('says which chats the bot disables, and sends nothing as the bot there', async () => {
    await open('support');
    const chat = page.locator('form.chat[data-channel="channel"]');
    expect(await chat.locator('.notice').innerText()).toContain('The bot disables this channel for support');
    expect(await chat.getByRole('button', { name: 'Send as bot' }).isDisabled()).toBe(true);
    // The API refuses it too, as the bot's client would.
    const response = await fetch(`${host.url}/_intc/api/outgoing`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target: 'support', channel: 'channel', conversationTags: { chatId: '1' }, type: 'text', payload: { text: 'x' } }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('channel-disabled');
    expect(api.requests).toEqual([]);
  });

  it('sends as the bot through the integration\'s channel handler', async () => {
    await open('telegram');
    const chat = page.locator('form.chat[data-channel="channel"]');
    await chat.locator('[name="tag.chatId"]').fill('-100555');
    await chat.locator('[name="payload.text"]').fill('Announcement');
    await chat.getByRole('button', { name: 'Send as bot' }).click();
    await eventually(() => chat.locator('.timeline li').allInnerTexts()).toEqual(['bot · text\nAnnouncement']);
    expect(api.requests.map((request) => [request.path, request.body])).toEqual([[`/bot${TOKEN}/sendMessage`, { chat_id: '-100555', text: 'Announcement' }]]);
  });

  it('shows a state change, an event and a new conversation as they happen, and opens the conversation in its chat', async () => {
    await open('telegram');
    expect(await page.locator('#conversation-table tr[data-conversation]').count()).toBe(1); // the one the bot sent to, above
    const from = { id: 555, is_bot: false, first_name: 'Ada' };
    const message = { message_id: 3, date: 1700000000, chat: { id: -100123, type: 'group' }, from, text: 'Hi from Telegram', new_chat_members: [{ id: 777, is_bot: false, first_name: 'Bob' }] };
    const update = { update_id: 9, message };
    const response = await fetch(`${host.url}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
      body: JSON.stringify(update),
    });
    expect(response.status).toBe(200);
    await eventually(text('#state-table tr[data-state="lastUpdate"]')).toContain('"updateId": 9');
    await eventually(text('#event-list li')).toContain('memberJoined');
    expect(await page.locator('#event-list li').first().innerText()).toContain('"userId": "777"');
    await eventually(() => page.locator('#conversation-table tr[data-conversation]').count()).toBe(2);
    const row = page.locator('#conversation-table tr[data-conversation]').first();
    expect(await row.innerText()).toContain('chatId=-100123');
    await row.getByRole('button', { name: 'Open in chat' }).click();
    const chat = page.locator('form.chat[data-channel="channel"]');
    await eventually(() => chat.locator('.timeline li').allInnerTexts()).toEqual([expect.stringMatching(/^user-\d+ · text\nHi from Telegram$/)]);
    expect(await chat.locator('[name="tag.chatId"]').inputValue()).toBe('-100123');
  });

  it('shows a failed reload, and clears it when a reload succeeds, chats kept', async () => {
    const broken: HostProject = { units: [{ kind: 'integration', name: 'telegram', load: async () => ({ not: 'an integration' }) }] };
    await expect(host.load(broken)).rejects.toThrow(/does not export an integration/);
    await eventually(text('#reload-error')).toContain('does not export an integration');
    await host.load(project());
    await page.locator('#reload-error').waitFor({ state: 'hidden' });
    expect(await page.locator('#targets a').allInnerTexts()).toEqual(['main', 'support', 'telegram']);
    // The page was redrawn for the new code; a chat keeps its conversation.
    await open('main');
    const chat = page.locator('form.chat[data-channel="channel"]');
    expect(await chat.locator('[name="tag.chatId"]').inputValue()).toBe('-100777');
    expect(await chat.locator('.timeline li').allInnerTexts()).toEqual(['you · text\nping', 'bot · text\nping', 'you · text\npong', 'bot · text\npong']);
  });

  it('shows a bot reply the channel handler could not send, and what the handlers logged', async () => {
    await open('main');
    const chat = page.locator('form.chat[data-channel="channel"]');
    await chat.locator('[name="tag.chatId"]').fill(UNKNOWN_CHAT);
    await chat.locator('[name="payload.text"]').fill('anyone there?');
    await chat.getByRole('button', { name: 'Send as user' }).click();
    await eventually(() => chat.locator('.timeline li').allInnerTexts()).toEqual([
      'you · text\nanyone there?',
      expect.stringMatching(/^bot · text\nanyone there\?\nnot delivered: .*chat not found/),
    ]);
    await eventually(text('#log-lines')).toMatch(/error main: the bot's handler for "text" messages of channel "channel" failed/);
    expect(await page.locator('#log-lines').innerText()).not.toContain(MAIN_TOKEN);
  });

  it('refuses a POST to its API from another site, and what is not one of its endpoints', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${host.url}/_intc/api/messages`, { method: 'POST', headers, body: JSON.stringify({ target: 'main', channel: 'channel', type: 'text', payload: { text: 'x' } }) });
    expect((await post({ 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post({ 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // Names of the object's prototype are no endpoints.
    expect((await fetch(`${host.url}/_intc/api/constructor?target=main`)).status).toBe(404);
  });
});

describe('the console page\'s script', () => {
  it('is the source of every function declaration the module exports, then main()', () => {
    const module = {
      main: function main() {
        return 1;
      },
      load: async function load() {},
    };
    expect(browserScript(module)).toBe(`'use strict';\n${String(module.load)}\n${String(module.main)}\nmain();`);
  });

  it('refuses what would not run as a script: a value, an arrow or a method, "</script"', () => {
    expect(() => browserScript({ main: function main() {}, limit: 3 })).toThrow(/exports limit, which is not a function declaration/);
    expect(() => browserScript({ main: () => {} })).toThrow(/exports main, which is not a function declaration/);
    expect(() => browserScript({ main() {} })).toThrow(/exports main, which is not a function declaration/);
    // Built from text: esbuild (which compiles this test) escapes "</script" in the literals it writes.
    expect(() => browserScript({ main: new Function('return "</script>";') })).toThrow(/must not contain "<\/script"/);
  });

  it('carries the console\'s module, and tsc\'s build of it is a script that parses', async () => {
    expect(consolePage()).toContain('function main()');
    // The host runs tsc's output (ES2022 modules), not what vitest compiled: build browser.ts so.
    const source = readFileSync(join(repo, 'packages/host/src/console/browser.ts'), 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 } });
    const built = (await import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`)) as { readonly [name: string]: unknown };
    const script = browserScript(built);
    expect(() => new Function(script)).not.toThrow();
    expect(Object.keys(built).length).toBeGreaterThan(20);
  });
});
