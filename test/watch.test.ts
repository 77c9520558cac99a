/**
 * `intc generate --watch`: in-process (emitters replaced by a small fake) and
 * as a process for Ctrl-C. Generous timeouts and no timing assertions: speed
 * belongs to the bench.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../packages/intc/src/cli/main.js';

vi.mock('../packages/intc/src/generate/emit-integration.js', async () => {
  const { basename } = await import('node:path');
  const { doNotEditHeader } = await import('../packages/intc/src/emit/generated-file.js');
  type Model = { manifestPath: string; actions: { name: string; description?: string }[] };
  return {
    emitIntegration: async (model: Model) => [
      {
        path: 'types.ts',
        content: `${doNotEditHeader(basename(model.manifestPath))}${model.actions.map((a) => `/** ${a.description ?? ''} */\nexport type ${a.name} = 1;\n`).join('')}`,
      },
    ],
  };
});

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const base = mkdtempSync(join(tmpdir(), 'intc-watch-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let counter = 0;

function copyTelegram(): string {
  const dir = join(base, `telegram-${++counter}`);
  cpSync(join(root, 'fixtures', 'valid', 'telegram'), dir, { recursive: true });
  return dir;
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
  }
}

function snapshot(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[relative(folder, join(entry.parentPath, entry.name))] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return out;
}

/** Summary lines printed so far: one per finished run. */
const SUMMARY = /^(Generated .*|Nothing changed: .*|Nothing written\.|Writing stopped .*)$/gm;

function startWatch(dir: string) {
  const controller = new AbortController();
  const output = { stdout: '', stderr: '' };
  const done = main(['generate', '--watch'], {
    cwd: dir,
    color: false,
    stdout: (text) => void (output.stdout += text),
    stderr: (text) => void (output.stderr += text),
    signal: controller.signal,
  });
  const runs = () => output.stdout.match(SUMMARY)?.length ?? 0;
  return { output, done, runs, stop: () => controller.abort() };
}

describe('intc generate --watch (in-process)', () => {
  it('regenerates on change; a broken manifest shows its errors and keeps the output; the fix regenerates', async () => {
    const dir = copyTelegram();
    const manifest = join(dir, 'integration.yaml');
    const types = join(dir, 'src', 'generated', 'types.ts');
    const good = readFileSync(manifest, 'utf8');
    const watch = startWatch(dir);
    try {
      await waitFor('the first run', () => watch.output.stderr.includes('Watching'));
      expect(watch.output.stdout).toMatch(/^Generated 1 file \(1 written, 0 unchanged\), \d+ handler stubs created\.$/m);
      expect(watch.output.stderr).toMatch(/Watching \d+ files for changes\. Press Ctrl-C to stop\./);

      // A change → a new run, new output.
      writeFileSync(manifest, good.replace('description: Send a message to a Telegram chat', 'description: Send a text'));
      await waitFor('the regenerated types', () => readFileSync(types, 'utf8').includes('Send a text'));
      await waitFor('the second summary', () => watch.runs() >= 2);
      expect(watch.output.stderr).toContain('File changed: integration.yaml; regenerating.');

      // A broken manifest → its error is shown, nothing is written or deleted.
      const before = snapshot(join(dir, 'src'));
      const runsBefore = watch.runs();
      writeFileSync(manifest, good.replace('sendMessage:', 'sendMessage: [\n'));
      await waitFor('the failed run', () => watch.runs() > runsBefore);
      expect(watch.output.stdout).toMatch(/integration\.yaml:\d+:\d+ - error /);
      expect(watch.output.stdout).toMatch(/Nothing written\.\n$/);
      expect(snapshot(join(dir, 'src'))).toEqual(before);

      // The fix → regenerated (and a new action gets its stub).
      writeFileSync(manifest, good.replace(/^actions:\n/m, 'actions:\n  archiveChat:\n    description: Archive a chat\n    input:\n      schema: { type: object }\n    output:\n      schema: { type: object }\n'));
      await waitFor('the stub of the new action', () => existsSync(join(dir, 'src', 'actions', 'archiveChat.ts')));
      await waitFor('the types of the new action', () => readFileSync(types, 'utf8').includes('archiveChat'));
      expect(readFileSync(types, 'utf8')).not.toContain('Send a text');
    } finally {
      watch.stop();
    }
    expect(await watch.done).toBe(0);
    expect(watch.output.stderr).not.toContain('internal compiler error');
  });

  it('watches the files the manifest references, including ones it starts referencing', async () => {
    const dir = copyTelegram();
    const manifest = join(dir, 'integration.yaml');
    const watch = startWatch(dir);
    try {
      await waitFor('the first run', () => watch.output.stderr.includes('Watching'));
      writeFileSync(join(dir, 'hub.md'), '# Telegram\n\nEdited.\n');
      await waitFor('a run for the readme', () => watch.output.stderr.includes('File changed: hub.md'));
      await waitFor('its summary', () => watch.runs() >= 2);

      writeFileSync(join(dir, 'notes.md'), '# Notes\n');
      writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('readme: hub.md', 'readme: notes.md'));
      await waitFor('the run for the manifest', () => watch.runs() >= 3);
      writeFileSync(join(dir, 'notes.md'), '# Notes\n\nEdited.\n');
      await waitFor('a run for the new readme', () => watch.output.stderr.includes('File changed: notes.md'));
      await waitFor('its summary', () => watch.runs() >= 4);
      // An unrelated file in the same folder triggers nothing.
      const runs = watch.runs();
      writeFileSync(join(dir, 'unrelated.txt'), 'x');
      await new Promise((resolveWait) => setTimeout(resolveWait, 300));
      expect(watch.runs()).toBe(runs);
    } finally {
      watch.stop();
    }
    expect(await watch.done).toBe(0);
  });

  it('many quick changes end in output for the last one', async () => {
    const dir = copyTelegram();
    const manifest = join(dir, 'integration.yaml');
    const good = readFileSync(manifest, 'utf8');
    const watch = startWatch(dir);
    try {
      await waitFor('the first run', () => watch.output.stderr.includes('Watching'));
      for (let i = 1; i <= 10; i++) {
        writeFileSync(manifest, good.replace('description: Send a message to a Telegram chat', `description: Version ${i}`));
        await new Promise((resolveWait) => setTimeout(resolveWait, i % 3 === 0 ? 40 : 5));
      }
      await waitFor('the last version', () => readFileSync(join(dir, 'src', 'generated', 'types.ts'), 'utf8').includes('Version 10'));
    } finally {
      watch.stop();
    }
    expect(await watch.done).toBe(0);
  });
});

const BIN = process.env.INTC_BIN ?? join(root, 'packages', 'intc', 'bin', 'intc.cjs');
const built = existsSync(join(dirname(BIN), '..', 'dist', 'intc.cjs'));

describe.skipIf(!built)('intc generate --watch (process)', () => {
  it('Ctrl-C (SIGINT) ends the watch with exit code 0', async () => {
    const dir = copyTelegram();
    const child = spawn(process.execPath, [BIN, 'generate', '--watch'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
    try {
      await waitFor('the watch to start', () => stderr.includes('Watching'), 60_000);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });
});
