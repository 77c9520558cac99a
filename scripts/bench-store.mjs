#!/usr/bin/env node
// `node scripts/bench-store.mjs`: how fast the host's store reads and writes
// states, on SQLite (a temporary file) and Postgres (INTC_BENCH_POSTGRES_URL,
// else a throwaway cluster as the tests start one; skipped with
// INTC_SKIP_POSTGRES=1). Not part of `npm test`; `npm run bench` measures the
// host over HTTP (scripts/bench-host.mjs).
//
// Operations, each timed one by one (p50/p99 latency) and as a rate:
//   - read+write: getState then setState of a conversation state (what a
//     handler that keeps a counter does), one client, one after the other;
//   - update: updateState (atomic read-modify-write in a transaction);
//   - read+write ×50: 50 concurrent callers, each on its own conversation;
//   - update ×50 one state: 50 concurrent updateState calls on one state (they queue on its lock).
// Every write is durable when it returns (SQLite: WAL, synchronous=FULL,
// one fsync per commit; Postgres: the server's defaults, synchronous_commit
// on, except a throwaway cluster, which runs with fsync=off).
//
// The store and the test helper are bundled from the TypeScript sources with
// esbuild (no build needed). Options: --ops <n> per operation (default 1000).

import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: options } = parseArgs({ options: { ops: { type: 'string', default: '1000' } } });
const OPS = Number(options.ops);
const CONCURRENCY = 50;

const work = mkdtempSync(join(tmpdir(), 'intc-bench-store-'));
try {
  const host = await loadSources();
  const rows = [];
  rows.push(...(await benchStore(host, 'SQLite', join(work, 'state.db'))));
  if (process.env.INTC_SKIP_POSTGRES === '1') {
    console.log('Postgres skipped (INTC_SKIP_POSTGRES=1).');
  } else {
    const given = process.env.INTC_BENCH_POSTGRES_URL;
    const server = given ? undefined : await host.startTestPostgres();
    try {
      const url = given ?? (await server.createDatabase());
      rows.push(...(await benchStore(host, given ? 'Postgres' : 'Postgres (fsync=off)', url)));
    } finally {
      await server?.stop();
    }
  }
  console.log(`\nstore benchmark: ${OPS} operations each, ${cpus().length} CPUs, load ${loadavg()[0].toFixed(2)}\n`);
  printTable(['store', 'operation', 'ops/s', 'p50 ms', 'p99 ms'], rows);
} finally {
  rmSync(work, { recursive: true, force: true });
}

async function loadSources() {
  // In .bench/ (ignored by git) so the drivers resolve from this repository's node_modules.
  const outfile = join(ROOT, '.bench', 'store-host.cjs');
  await build({
    stdin: {
      contents: "export * from './packages/host/src/index.ts'; export { startTestPostgres } from './test/host/postgres-server.ts';",
      resolveDir: ROOT,
      loader: 'ts',
    },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3', 'pg'],
    logLevel: 'error',
  });
  return createRequire(import.meta.url)(outfile);
}

async function benchStore(host, name, location) {
  const store = await host.openStore(location);
  try {
    const client = await store.client('bench');
    const key = (i) => ({ type: 'conversation', id: `conversation-${i}`, name: 'counter' });
    const bump = (current) => ({ count: (current?.count ?? 0) + 1 });
    const readWrite = async (k) => {
      const { state } = await client.getOrSetState({ ...k, payload: { count: 0 } });
      await client.setState({ ...k, payload: bump(state.payload) });
    };
    await readWrite(key('warm-up'));
    return [
      [name, 'read+write', ...(await sequential(() => readWrite(key(1))))],
      [name, 'update', ...(await sequential(() => client.updateState({ ...key(2), update: bump })))],
      [name, `read+write ×${CONCURRENCY}`, ...(await concurrent((worker) => readWrite(key(100 + worker))))],
      [name, `update ×${CONCURRENCY} one state`, ...(await concurrent(() => client.updateState({ ...key(3), update: bump })))],
    ];
  } finally {
    await store.close();
  }
}

/** OPS operations one after the other: [ops/s, p50, p99]. */
async function sequential(operation) {
  const latencies = [];
  const start = performance.now();
  for (let i = 0; i < OPS; i += 1) {
    const begin = performance.now();
    await operation();
    latencies.push(performance.now() - begin);
  }
  return figures(latencies, performance.now() - start);
}

/** OPS operations by CONCURRENCY callers at once, each calling again when its last one ends. */
async function concurrent(operation) {
  const latencies = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      while (next < OPS) {
        next += 1;
        const begin = performance.now();
        await operation(worker);
        latencies.push(performance.now() - begin);
      }
    }),
  );
  return figures(latencies, performance.now() - start);
}

function figures(latencies, totalMs) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return [Math.round((latencies.length / totalMs) * 1000), at(0.5).toFixed(2), at(0.99).toFixed(2)];
}

function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) => cells.map((cell, i) => (i < 2 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
