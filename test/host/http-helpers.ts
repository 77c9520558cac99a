/**
 * What the host's HTTP tests share: a fake Telegram Bot API on 127.0.0.1
 * that records what it is sent, a temporary project made of the examples
 * (or the tally test project) with this repository's node_modules, and a
 * JSON POST.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ROOT } from '../fixture-harness.js';

export interface FakeApi {
  readonly url: string;
  /** Every request: `/bot<token>/<method>` and its JSON body. */
  readonly requests: { path: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

export async function startFakeTelegram(): Promise<FakeApi> {
  const requests: FakeApi['requests'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', body: JSON.parse(body || '{}') as Record<string, unknown> });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, result: { message_id: 77, chat: { id: 42, type: 'private' }, text: 'sent' } }));
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((closed) => server.close(() => closed())),
  };
}

/** A temporary folder holding copies of `folders` (handlers kept, generated code left out), a package.json and node_modules. */
export function tempProject(prefix: string, folders: readonly string[]): string {
  const project = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: basename(project).toLowerCase(), private: true, type: 'module' })}\n`);
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
  for (const folder of folders) {
    const target = join(project, basename(folder));
    mkdirSync(target);
    cpSync(join(ROOT, folder), target, { recursive: true, filter: (source) => !/[/\\](generated|dist|\.intc)$/.test(source) });
  }
  return project;
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

/** The tally test project in a temporary folder, generated and built with tsc (what `intc serve` runs). */
export function builtTally(): string {
  const project = tempProject('intc-serve-', ['test/host/projects/tally']);
  const tally = join(project, 'tally');
  for (const [command, args] of [
    [join(ROOT, 'packages', 'intc', 'bin', 'intc.cjs'), ['generate']],
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), ['-p', '.']],
  ] as const) {
    const run = spawnSync(process.execPath, [command, ...args], { cwd: tally, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${run.stdout}${run.stderr}`);
  }
  return project;
}

/** Runs `call` for each of `count` indices, at most `concurrency` at a time; results in index order. */
export async function pool<T>(count: number, concurrency: number, call: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await call(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}
