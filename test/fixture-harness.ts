/**
 * Helpers shared by the fixture tests: where the fixtures are, which files of
 * a case are its root manifests, how a case's `expected.txt` reads, and how a
 * diagnostic is written in that format.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../packages/intc/src/diagnostics/diagnostic.js';
import type { ValidateOptions } from '../packages/intc/src/pipeline.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const VALID_DIR = join(ROOT, 'fixtures', 'valid');
export const INVALID_DIR = join(ROOT, 'fixtures', 'invalid');
export const MISTAKES_DIR = join(ROOT, 'fixtures', 'mistakes');
export const CLI = join(ROOT, 'packages', 'intc', 'bin', 'intc.cjs');
export const RUNTIME_PACKAGE_DIR = join(ROOT, 'packages', 'runtime');

/** Installs @intc/runtime into `project` as npm would for a user (a link to packages/runtime, built by `npm run build`). */
export function installRuntime(project: string): void {
  mkdirSync(join(project, 'node_modules', '@intc'), { recursive: true });
  symlinkSync(RUNTIME_PACKAGE_DIR, join(project, 'node_modules', '@intc', 'runtime'), 'dir');
}

/** A manifest file name: `integration.yaml`, `telegram.interface.yml`, `bot.json`, `manifest.yaml`… */
const MANIFEST_EXTENSION = /\.(?:ya?ml|json)$/i;
const KIND_FILE_NAME = /(?:^|\.)(?:integration|interface|bot)\.(?:ya?ml|json)$/i;
/** Files of a case folder that are not manifests under test. */
const CASE_METADATA = new Set(['expected.txt', 'options.json']);

export interface InvalidCase {
  readonly name: string;
  readonly dir: string;
  /** The manifests named on the command line: the manifest files at the top of the case folder. */
  readonly roots: string[];
  /** Lines of expected.txt: `<file>:<line>:<col> <code>[ warning]`. */
  readonly expected: string[];
  /** True when the case lists warnings, so warnings are compared too. */
  readonly includesWarnings: boolean;
  /** Library options for the run (from options.json), e.g. a small `maxFileBytes`. */
  readonly options: ValidateOptions;
}

/** Every manifest (integration/interface/bot .yaml/.yml/.json) under a folder, recursively. */
export function findKindManifests(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findKindManifests(path));
    else if (KIND_FILE_NAME.test(entry.name)) found.push(path);
  }
  return found.sort();
}

/** The folders of fixtures/valid that hold a manifest directly (what `intc validate <dir>` accepts). */
export function validCaseFolders(): string[] {
  return [...new Set(findKindManifests(VALID_DIR).map((file) => dirname(file)))].sort();
}

export function invalidCases(): InvalidCase[] {
  if (!existsSync(INVALID_DIR)) return [];
  return readdirSync(INVALID_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => loadCase(entry.name))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

function loadCase(name: string): InvalidCase {
  const dir = join(INVALID_DIR, name);
  const roots = readdirSync(dir)
    .filter((file) => !CASE_METADATA.has(file) && MANIFEST_EXTENSION.test(file) && statSync(join(dir, file)).isFile())
    .map((file) => join(dir, file))
    .sort();
  const expectedPath = join(dir, 'expected.txt');
  const expected = existsSync(expectedPath)
    ? readFileSync(expectedPath, 'utf8')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'))
    : [];
  const optionsPath = join(dir, 'options.json');
  const options = existsSync(optionsPath) ? (JSON.parse(readFileSync(optionsPath, 'utf8')) as ValidateOptions) : {};
  return { name, dir, roots, expected, includesWarnings: expected.some((line) => line.endsWith(' warning')), options };
}

/**
 * A case of fixtures/mistakes/: one realistic mistake in a manifest, and in
 * its expected.txt what intc must say about it:
 *
 *     # what the mistake is
 *     integration.yaml:49:23 invalid-value     (the diagnostic: file:line:col code)
 *     help: Remove it and list 'chatId' …      (its fix, exactly)
 *     never: must be an array                  (words that would steer toward a wrong edit)
 *     left: integration.yaml:68:3 missing-property   (an error --fix leaves for the user)
 *
 * `fixed/` holds each file as `intc validate --fix` must leave it; a case
 * without it has no mechanical fix, and --fix must change nothing.
 */
export interface MistakeCase {
  readonly name: string;
  readonly dir: string;
  readonly what: string;
  readonly roots: string[];
  readonly expected: { readonly line: string; readonly help: string | undefined }[];
  readonly never: string[];
  readonly left: string[];
  /** Expected file bytes after --fix, by path relative to the case folder. */
  readonly fixed: Map<string, Buffer>;
}

export function mistakeCases(): MistakeCase[] {
  if (!existsSync(MISTAKES_DIR)) return [];
  return readdirSync(MISTAKES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => loadMistake(entry.name))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

function loadMistake(name: string): MistakeCase {
  const dir = join(MISTAKES_DIR, name);
  const roots = readdirSync(dir)
    .filter((file) => !CASE_METADATA.has(file) && MANIFEST_EXTENSION.test(file) && statSync(join(dir, file)).isFile())
    .map((file) => join(dir, file))
    .sort();
  const expected: { line: string; help: string | undefined }[] = [];
  const never: string[] = [];
  const left: string[] = [];
  let what = '';
  for (const line of readFileSync(join(dir, 'expected.txt'), 'utf8').split(/\r?\n/)) {
    if (line.startsWith('# ')) what ||= line.slice(2);
    else if (line.startsWith('help: ')) expected[expected.length - 1] = { ...expected.at(-1)!, help: line.slice(6) };
    else if (line.startsWith('never: ')) never.push(line.slice(7));
    else if (line.startsWith('left: ')) left.push(line.slice(6));
    else if (line.trim() !== '') expected.push({ line: line.trim(), help: undefined });
  }
  const fixedDir = join(dir, 'fixed');
  const fixed = new Map<string, Buffer>();
  const collect = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) collect(path);
      else fixed.set(relative(fixedDir, path).split(sep).join('/'), readFileSync(path));
    }
  };
  if (existsSync(fixedDir)) collect(fixedDir);
  return { name, dir, what, roots, expected, never, left, fixed };
}

/** A diagnostic as a line of expected.txt, its file relative to the case folder. */
export function formatExpectedLine(diagnostic: Diagnostic, caseDir: string): string {
  const file = relative(caseDir, diagnostic.location.file).split(sep).join('/');
  const { line, column } = diagnostic.location.start;
  return `${file}:${line}:${column} ${diagnostic.code}${diagnostic.severity === 'warning' ? ' warning' : ''}`;
}

/** The code of an expected.txt line. */
export function codeOfExpectedLine(line: string): string {
  return line.split(' ')[1] ?? '';
}

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall-clock time of the run, in milliseconds. */
  readonly ms: number;
}

/** Runs the built CLI (`node bin/intc.cjs …`) in `cwd`, without colours. */
export function runCli(args: readonly string[], cwd: string): CliRun {
  const started = Date.now();
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', INTC_DEBUG: '' },
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, stdout: run.stdout ?? '', stderr: run.stderr ?? '', ms: Date.now() - started };
}
