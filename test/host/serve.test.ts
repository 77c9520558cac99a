/**
 * `intc serve` over real HTTP on 127.0.0.1, on the tally test project as a
 * deployment runs it (generated, built with tsc, no watching): one JSON log
 * line per request with secrets redacted, the body limit, a handler error
 * answered 500 and redacted, a slow one 504, a wrong method 405, SIGTERM finishing the request in flight, a
 * clear error for a project that is not built; a kill -9 during a burst of
 * writes loses nothing acknowledged; a bot served with its built
 * integration, each alias with its own secret; two instances on one
 * Postgres keep one conversation and its state consistent under concurrent
 * requests.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../fixture-harness.js';
import { startIntc, type Worker } from './child-process.js';
import { builtTally, pool, post, startFakeTelegram, tempProject } from './http-helpers.js';
import { SKIP_POSTGRES, startTestPostgres, type TestPostgres } from './postgres-server.js';

const TIMEOUT = 180_000;
const TOKEN = 'tally-token-5b1e7d';

let project: string;
const running: Worker[] = [];

beforeAll(() => {
  project = builtTally();
}, TIMEOUT);

afterAll(() => {
  for (const worker of running) worker.child.kill('SIGKILL');
  if (project) rmSync(project, { recursive: true, force: true });
});

/** `intc serve tally` on a free port of 127.0.0.1; resolves with its base URL once it serves. */
async function serve(...args: string[]): Promise<{ worker: Worker; url: string }> {
  const worker = startIntc(['serve', 'tally', '--host', '127.0.0.1', '--port', '0', ...args], project, { TALLY_TOKEN: TOKEN });
  running.push(worker);
  const listening = JSON.parse(await worker.waitFor(/"msg":"Listening on /)) as { url: string };
  await worker.waitFor(/"msg":"Serving tally\."/);
  return { worker, url: listening.url };
}

function startIntcSync(args: readonly string[], cwd: string): number | null {
  return spawnSync(process.execPath, [join(ROOT, 'packages', 'intc', 'bin', 'intc.cjs'), ...args], { cwd }).status;
}

const bump = (url: string, id: string) => post(`${url}/actions/tally/bump`, { id });
const read = async (url: string, id: string) => ((await post(`${url}/actions/tally/read`, { id })).json as { count: number }).count;

describe('intc serve', { timeout: TIMEOUT }, () => {
  it('serves actions and webhooks, logs one redacted JSON line per request, refuses large bodies, stops gracefully on SIGTERM', async () => {
    const { worker, url } = await serve('--max-body', '1kb', '--handler-timeout', '700', '--database', join(project, 'first.db'));
    expect(await bump(url, 'a')).toMatchObject({ status: 200, json: { count: 1 } });
    expect(await bump(url, 'a')).toMatchObject({ status: 200, json: { count: 2 } });
    expect(await post(`${url}/webhooks/tally/a`, '', { 'x-tally-token': TOKEN })).toMatchObject({ status: 200, json: { chatId: 'a', count: 1 } });
    expect((await post(`${url}/webhooks/tally/a`, '', { 'x-tally-token': 'wrong' })).status).toBe(401);
    const failed = await post(`${url}/actions/tally/fail`, {});
    expect(failed).toMatchObject({ status: 500, json: { error: { code: 'handler-error', message: 'The service refused token [redacted]' } } });
    expect(failed.text).not.toContain(TOKEN);
    expect(await post(`${url}/actions/tally/bump`, { id: 'x'.repeat(2000) })).toMatchObject({ status: 413, json: { error: { code: 'body-too-large' } } });
    expect(await post(`${url}/actions/tally/bump`, { id: '' })).toMatchObject({ status: 400, json: { error: { code: 'invalid-input', path: 'input.id' } } });
    expect(await post(`${url}/webhooks/tally/late?delay=1500`, '', { 'x-tally-token': TOKEN })).toMatchObject({ status: 504, json: { error: { code: 'handler-timeout' } } });
    const wrongMethod = await fetch(`${url}/actions/tally/bump`);
    expect([wrongMethod.status, wrongMethod.headers.get('allow')]).toEqual([405, 'POST']);
    expect((await fetch(`${url}/nothing/here`)).status).toBe(404);

    // A request in flight when SIGTERM comes is answered; the process then exits 0.
    const slow = post(`${url}/webhooks/tally/slow?delay=400`, '', { 'x-tally-token': TOKEN });
    await new Promise((resolve) => setTimeout(resolve, 150));
    worker.child.kill('SIGTERM');
    expect(await slow).toMatchObject({ status: 200, json: { chatId: 'slow', count: 1 } });
    const { code, stderr } = await worker.exited;
    expect(stderr).toBe('');
    expect(code).toBe(0);

    const entries = worker.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = entries.filter((entry) => 'status' in entry);
    expect(requests.map((entry) => `${entry['method']} ${entry['route']} ${entry['status']}`)).toEqual([
      'POST /actions/:name/:action 200',
      'POST /actions/:name/:action 200',
      'POST /webhooks/:name 200',
      'POST /webhooks/:name 401',
      'POST /actions/:name/:action 500',
      'POST /actions/:name/:action 413',
      'POST /actions/:name/:action 400',
      'POST /webhooks/:name 504',
      'GET /actions/:name/:action 405',
      'GET (none) 404',
      'POST /webhooks/:name 200',
    ]);
    for (const entry of requests) expect(entry).toMatchObject({ time: expect.any(String), level: expect.any(String), path: expect.any(String), durationMs: expect.any(Number) });
    expect(worker.lines.join('\n')).not.toContain(TOKEN);
    expect(entries.at(-1)).toMatchObject({ msg: 'Stopped.', cut: 0 });
  });

  it('a project not generated, then not built: says what to run, exit 1', async () => {
    const unbuilt = tempProject('intc-unbuilt-', ['test/host/projects/tally']);
    const serveUnbuilt = async () => {
      const worker = startIntc(['serve', 'tally', '--port', '0'], unbuilt, { TALLY_TOKEN: TOKEN });
      const { code, stderr } = await worker.exited;
      expect(code, stderr).toBe(1);
      return stderr;
    };
    try {
      expect(await serveUnbuilt()).toContain(`intc serve: No generated definition for ${join(unbuilt, 'tally')}: ${join(unbuilt, 'tally', 'src', 'generated', 'definition.json')} does not exist. Run intc generate there first`);
      expect(startIntcSync(['generate', 'tally'], unbuilt)).toBe(0);
      const stderr = await serveUnbuilt();
      expect(stderr).toContain(`No built JavaScript in ${join(unbuilt, 'tally')}: dist/index.js (src/index.ts compiled to the tsconfig's outDir) does not exist. Run npm run build first.`);
    } finally {
      rmSync(unbuilt, { recursive: true, force: true });
    }
  });

  it('kill -9 during a burst of writes: after a restart, every acknowledged write is there', async () => {
    const database = join(project, 'killed.db');
    const { worker, url } = await serve('--database', database);
    const acknowledged: string[] = [];
    let killed = false;
    const burst = pool(400, 16, async (index) => {
      if (killed) return;
      const id = `k${index}`;
      try {
        const answer = await bump(url, id);
        if (answer.status === 200) acknowledged.push(id);
      } catch {
        // the connection died with the process
      }
      if (acknowledged.length === 150 && !killed) {
        killed = true;
        worker.child.kill('SIGKILL');
      }
    });
    await burst;
    await worker.exited;
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    const restarted = await serve('--database', database);
    const counts = await pool(acknowledged.length, 16, (index) => read(restarted.url, acknowledged[index]!));
    expect(counts.filter((count) => count !== 1)).toEqual([]);
    restarted.worker.child.kill('SIGTERM');
    expect((await restarted.worker.exited).code).toBe(0);
  });
});

describe('intc serve of a bot', { timeout: TIMEOUT }, () => {
  it('runs each alias\'s built integration in-process, with its own secrets from <ALIAS>_<SECRET>', async () => {
    const bots = tempProject('intc-serve-bot-', ['examples/telegram', 'examples/echo-bot']);
    const api = await startFakeTelegram();
    try {
      for (const folder of ['telegram', 'echo-bot']) {
        expect(startIntcSync(['generate', folder], bots)).toBe(0);
        await buildWithEsbuild(join(bots, folder));
      }
      const worker = startIntc(['serve', 'echo-bot', '--host', '127.0.0.1', '--port', '0'], bots, {
        TELEGRAM_BOT_TOKEN: '1:main-token',
        TELEGRAM_SUPPORT_BOT_TOKEN: '2:support-token',
        TELEGRAM_API_BASE_URL: api.url,
        WEBHOOK_SECRET: 'shared-secret-1',
        MAIN_WEBHOOK_SECRET: 'main-secret-2',
      });
      running.push(worker);
      const { url } = JSON.parse(await worker.waitFor(/"msg":"Listening on /)) as { url: string };
      await worker.waitFor(/"msg":"Serving main, support\."/);
      const update = { update_id: 1, message: { message_id: 1, date: 1, chat: { id: 42, type: 'private' }, from: { id: 5, first_name: 'Ada' }, text: 'Hi' } };
      expect((await post(`${url}/webhooks/main`, update, { 'x-telegram-bot-api-secret-token': 'shared-secret-1' })).status).toBe(401);
      expect((await post(`${url}/webhooks/main`, update, { 'x-telegram-bot-api-secret-token': 'main-secret-2' })).status).toBe(200);
      expect(api.requests).toEqual([{ path: '/bot1:main-token/sendMessage', body: { chat_id: '42', text: 'Hi' } }]);
      expect((await post(`${url}/webhooks/support`, update, { 'x-telegram-bot-api-secret-token': 'shared-secret-1' })).status).toBe(200);
      worker.child.kill('SIGTERM');
      expect((await worker.exited).code).toBe(0);
      expect(worker.lines.join('\n')).not.toMatch(/shared-secret-1|main-secret-2|main-token|support-token/);
    } finally {
      await api.close();
      rmSync(bots, { recursive: true, force: true });
    }
  });
});

/** The folder's src/ compiled file by file into dist/ (as tsc would, without type-checking), and a package.json whose main is dist/index.js. */
async function buildWithEsbuild(folder: string): Promise<void> {
  const sources = readdirSync(join(folder, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  await build({ entryPoints: sources.map((file) => join(folder, 'src', file)), outdir: join(folder, 'dist'), outbase: join(folder, 'src'), format: 'esm', platform: 'node', target: 'node20', logLevel: 'error' });
  writeFileSync(join(folder, 'package.json'), '{ "type": "module", "main": "dist/index.js" }\n');
}

describe.skipIf(SKIP_POSTGRES)('two intc serve instances on one Postgres', { timeout: TIMEOUT }, () => {
  let postgres: TestPostgres;

  beforeAll(async () => {
    postgres = await startTestPostgres();
  }, TIMEOUT);

  afterAll(async () => {
    await postgres?.stop();
  }, TIMEOUT);

  it('keep one conversation and its state consistent under concurrent webhooks to both (get-or-create by tags, updateState)', async () => {
    const database = await postgres.createDatabase();
    const first = await serve('--database', database);
    const second = await serve('--database', database);
    const total = 200;
    const answers = await pool(total, 20, (index) => post(`${index % 2 === 0 ? first.url : second.url}/webhooks/tally/shared`, '', { 'x-tally-token': TOKEN }));
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    const results = answers.map((answer) => answer.json as { conversationId: string; count: number });
    expect(new Set(results.map((result) => result.conversationId)).size).toBe(1);
    expect(results.map((result) => result.count).sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, index) => index + 1));
    // Actions on both keep an integration state's counter just as consistent.
    const bumps = await pool(100, 20, (index) => bump(index % 2 === 0 ? first.url : second.url, 'shared'));
    expect(bumps.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(await read(first.url, 'shared')).toBe(100);
    expect(await read(second.url, 'shared')).toBe(100);
    for (const { worker } of [first, second]) worker.child.kill('SIGTERM');
    expect((await first.worker.exited).code).toBe(0);
    expect((await second.worker.exited).code).toBe(0);
  });
});
