/**
 * Golden files: the whole first-run output of `intc generate` (generated
 * folder and handler stubs) for every valid integration fixture, kept under
 * test/golden/<fixture folder>/ and compared byte for byte. Run the tests
 * with UPDATE_GOLDEN=1 to rewrite them after a deliberate change, then review
 * the diff like code.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { generate } from '../packages/intc/src/pipeline.js';
import { planBotStub } from '../packages/intc/src/stubs/plan-bot-stub.js';
import { planStubs } from '../packages/intc/src/stubs/plan-stubs.js';
import { findKindManifests, ROOT, VALID_DIR } from './fixture-harness.js';

export const GOLDEN_DIR = join(ROOT, 'test', 'golden');
export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

/** Every valid integration manifest (interfaces generate nothing on their own). */
export function integrationFixtures(): string[] {
  return findKindManifests(VALID_DIR).filter((file) => /(?:^|\.)integration\.(?:ya?ml|json)$/.test(basename(file)));
}

/** Every valid bot manifest. */
export function botFixtures(): string[] {
  return findKindManifests(VALID_DIR).filter((file) => /(?:^|\.)bot\.(?:ya?ml|json)$/.test(basename(file)));
}

/** The golden folder of a fixture manifest: test/golden/<its folder relative to fixtures/valid>. */
export function goldenDirOf(manifest: string): string {
  return join(GOLDEN_DIR, relative(VALID_DIR, dirname(manifest)));
}

/** First-run output of one manifest: path relative to the manifest's folder (posix) → content. */
export async function firstRunOutput(manifest: string): Promise<Map<string, string>> {
  const result = await generate([manifest]);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`${manifest} has errors: ${errors.map((d) => d.message).join('; ')}`);
  const output = new Map<string, string>();
  for (const project of result.projects) {
    const root = project.layout.root;
    for (const file of project.files) output.set(toPosix(relative(root, join(project.layout.generatedDir, file.path))), file.content);
    const stubs =
      project.kind === 'bot'
        ? planBotStub(project.model, project.layout, { force: false }, () => undefined)
        : planStubs(project.model, project.layout, { force: false }, () => undefined);
    for (const stub of stubs.files) output.set(toPosix(relative(root, stub.path)), stub.content);
  }
  return output;
}

/** Files of a golden folder: path relative to it (posix) → content. */
export function readGolden(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(toPosix(relative(dir, path)), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

export function writeGolden(dir: string, files: ReadonlyMap<string, string>): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/**
 * Type-level tests: user code written against the golden output, with
 * `@ts-expect-error` on every wrong usage (one that compiles is itself an error).
 */
export const TYPE_TESTS_DIR = join(ROOT, 'test', 'type-tests');

/** Every .ts file under the golden folder and the type tests (for the one strict type-check program). */
export function goldenTypeScriptFiles(): string[] {
  const files: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) files.push(path);
    }
  };
  if (existsSync(GOLDEN_DIR)) walk(GOLDEN_DIR);
  if (existsSync(TYPE_TESTS_DIR)) walk(TYPE_TESTS_DIR);
  return files.sort();
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}
