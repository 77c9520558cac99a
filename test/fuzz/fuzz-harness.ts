/**
 * What the fuzz tests share: seed and run counts, a scratch folder under the OS temp dir, the
 * first-run output of a manifest (generated files and handler stubs, as
 * test/golden-harness.ts takes it), and one strict TypeScript program over
 * many outputs with the options of test/golden.test.ts.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generate } from '../../packages/intc/src/pipeline.js';
import { planStubs } from '../../packages/intc/src/stubs/plan-stubs.js';
import type { Diagnostic } from '../../packages/intc/src/diagnostics/diagnostic.js';
import { installRuntime } from '../fixture-harness.js';
import { strictTypeErrors } from '../strict-typecheck.js';

/**
 * A fresh scratch folder set up as a user's project: ESM (`"type": "module"`) so nodenext reads the
 * generated `.ts` files as the golden test does, with @intc/runtime installed.
 */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `intc-fuzz-${prefix}-`));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  installRuntime(dir);
  return dir;
}

export interface FirstRun {
  /** Absolute path → content: the generated folder and the handler stubs of a first run. */
  readonly files: ReadonlyMap<string, string>;
  readonly errors: readonly Diagnostic[];
  /** The manifest's value as intc read it. */
  readonly value: unknown;
}

/** What `intc generate` would write on a first run, without writing it. */
export async function firstRun(manifest: string): Promise<FirstRun> {
  const result = await generate([manifest]);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const files = new Map<string, string>();
  for (const project of result.projects) {
    if (project.kind !== 'integration') continue;
    for (const file of project.files) files.set(join(project.layout.generatedDir, file.path), file.content);
    const stubs = planStubs(project.model, project.layout, { force: false }, () => undefined);
    for (const stub of stubs.files) files.set(stub.path, stub.content);
  }
  return { files, errors, value: result.manifests[0]?.value };
}

export function writeFiles(files: ReadonlyMap<string, string>): void {
  for (const [path, content] of files) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

export function describeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `  ${d.location.start.line}:${d.location.start.column} ${d.code}: ${d.message}`).join('\n');
}

/** Every .ts file under a folder. */
export function typeScriptFilesUnder(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...typeScriptFilesUnder(path));
    else if (entry.name.endsWith('.ts')) files.push(path);
  }
  return files.sort();
}

/** Type-checks the files in one strict program, as a user's project would (the options of test/golden.test.ts). */
export function typeCheck(files: readonly string[], base: string): string[] {
  return strictTypeErrors(files, 'nodenext', base);
}

/**
 * Seed and run counts: a fixed seed and small counts in the test command;
 * `npm run fuzz` (scripts/fuzz.mjs) sets FUZZ_SEED, FUZZ_RUNS (mutations) and
 * FUZZ_VALID_RUNS (valid manifests, each generated and type-checked).
 */
export function fuzzSettings(kind: 'valid' | 'mutations', defaultRuns: number): { readonly seed: number; readonly runs: number; readonly long: boolean } {
  const variable = kind === 'valid' ? 'FUZZ_VALID_RUNS' : 'FUZZ_RUNS';
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261125;
  const runs = process.env[variable] ? Number(process.env[variable]) : defaultRuns;
  return { seed, runs, long: process.env[variable] !== undefined };
}
