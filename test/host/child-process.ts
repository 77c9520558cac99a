/**
 * Runs test/host/children/store-worker.ts in child processes: bundled from
 * the TypeScript sources with esbuild (so a child runs the code under test,
 * not a stale dist/), the drivers left to node_modules (NODE_PATH); and the
 * built CLI (`intc dev`, `intc serve`), as a user runs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

let bundled: Promise<string> | undefined;
let folder: string | undefined;

function workerBundle(): Promise<string> {
  bundled ??= (async () => {
    folder = mkdtempSync(join(tmpdir(), 'intc-store-worker-'));
    const outfile = join(folder, 'store-worker.cjs');
    await build({
      entryPoints: [join(here, 'children', 'store-worker.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['better-sqlite3', 'pg'],
      logLevel: 'error',
    });
    return outfile;
  })();
  return bundled;
}

export async function removeWorkerBundle(): Promise<void> {
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
}

export interface Worker {
  readonly child: ChildProcess;
  /** Every stdout line so far. */
  readonly lines: string[];
  /** Resolves when a line matching `pattern` arrives (or rejects when the process ends first). */
  waitFor(pattern: RegExp): Promise<string>;
  /** Resolves when the process has ended, with its exit code (null when killed) and stderr. */
  readonly exited: Promise<{ code: number | null; stderr: string }>;
}

export async function startWorker(args: readonly string[]): Promise<Worker> {
  const bundle = await workerBundle();
  const child = spawn(process.execPath, [bundle, ...args], {
    env: { ...process.env, NODE_PATH: join(root, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return tracked(child);
}

/** `intc <args>` (the built CLI, packages/intc/bin/intc.cjs) in `cwd`, with `env` added to this process's. */
export function startIntc(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Worker {
  const child = spawn(process.execPath, [join(root, 'packages', 'intc', 'bin', 'intc.cjs'), ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return tracked(child);
}

/** Lines of the child's stdout as they come, waiters on them, and its end. */
function tracked(child: ChildProcess): Worker {
  const lines: string[] = [];
  let pending = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (pending + chunk).split('\n');
    pending = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      for (const waiter of waiters.filter((w) => w.pattern.test(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolveExit) => {
    child.on('close', (code) => {
      for (const waiter of waiters.splice(0)) waiter.reject(new Error(`worker ended (${code}) before ${waiter.pattern}: ${stderr}`));
      resolveExit({ code, stderr });
    });
  });
  return {
    child,
    lines,
    exited,
    waitFor(pattern) {
      const seen = lines.find((line) => pattern.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolveLine, reject) => waiters.push({ pattern, resolve: resolveLine, reject }));
    },
  };
}
