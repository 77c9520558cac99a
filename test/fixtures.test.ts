/**
 * Table-driven tests over fixtures/: every valid manifest validates without
 * errors; every invalid case reports exactly the errors its expected.txt lists
 * (code and line:col); together the cases exercise every diagnostic code; and a
 * few cases go through the real CLI (bin/intc.cjs over dist/, built by `npm test`).
 */
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticCodes } from '../packages/intc/src/diagnostics/codes.js';
import type { Diagnostic } from '../packages/intc/src/diagnostics/diagnostic.js';
import { validate } from '../packages/intc/src/pipeline.js';
import {
  codeOfExpectedLine,
  findKindManifests,
  formatExpectedLine,
  invalidCases,
  ROOT,
  runCli,
  VALID_DIR,
  validCaseFolders,
  type InvalidCase,
} from './fixture-harness.js';

const validManifests = findKindManifests(VALID_DIR);
const cases = invalidCases();
const caseByName = new Map(cases.map((c) => [c.name, c]));

/** Diagnostics as `file:line:col - severity code: message`, for failure messages. */
function describeDiagnostics(diagnostics: readonly Diagnostic[], dir: string): string {
  if (diagnostics.length === 0) return '  (none)';
  return diagnostics
    .map((d) => `  ${formatExpectedLine(d, dir)} — ${d.message}`)
    .join('\n');
}

function runCase(testCase: InvalidCase) {
  const result = validate(testCase.roots, testCase.options);
  const compared = result.diagnostics.filter((d) => testCase.includesWarnings || d.severity === 'error');
  return { result, actual: compared.map((d) => formatExpectedLine(d, testCase.dir)) };
}

/** The order the tool sorts in: file, line, column, code. */
function compareExpectedLines(a: string, b: string): number {
  const parse = (line: string) => {
    const [location = '', code = ''] = line.split(' ');
    const match = /^(.*):(\d+):(\d+)$/.exec(location);
    return { file: match?.[1] ?? location, line: Number(match?.[2]), column: Number(match?.[3]), code };
  };
  const x = parse(a);
  const y = parse(b);
  const byString = (s: string, t: string) => (s < t ? -1 : s > t ? 1 : 0);
  return byString(x.file, y.file) || x.line - y.line || x.column - y.column || byString(x.code, y.code);
}

describe('valid fixtures', () => {
  it('finds the valid manifests', () => {
    expect(validManifests.length).toBeGreaterThan(0);
  });

  it.each(validManifests.map((file) => [relative(ROOT, file), file]))('%s has no errors', (_name, file) => {
    const { diagnostics } = validate([file]);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors, `unexpected errors:\n${describeDiagnostics(errors, ROOT)}`).toEqual([]);
  });

  it('validates all valid manifests together in one run without errors', () => {
    const { diagnostics } = validate(validManifests);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors, `unexpected errors:\n${describeDiagnostics(errors, ROOT)}`).toEqual([]);
  });
});

/** Diagnostics of `intc generate` that need a project on disk; their tests assert code and line:col there. */
const GENERATION_CODES = new Set(['stale-handler', 'unwired-handler', 'rename-not-applied', 'todo-handler', 'stub-out-of-date', 'not-generated', 'output-not-writable', 'runtime-not-installed']);
/** `intc import` reports on TypeScript definitions, not manifests: test/import.test.ts covers each. */
const IMPORT_CODES = new Set(['definition-not-found', 'botpress-sdk-missing', 'definition-load-failed', 'schema-conversion-failed', 'manifest-exists']);

describe('invalid fixtures', () => {
  it('has at least 45 cases, each with a manifest and a non-empty expected.txt', () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
    for (const testCase of cases) {
      expect(testCase.roots.length, `${testCase.name} has no manifest at its top level`).toBeGreaterThan(0);
      expect(testCase.expected.length, `${testCase.name}/expected.txt lists no error`).toBeGreaterThan(0);
    }
  });

  it('lists every expected.txt in the order the tool sorts (file, line, column, code)', () => {
    for (const testCase of cases) {
      const sorted = [...testCase.expected].sort(compareExpectedLines);
      expect(testCase.expected, `${testCase.name}/expected.txt is not sorted`).toEqual(sorted);
      for (const line of testCase.expected) {
        expect(line, `${testCase.name}/expected.txt: malformed line`).toMatch(/^[^\s:][^\s]*:\d+:\d+ [a-z-]+( warning)?$/);
      }
    }
  });

  it('covers every validation code (generation codes are about projects on disk: test/stubs and test/generate-cli; import codes: test/import)', () => {
    const covered = new Set(cases.flatMap((c) => c.expected.map(codeOfExpectedLine)));
    const missing = Object.keys(diagnosticCodes).filter(
      (code) => code !== 'internal-error' && !GENERATION_CODES.has(code) && !IMPORT_CODES.has(code) && !covered.has(code),
    );
    expect(missing, `codes no invalid fixture expects: ${missing.join(', ')}`).toEqual([]);
    const unknown = [...covered].filter((code) => !(code in diagnosticCodes));
    expect(unknown, `expected.txt files name codes that do not exist: ${unknown.join(', ')}`).toEqual([]);
  });

  it.each(cases.map((c) => [c.name, c]))('%s reports exactly its expected errors', (_name, testCase) => {
    const { result, actual } = runCase(testCase);
    const message = [
      `case ${testCase.name}`,
      `expected:\n${testCase.expected.map((line) => `  ${line}`).join('\n')}`,
      `actual:\n${describeDiagnostics(result.diagnostics, testCase.dir)}`,
    ].join('\n');
    expect(actual, message).toEqual(testCase.expected);
    expect(result.diagnostics.some((d) => d.code === 'internal-error'), message).toBe(false);
  });
});

describe('diagnostic messages of the fixtures', () => {
  it('names the whole duplicated key', () => {
    const testCase = caseByName.get('yaml-duplicate-key-top-level')!;
    const duplicate = runCase(testCase).result.diagnostics.find((d) => d.code === 'duplicate-key');
    expect(duplicate?.message).toContain("'version'");
  });

  it('names the nested duplicated key', () => {
    const testCase = caseByName.get('yaml-duplicate-key-nested')!;
    const duplicate = runCase(testCase).result.diagnostics.find((d) => d.code === 'duplicate-key');
    expect(duplicate?.message).toContain("'city'");
  });

  it('names the duplicated key of a JSON manifest without its quotes', () => {
    const testCase = caseByName.get('json-duplicate-key')!;
    const duplicate = runCase(testCase).result.diagnostics.find((d) => d.code === 'duplicate-key');
    expect(duplicate?.message).toContain("Duplicate key 'name'");
  });

  it('suggests the key that was meant for an unknown key', () => {
    const testCase = caseByName.get('meta-unknown-top-level-key')!;
    const unknown = runCase(testCase).result.diagnostics.find((d) => d.code === 'unknown-property');
    expect(unknown?.fix?.message).toBe('Write `description`.');
    expect(unknown?.fix?.edit?.replacement).toBe('description');
  });

  it('never mentions the YAML library API in a message', () => {
    for (const testCase of cases) {
      for (const diagnostic of runCase(testCase).result.diagnostics) {
        expect(diagnostic.message, `${testCase.name}: ${diagnostic.message}`).not.toMatch(/YAML\.\w+\(|parseAllDocuments/);
      }
    }
  });
});

/** Cases with a single manifest at the top, run through `intc validate <dir>`. */
const CLI_CASES = [
  'meta-unknown-top-level-key',
  'schema-unknown-keyword',
  'file-missing-icon',
  'bot-unknown-configuration-type',
  'yaml-duplicate-key-top-level',
  'interface-invalid-referenced-manifest',
  'empty-manifest',
];

describe('the CLI over the fixtures', () => {
  it.each(CLI_CASES)('intc validate fixtures/invalid/%s exits 1 with located errors', (name) => {
    const testCase = caseByName.get(name);
    expect(testCase, `no case ${name}`).toBeDefined();
    const { status, stdout, stderr } = runCli(['validate', '.'], testCase!.dir);
    const [first] = testCase!.expected;
    const [location, code] = first!.split(' ');
    const errorCount = testCase!.expected.filter((line) => !line.endsWith(' warning')).length;
    const output = `stdout:\n${stdout}\nstderr:\n${stderr}`;
    expect(status, output).toBe(1);
    expect(stdout, output).toContain(`${location} - error ${code}:`);
    expect(stdout, output).toMatch(/^> +\d+ \| /m);
    expect(stdout, output).toMatch(new RegExp(`Found ${errorCount} errors?, \\d+ warnings?\\.`));
    expect(stdout + stderr, output).not.toContain('    at ');
  });

  it('honours --max-file-size like the library option', () => {
    const testCase = caseByName.get('file-too-large')!;
    const refused = runCli(['validate', '.', '--max-file-size', String(testCase.options.maxFileBytes)], testCase.dir);
    expect(refused.status, refused.stdout + refused.stderr).toBe(1);
    expect(refused.stdout).toContain('integration.yaml:1:1 - error file-too-large:');
    const accepted = runCli(['validate', '.'], testCase.dir);
    expect(accepted.status, accepted.stdout + accepted.stderr).toBe(0);
  });

  it.each(validCaseFolders().map((dir) => [relative(ROOT, dir), dir]))('intc validate %s exits 0', (_name, dir) => {
    const { status, stdout, stderr } = runCli(['validate', dir], ROOT);
    expect(status, `stdout:\n${stdout}\nstderr:\n${stderr}`).toBe(0);
    expect(stdout).toMatch(/Found 0 errors/);
    expect(stdout + stderr).not.toContain('    at ');
  });
});
