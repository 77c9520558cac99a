/**
 * `intc dev` as a new user runs it, over real HTTP on 127.0.0.1: the echo
 * bot and the Telegram example it installs twice, copied into a fresh
 * project. Generates, registers each alias with its webhook URL, answers a
 * webhook by replying through a fake Telegram API, serves actions (200,
 * 400 with the path, 404, 500 redacted), reloads on a handler change and
 * keeps the last good code when a change does not compile, and keeps the
 * conversation and its state across a restart (SQLite in .intc/).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../packages/host/src/index.js';
import { ROOT } from '../fixture-harness.js';
import { startIntc, type Worker } from './child-process.js';
import { post, startFakeTelegram, tempProject, type FakeApi } from './http-helpers.js';

const TIMEOUT = 120_000;
const SECRET = 'hook-secret-9f3c2a';

let project: string;
let api: FakeApi;
let dev: Worker | undefined;
let url: string;

function update(id: number, text: string) {
  return { update_id: id, message: { message_id: id, date: 1, chat: { id: 42, type: 'private' }, from: { id: 5, first_name: 'Ada' }, text } };
}

const webhook = (body: unknown) => post(`${url}/webhooks/main`, body, { 'x-telegram-bot-api-secret-token': SECRET });
const sentTexts = () => api.requests.filter((r) => r.path.endsWith('/sendMessage')).map((r) => r.body['text']);

async function startDev(): Promise<void> {
  dev = startIntc(['dev', 'echo-bot', '--port', '0'], project, {
    TELEGRAM_BOT_TOKEN: '1:main-token',
    TELEGRAM_SUPPORT_BOT_TOKEN: '2:support-token',
    TELEGRAM_API_BASE_URL: api.url,
    WEBHOOK_SECRET: SECRET,
  });
  const line = await dev.waitFor(/^Serving main, support on /);
  url = line.replace(/^Serving main, support on /, '').trim();
  await dev.waitFor(/Registered support/);
}

async function stopDev(): Promise<number | null> {
  dev!.child.kill('SIGTERM');
  const { code } = await dev!.exited;
  dev = undefined;
  return code;
}

beforeAll(async () => {
  api = await startFakeTelegram();
  project = tempProject('intc-dev-', ['examples/telegram', 'examples/echo-bot']);
  await startDev();
}, TIMEOUT);

afterAll(async () => {
  dev?.child.kill('SIGKILL');
  await api?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('intc dev', { timeout: TIMEOUT }, () => {
  it('generated both projects and registered each alias with its webhook URL', () => {
    expect(readFileSync(join(project, 'echo-bot', 'src', 'generated', 'bot.ts'), 'utf8')).toContain('class Bot');
    expect(readFileSync(join(project, 'telegram', 'src', 'generated', 'integration.ts'), 'utf8')).toContain('class Integration');
    const registrations = api.requests.filter((r) => r.path.endsWith('/setWebhook'));
    expect(registrations).toEqual([
      { path: '/bot1:main-token/setWebhook', body: { url: `${url}/webhooks/main`, secret_token: SECRET } },
      { path: '/bot2:support-token/setWebhook', body: { url: `${url}/webhooks/support`, secret_token: SECRET } },
    ]);
  });

  it('GET /healthz → 200', async () => {
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
  });

  it('a port in use is told with what to do, exit 1', () => {
    const port = new URL(url).port;
    const run = spawnSync(process.execPath, [join(ROOT, 'packages', 'intc', 'bin', 'intc.cjs'), 'dev', 'echo-bot', '--port', port], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stderr).toBe(`intc dev: Port ${port} on 127.0.0.1 is in use: stop what listens there, or pass --port <another> (0: any free port).\n`);
  });

  it('a webhook reaches the bot, whose reply reaches the platform API', async () => {
    const answer = await webhook(update(1, 'Hello'));
    expect(answer.status).toBe(200);
    expect(sentTexts()).toEqual(['Hello']);
    expect(api.requests.at(-1)).toEqual({ path: '/bot1:main-token/sendMessage', body: { chat_id: '42', text: 'Hello' } });
    expect((await webhook({ nonsense: true })).status).toBe(400);
    expect((await post(`${url}/webhooks/main`, update(2, 'x'), { 'x-telegram-bot-api-secret-token': 'wrong' })).status).toBe(401);
  });

  it('an action: 200 with the output, then 400 with the path for a bad input (handler not called), 404 for an unknown one', async () => {
    const sent = await post(`${url}/actions/main/sendMessage`, { chatId: '42', text: 'hi' });
    expect(sent).toMatchObject({ status: 200, json: { messageId: '77' } });
    const calls = api.requests.length;
    const bad = await post(`${url}/actions/main/sendMessage`, { chatId: 42, text: 'hi' });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'invalid-input', path: 'input.chatId', message: expect.stringContaining('chatId must be a string') } });
    expect(api.requests.length).toBe(calls);
    expect((await post(`${url}/actions/main/nope`, {})).status).toBe(404);
    expect((await post(`${url}/actions/nobody/sendMessage`, {})).status).toBe(404);
    expect((await post(`${url}/actions/main/sendMessage`, '{not json')).json).toMatchObject({ error: { code: 'invalid-json', path: 'input' } });
  });

  it('register and unregister run for one alias, with its webhook URL', async () => {
    expect(await post(`${url}/register/support`, {})).toMatchObject({ status: 200, json: { registered: 'support', webhookUrl: `${url}/webhooks/support` } });
    expect(api.requests.at(-1)).toEqual({ path: '/bot2:support-token/setWebhook', body: { url: `${url}/webhooks/support`, secret_token: SECRET } });
    expect((await post(`${url}/unregister/support`, {})).status).toBe(200);
    expect(api.requests.at(-1)?.path).toBe('/bot2:support-token/deleteWebhook');
  });

  it('reloads on a handler change; a change that does not compile is shown and the last good code keeps serving', async () => {
    const index = join(project, 'echo-bot', 'src', 'index.ts');
    const original = readFileSync(index, 'utf8');
    const echoed = original.replace('payload: { text: payload.text }', "payload: { text: `echo: ${payload.text}` }");
    expect(echoed).not.toBe(original);
    const reloads = dev!.lines.filter((line) => line.startsWith('Serving ')).length;
    writeFileSync(index, echoed);
    await waitUntil(() => dev!.lines.filter((line) => line.startsWith('Serving ')).length > reloads);
    expect((await webhook(update(2, 'Again'))).status).toBe(200);
    expect(sentTexts().at(-1)).toBe('echo: Again');

    writeFileSync(index, echoed.replace('`echo: ${payload.text}`', '`echo: ${payload.text}` +'));
    await dev!.waitFor(/^Reload failed \(a handler does not compile\): still serving the last good code/);
    expect((await webhook(update(3, 'Still'))).status).toBe(200);
    expect(sentTexts().at(-1)).toBe('echo: Still');
    writeFileSync(index, echoed);
    await waitUntil(() => dev!.lines.filter((line) => line.startsWith('Serving ')).length > reloads + 1);
  });

  it('a manifest with an error is reported with its location and the last good code keeps serving; fixing it reloads', async () => {
    const manifest = join(project, 'telegram', 'integration.yaml');
    const original = readFileSync(manifest, 'utf8');
    const served = dev!.lines.filter((line) => line.startsWith('Serving ')).length;
    writeFileSync(manifest, original.replace(/^version: .*$/m, 'version: one'));
    await dev!.waitFor(/^Reload failed \(intc generate stopped\)/);
    expect(dev!.lines.some((line) => /telegram[/\\]integration\.yaml:\d+:\d+ - error /.test(line))).toBe(true);
    expect((await post(`${url}/actions/main/sendMessage`, { chatId: '42', text: 'still here' })).status).toBe(200);
    writeFileSync(manifest, original);
    await waitUntil(() => dev!.lines.filter((line) => line.startsWith('Serving ')).length > served);
  });

  it('a restart keeps the conversation and its state (SQLite under .intc/ beside the manifest)', async () => {
    expect(await stopDev()).toBe(0);
    await startDev();
    // Update 3 was handled before the restart: the integration's lastUpdate state says so, and nothing is sent again.
    const before = sentTexts().length;
    expect((await webhook(update(3, 'Still'))).status).toBe(200);
    expect(sentTexts().length).toBe(before);
    expect((await webhook(update(4, 'After'))).status).toBe(200);
    expect(sentTexts().at(-1)).toBe('echo: After');
    expect(await stopDev()).toBe(0);

    const store = await openStore(join(project, 'echo-bot', '.intc', 'state.db'));
    try {
      const main = await store.client('echo-bot/main');
      const conversations = await main.listConversations(10);
      expect(conversations.map((c) => ({ channel: c.channel, tags: c.tags }))).toEqual([{ channel: 'channel', tags: { chatId: '42' } }]);
      const { messages } = await main.listMessages({ conversationId: conversations[0]!.id });
      expect(messages.map((m) => (m.payload as { text: string }).text)).toEqual(['Hello', 'Again', 'Still', 'After']);
      const states = await main.listStates(10);
      expect(states.find((s) => s.name === 'lastUpdate')?.payload).toEqual({ updateId: 4 });
    } finally {
      await store.close();
    }
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out; intc dev said:\n${dev?.lines.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a standalone integration whose first load fails', { timeout: TIMEOUT }, () => {
  it('serves nothing (healthz 503) until the handler is fixed, then serves and registers it', async () => {
    const alone = tempProject('intc-dev-first-', ['examples/telegram']);
    const fake = await startFakeTelegram();
    const index = join(alone, 'telegram', 'src', 'index.ts');
    const good = readFileSync(index, 'utf8');
    writeFileSync(index, good.replace('export default new Integration({', 'export default new Integration({{'));
    const worker = startIntc(['dev', 'telegram', '--port', '0'], alone, {
      TELEGRAM_CONFIGURATION: JSON.stringify({ botToken: '3:alone-token', apiBaseUrl: fake.url }),
      WEBHOOK_SECRET: SECRET,
    });
    try {
      const listening = await worker.waitFor(/ Listening on http:/);
      const base = /(http:\/\/[^ ]+)/.exec(listening)![1]!;
      await worker.waitFor(/^Reload failed \(a handler does not compile\): nothing is served yet/);
      expect((await fetch(`${base}/healthz`)).status).toBe(503);
      expect((await post(`${base}/actions/telegram/sendMessage`, { chatId: '1', text: 'x' })).json).toMatchObject({ error: { code: 'not-loaded' } });
      writeFileSync(index, good);
      await worker.waitFor(/^Serving telegram on /);
      await worker.waitFor(/Registered telegram/);
      expect(fake.requests[0]).toEqual({ path: '/bot3:alone-token/setWebhook', body: { url: `${base}/webhooks/telegram`, secret_token: SECRET } });
      expect(await post(`${base}/actions/telegram/sendMessage`, { chatId: '1', text: 'x' })).toMatchObject({ status: 200, json: { messageId: '77' } });
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exited;
      await fake.close();
      rmSync(alone, { recursive: true, force: true });
    }
  });
});

describe('without @intc/host', { timeout: TIMEOUT }, () => {
  it('intc dev and intc serve say how to install it, and exit 1', () => {
    // intc installed on its own (bin, dist, package.json), in a project that does not have the host either.
    const alone = tempProject('intc-no-host-', ['examples/telegram']);
    try {
      rmSync(join(alone, 'node_modules'));
      for (const part of ['bin', 'dist', 'schema', 'package.json']) cpSync(join(ROOT, 'packages', 'intc', part), join(alone, 'node_modules', 'intc', part), { recursive: true });
      for (const command of ['dev', 'serve']) {
        const run = spawnSync(process.execPath, [join(alone, 'node_modules', 'intc', 'bin', 'intc.cjs'), command, 'telegram'], { cwd: alone, encoding: 'utf8' });
        expect(run.status, run.stderr).toBe(1);
        expect(run.stderr).toContain(`intc ${command}: intc ${command} runs on @intc/host, which is not installed where ${join(alone, 'telegram')} can import it. Install it in the project: npm install @intc/host`);
      }
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });
});
