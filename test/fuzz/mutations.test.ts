/**
 * Property: a mutated manifest (from the valid fixtures, or drawn by the
 * arbitraries) gets located diagnostics and never an internal error. The
 * library runs most cases in-process; a bounded sample goes through the real
 * CLI (`node bin/intc.cjs validate <file>`, which needs dist/ from
 * `npm run build`): exit 0 or 1 (a mutation may stay valid), never 2, never
 * a stack trace, never a hang.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../packages/intc/src/diagnostics/diagnostic.js';
import { validate } from '../../packages/intc/src/pipeline.js';
import { CLI, findKindManifests, ROOT, VALID_DIR } from '../fixture-harness.js';
import { manifestFile } from './manifest-text.js';
import { describeDiagnostics, firstRun, fuzzSettings, scratchDir, typeCheck, typeScriptFilesUnder, writeFiles, type FirstRun } from './fuzz-harness.js';
import { applyMutations, mutations, type Mutation } from './mutations.js';

const { seed, runs, long } = fuzzSettings('mutations', 100);
const cliRuns = long ? Math.max(20, Math.round(runs / 20)) : 12;
const workDir = scratchDir('mutations');
/** A copy of fixtures/valid, so references between fixtures resolve and the fixtures stay untouched. */
const fixturesCopy = join(workDir, 'fixtures');
cpSync(VALID_DIR, fixturesCopy, { recursive: true });
const fixtureFiles = findKindManifests(fixturesCopy);
const fixtureTexts = new Map(fixtureFiles.map((file) => [file, readFileSync(file, 'utf8')]));
/** A case slower than this counts as a hang (generous: the test machine may be busy). */
const CASE_TIMEOUT_MS = 15_000;

afterAll(() => {
  if (process.env.FUZZ_KEEP) console.warn(`fuzz: cases kept in ${workDir}`);
  else rmSync(workDir, { recursive: true, force: true });
});

/** Where a mutated manifest goes: beside the original, so its relative references still resolve. */
function mutatedPath(original: string): string {
  const name = basename(original);
  return join(original, '..', `mutated.${name.replace(/^.*?((?:integration|interface|bot)\.(?:ya?ml|json))$/i, '$1')}`);
}

/** Start and end inside the text the tool read (a column may be just past its line's end), the end not before the start. */
function outOfBounds(diagnostic: Diagnostic, text: string): string | undefined {
  const lines = text.split('\n');
  const { start, end } = diagnostic.location;
  for (const [which, { line, column }] of [['start', start], ['end', end]] as const) {
    if (!Number.isInteger(line) || !Number.isInteger(column) || line < 1 || column < 1) return `non-positive ${which} ${line}:${column}`;
    if (line > lines.length) return `${which} line ${line} past the last line ${lines.length}`;
    // A caret may stand just past a line's end (an unclosed quote, an empty file): the start at length + 1, the end one further.
    const length = lines[line - 1]!.length + (which === 'end' ? 1 : 0);
    if (column > length + 1) return `${which} column ${column} past the end of line ${line} (${length} characters)`;
  }
  if (end.line < start.line || (end.line === start.line && end.column < start.column)) return `end ${end.line}:${end.column} before start`;
  return undefined;
}

/**
 * The properties of one mutated file, checked in-process. Returns the
 * first-run output when the mutant is a still-valid integration (it must
 * generate too), for the type-check at the end.
 */
async function checkMutated(path: string, content: Buffer): Promise<FirstRun | undefined> {
  writeFileSync(path, content);
  const started = Date.now();
  const result = validate([path]);
  const internal = result.diagnostics.filter((d) => d.code === 'internal-error');
  expect(internal, describeDiagnostics(internal)).toEqual([]);
  const text = result.sources.get(path) ?? content.toString('utf8');
  for (const diagnostic of result.diagnostics) {
    const fileText = diagnostic.location.file === path ? text : result.sources.get(diagnostic.location.file);
    if (fileText === undefined) continue;
    const problem = outOfBounds(diagnostic, fileText);
    expect(problem, `${diagnostic.code} at ${diagnostic.location.start.line}:${diagnostic.location.start.column}: ${diagnostic.message}`).toBeUndefined();
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  let output: FirstRun | undefined;
  if (errors.length > 0) {
    expect(errors.some((d) => d.location.file === path), `no error located in the mutated file:\n${describeDiagnostics(errors)}`).toBe(true);
  } else if (result.manifests[0]?.kind === 'integration') {
    output = await firstRun(path);
    expect(output.errors, describeDiagnostics(output.errors)).toEqual([]);
  }
  expect(Date.now() - started, 'took too long: a hang?').toBeLessThan(CASE_TIMEOUT_MS);
  return output;
}

const fixtureCase = fc.tuple(fc.constantFrom(...fixtureFiles), mutations);
const randomRuns = Math.ceil(runs / 3);
/** Folders of still-valid mutated random manifests, whose output was written for the type-check. */
const stillValid = new Map<string, string>();

describe(`mutated manifests, in-process (seed ${seed})`, () => {
  it(`mutated valid fixtures get located diagnostics (${runs} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fixtureCase, async ([file, steps]) => {
        await checkMutated(mutatedPath(file), applyMutations(fixtureTexts.get(file)!, file.endsWith('.json'), steps));
      }),
      { seed, numRuns: runs },
    );
  }, 60_000 + runs * 500);

  it(`mutated random manifests get located diagnostics, or generate when still valid (${randomRuns} runs)`, async () => {
    let next = 0;
    await fc.assert(
      fc.asyncProperty(manifestFile, mutations, async (manifest, steps) => {
        const dir = join(workDir, 'random', `case-${next++}`);
        mkdirSync(dir, { recursive: true });
        const path = join(dir, `mutated.${manifest.fileName}`);
        const content = applyMutations(manifest.text, manifest.fileName.endsWith('.json'), steps);
        const output = await checkMutated(path, content);
        if (output) {
          writeFiles(output.files);
          stillValid.set(dir, content.toString('utf8'));
        } else {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { seed, numRuns: randomRuns },
    );
  }, 60_000 + runs * 500);

  it('still-valid mutants type-check under tsc --strict in one program', () => {
    if (long) console.log(`fuzz: ${stillValid.size} of ${randomRuns} mutated random manifests stayed valid, generated and type-checked`);
    if (stillValid.size === 0) return;
    const errors = typeCheck([...stillValid.keys()].flatMap((dir) => typeScriptFilesUnder(dir)), workDir);
    if (errors.length > 0) {
      const firstCase = errors[0]!.split('/').slice(0, 2).join('/');
      expect.fail(`${errors.length} type errors:\n${errors.slice(0, 30).join('\n')}\n\nmanifest of ${firstCase}:\n${stillValid.get(join(workDir, firstCase)) ?? ''}`);
    }
  }, 120_000);
});

const cliBundle = join(ROOT, 'packages', 'intc', 'dist', 'intc.cjs');
const haveCli = existsSync(cliBundle);
if (!haveCli) console.warn(`fuzz: skipping the CLI cases: ${relative(ROOT, cliBundle)} is absent (run \`npm run build\` first)`);

describe.skipIf(!haveCli)(`mutated manifests through the CLI (seed ${seed})`, () => {
  it(`exits 0 or 1 with located errors, never 2, never a stack trace, never a hang (${cliRuns} runs)`, () => {
    const samples = fc.sample(fixtureCase, { seed, numRuns: cliRuns });
    samples.forEach(([file, steps], i) => {
      const path = mutatedPath(file).replace(/mutated\./, `cli-${i}.`);
      const content = applyMutations(fixtureTexts.get(file)!, file.endsWith('.json'), steps);
      writeFileSync(path, content);
      const what = `${relative(fixturesCopy, file)} after ${steps.map((s: Mutation) => s.describe).join(', ')}`;
      const run = spawnSync(process.execPath, [CLI, 'validate', basename(path)], {
        cwd: join(path, '..'),
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', INTC_DEBUG: '' },
        timeout: CASE_TIMEOUT_MS,
      });
      const output = `${what}\nstatus ${run.status} signal ${run.signal}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
      expect(run.signal, `hang or crash: ${output}`).toBeNull();
      expect([0, 1], output).toContain(run.status);
      if (run.status === 1) expect(run.stdout, output).toMatch(/^\S[^\n]*:[1-9]\d*:[1-9]\d* - error [a-z-]+:/m);
      expect(`${run.stdout}${run.stderr}`, output).not.toMatch(/^ {4}at /m);
      expect(run.stderr, output).not.toMatch(/\b[A-Z]\w*Error: |internal compiler error/);
    });
  }, 60_000 + cliRuns * 5_000);
});
