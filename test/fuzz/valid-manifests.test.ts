/**
 * Property: every manifest the arbitraries draw (valid by construction)
 * validates without errors, generates the same bytes twice, and its whole
 * first-run output (generated folder + handler stubs) type-checks with every
 * other case's output in one strict TypeScript program.
 * Fixed seed and a small count here; `npm run fuzz` sets FUZZ_RUNS/FUZZ_SEED.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { manifestFile } from './manifest-text.js';
import { CLI, ROOT } from '../fixture-harness.js';
import { describeDiagnostics, firstRun, fuzzSettings, scratchDir, typeCheck, typeScriptFilesUnder, writeFiles } from './fuzz-harness.js';

const { seed, runs, long } = fuzzSettings('valid', 12);
const workDir = scratchDir('valid');
/** Case folder → manifest text, for failure messages. */
const written = new Map<string, string>();
let failed = false;
const CASES_PER_PROGRAM = 150;

afterAll(() => {
  if (failed || process.env.FUZZ_KEEP) console.warn(`fuzz: cases kept in ${workDir}`);
  else rmSync(workDir, { recursive: true, force: true });
});

describe(`random valid manifests (seed ${seed}, ${runs} runs)`, () => {
  it('validate without errors and generate the same bytes twice', async () => {
    let next = 0;
    const property = fc.asyncProperty(manifestFile, async (manifest) => {
      const dir = join(workDir, `case-${next++}`);
      mkdirSync(dir, { recursive: true });
      const path = join(dir, manifest.fileName);
      writeFileSync(path, manifest.text);
      const first = await firstRun(path);
      expect(first.errors, `${path}:\n${describeDiagnostics(first.errors)}`).toEqual([]);
      // intc reads back exactly what was written (its fast YAML path and the yaml Document agree with \`yaml\`).
      expect(JSON.stringify(first.value), 'the value intc read differs from the manifest').toBe(JSON.stringify(manifest.value));
      const second = await firstRun(path);
      expect([...second.files.entries()]).toEqual([...first.files.entries()]);
      writeFiles(first.files);
      written.set(dir, manifest.text);
    });
    try {
      await fc.assert(property, { seed, numRuns: runs });
    } catch (error) {
      failed = true;
      throw error;
    }
  }, 60_000 + runs * 2_000);

  it('type-checks under tsc --strict, every case in one program', () => {
    expect(written.size).toBeGreaterThan(0);
    const errors: string[] = [];
    // One program per batch: a long run's thousands of files in one program would need gigabytes.
    // The first `runs` cases: after a failure, fast-check's shrinking writes many more.
    const cases = [...written.keys()].slice(0, runs);
    for (let i = 0; i < cases.length; i += CASES_PER_PROGRAM) {
      const files = cases.slice(i, i + CASES_PER_PROGRAM).flatMap((dir) => typeScriptFilesUnder(dir));
      errors.push(...typeCheck(files, workDir));
    }
    if (errors.length > 0) {
      failed = true;
      const firstCase = errors[0]!.split('/')[0]!;
      const text = written.get(join(workDir, firstCase)) ?? '';
      expect.fail(`${errors.length} type errors (cases in ${workDir}):\n${errors.slice(0, 30).join('\n')}\n\nmanifest of ${firstCase}:\n${text}`);
    }
  }, 60_000 + runs * 1_000);
});

/** Every file under a folder: path relative to it → content. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

const haveCli = existsSync(join(ROOT, 'packages', 'intc', 'dist', 'intc.cjs'));
if (!haveCli) console.warn('fuzz: skipping `intc generate` on random manifests: dist/intc.cjs is absent (run `npm run build` first)');
const cliRuns = long ? Math.max(5, Math.round(runs / 20)) : 3;

describe.skipIf(!haveCli)(`random valid manifests through \`intc generate\` (seed ${seed}, ${cliRuns} runs)`, () => {
  it('writes what the library plans, exits 0, and a second run changes nothing', async () => {
    const samples = fc.sample(manifestFile, { seed: seed + 1, numRuns: cliRuns });
    for (const [i, manifest] of samples.entries()) {
      const dir = join(workDir, `cli-${i}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, manifest.fileName), manifest.text);
      const expected = await firstRun(join(dir, manifest.fileName));
      const generateOnce = () => {
        const run = spawnSync(process.execPath, [CLI, 'generate', manifest.fileName], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', INTC_DEBUG: '' }, timeout: 60_000 });
        const output = `case ${dir}: status ${run.status}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
        expect(run.status, output).toBe(0);
        expect(`${run.stdout}${run.stderr}`, output).not.toMatch(/^ {4}at /m);
        return snapshot(dir);
      };
      const first = generateOnce();
      // As written to disk: UTF-8 turns a lone surrogate (from a `\\ud800` escape in a description) into U+FFFD.
      const asWritten = (content: string) => Buffer.from(content, 'utf8').toString('utf8');
      for (const [path, content] of expected.files) expect(first.get(relative(dir, path)), `${dir}: ${relative(dir, path)}`).toBe(asWritten(content));
      const second = generateOnce();
      expect([...second.entries()]).toEqual([...first.entries()]);
    }
  }, 60_000 + cliRuns * 20_000);
});
