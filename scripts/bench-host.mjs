// The host's part of `npm run bench` (`--only host` for it alone): webhooks/s and actions/s of
// `intc serve` on SQLite (the default database: WAL, synchronous = FULL), with p50/p99 latency, for a
// handler that reads and writes one state (the tally test project: the `bump` action does one
// updateState of an integration state, a read and a write in one transaction; the webhook gets its
// chat's conversation by tag, then updateState of that conversation's state). One client, then 50
// concurrent clients (each on its own state, so the figure is the host's and the database's, not one
// row's lock). The server runs as a deployment
// runs it: generated, built with tsc, `intc serve --log json` (one log line per request, drained).
// Clients use keep-alive connections from this process.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TOKEN = 'bench-token';
const WARM_UP = 300;

/** Rows for the report: route × concurrency, requests/s and latency percentiles. */
export async function benchHost(work, { requests = 1000, concurrencies = [1, 50] } = {}) {
  const project = join(work, 'host');
  const tally = join(project, 'tally');
  mkdirSync(tally, { recursive: true });
  writeFileSync(join(project, 'package.json'), '{ "name": "bench-host", "private": true, "type": "module" }\n');
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
  cpSync(join(ROOT, 'test', 'host', 'projects', 'tally'), tally, { recursive: true, filter: (source) => !/[/\\](generated|dist|\.intc)$/.test(source) });
  for (const [script, args] of [
    [join(ROOT, 'packages', 'intc', 'bin', 'intc.cjs'), ['generate']],
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), ['-p', '.']],
  ]) {
    const run = spawnSync(process.execPath, [script, ...args], { cwd: tally, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${args.join(' ')} in the bench project failed:\n${run.stdout}${run.stderr}`);
  }

  const server = await startServer(project, join(work, 'host-bench.db'));
  try {
    const rows = [];
    for (const route of ['action', 'webhook']) {
      for (const concurrency of concurrencies) {
        const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
        const call = (client) =>
          route === 'action'
            ? send(agent, server.port, '/actions/tally/bump', JSON.stringify({ id: `${route}-${concurrency}-${client}` }), {})
            : send(agent, server.port, `/webhooks/tally/${route}-${concurrency}-${client}`, '', { 'x-tally-token': TOKEN });
        await load(WARM_UP, concurrency, call);
        const started = performance.now();
        const latencies = await load(requests, concurrency, call);
        const seconds = (performance.now() - started) / 1000;
        agent.destroy();
        latencies.sort((a, b) => a - b);
        rows.push({
          route: route === 'action' ? 'POST /actions/tally/bump' : 'POST /webhooks/tally/<id>',
          concurrency,
          requests,
          perSecond: Math.round(requests / seconds),
          p50Ms: round(percentile(latencies, 0.5)),
          p99Ms: round(percentile(latencies, 0.99)),
        });
      }
    }
    return rows;
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

async function startServer(cwd, database) {
  const child = spawn(process.execPath, [join(ROOT, 'packages', 'intc', 'bin', 'intc.cjs'), 'serve', 'tally', '--host', '127.0.0.1', '--port', '0', '--database', database], {
    cwd,
    env: { ...process.env, TALLY_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.on('close', resolve));
  const port = await new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      if (text === undefined) return; // drained from now on
      text += chunk;
      const url = /"url":"http:\/\/[^:]+:(\d+)"/.exec(text);
      if (url && text.includes('"msg":"Serving tally."')) {
        text = undefined;
        resolve(Number(url[1]));
      }
    });
    void exited.then((code) => reject(new Error(`intc serve exited ${code} before serving`)));
  });
  return { child, port, exited };
}

/** `count` calls, `concurrency` at a time (client i always uses state i); each call's latency in ms. */
async function load(count, concurrency, call) {
  const latencies = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      while (next < count) {
        next++;
        const started = performance.now();
        await call(client);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
}

function send(agent, port, path, body, headers) {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${path}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function round(n) {
  return Math.round(n * 100) / 100;
}
