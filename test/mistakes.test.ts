/**
 * The corpus of realistic mistakes (fixtures/mistakes/, many made when
 * translating a Botpress zod definition into YAML): each is located, told
 * with one error that says what to write, and `--fix` repairs the mechanical
 * ones to the expected text. The last test computes the figures over the
 * whole corpus and holds them to the goal: every mistake located, at least
 * 9 in 10 errors stating the fix, at most one error per mistake, none
 * steering toward a wrong edit.
 */
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../packages/intc/src/diagnostics/diagnostic.js';
import { formatDiagnosticText } from '../packages/intc/src/diagnostics/format-text.js';
import { fixManifests } from '../packages/intc/src/fix/fix-manifests.js';
import { encodeSource, sourceEncoding } from '../packages/intc/src/load/read-source.js';
import { validate } from '../packages/intc/src/pipeline.js';
import { formatExpectedLine, mistakeCases, type MistakeCase } from './fixture-harness.js';

const cases = mistakeCases();

interface Outcome {
  readonly diagnostics: readonly Diagnostic[];
  readonly errors: readonly Diagnostic[];
  /** `file:line:col code` and the help, as expected.txt writes them. */
  readonly actual: { line: string; help: string | undefined }[];
  /** The text output, for the words that must never appear. */
  readonly text: string;
  /** Each changed file's bytes after --fix, by path relative to the case. */
  readonly fixed: Map<string, Buffer>;
  /** Errors left after --fix, as `file:line:col code`. */
  readonly left: string[];
}

const outcomes = new Map<string, Outcome>();

function outcomeOf(testCase: MistakeCase): Outcome {
  const known = outcomes.get(testCase.name);
  if (known) return known;
  const result = validate(testCase.roots);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const actual = result.diagnostics.map((d) => ({ line: formatExpectedLine(d, testCase.dir), help: d.fix?.message }));
  const text = result.diagnostics.map((d) => formatDiagnosticText(d, { cwd: testCase.dir, sources: result.sources, color: false })).join('\n');
  const fix = fixManifests(testCase.roots);
  const fixed = new Map(
    fix.changes.map((change) => [
      relative(testCase.dir, change.path).split(sep).join('/'),
      encodeSource(change.after, sourceEncoding(readFileSync(change.path))),
    ]),
  );
  const left = fix.changes.length === 0 ? [] : fix.diagnostics.filter((d) => d.severity === 'error').map((d) => formatExpectedLine(d, testCase.dir));
  const outcome = { diagnostics: result.diagnostics, errors, actual, text, fixed, left };
  outcomes.set(testCase.name, outcome);
  return outcome;
}

/** A case steers wrong when it says words known to mislead, or its mechanical fix does not give the expected, clean file. */
function steersWrong(testCase: MistakeCase, outcome: Outcome): string[] {
  const problems = testCase.never.filter((words) => outcome.text.includes(words)).map((words) => `says '${words}'`);
  const expectedFiles = [...testCase.fixed.keys()].sort();
  const fixedFiles = [...outcome.fixed.keys()].sort();
  if (JSON.stringify(expectedFiles) !== JSON.stringify(fixedFiles)) problems.push(`--fix changes ${fixedFiles.join(', ') || 'nothing'}, expected ${expectedFiles.join(', ') || 'nothing'}`);
  for (const [file, bytes] of testCase.fixed) {
    if (!outcome.fixed.get(file)?.equals(bytes)) problems.push(`--fix leaves ${file} different from fixed/${file}`);
  }
  if (JSON.stringify(outcome.left) !== JSON.stringify(testCase.left)) problems.push(`after --fix: ${outcome.left.join(', ') || 'no errors'}, expected ${testCase.left.join(', ') || 'no errors'}`);
  return problems;
}

describe('the corpus of mistakes', () => {
  it('has at least 60 cases, each naming its mistake and one expected error with its fix', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    for (const testCase of cases) {
      expect(testCase.what, testCase.name).not.toBe('');
      expect(testCase.roots.length, testCase.name).toBeGreaterThan(0);
      expect(testCase.expected.filter((e) => !e.line.endsWith(' warning')), testCase.name).toHaveLength(1);
    }
  });

  it('has --fix cases of every mechanical kind the brief names', () => {
    const fixedNames = cases.filter((c) => c.fixed.size > 0).map((c) => c.name);
    for (const kind of ['names-billable-typo', 'yaml-no-boolean', 'zod-describe', 'iface-reversed-mapping', 'structure-input-without-schema']) {
      expect(fixedNames).toContain(kind);
    }
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    const outcome = outcomeOf(testCase);
    const report = `${testCase.what}\n${outcome.text}`;
    expect(outcome.actual, report).toEqual(testCase.expected);
    expect(steersWrong(testCase, outcome), report).toEqual([]);
  });
});

describe('the figures over the corpus', () => {
  it('every mistake located, at least 9 in 10 errors state the fix, at most one error per mistake, none steering wrong', () => {
    let located = 0;
    let errors = 0;
    let withFix = 0;
    let mechanical = 0;
    let maxErrors = 0;
    const wrong: string[] = [];
    for (const testCase of cases) {
      const outcome = outcomeOf(testCase);
      const expectedError = testCase.expected.find((e) => !e.line.endsWith(' warning'))?.line;
      if (outcome.errors.length > 0 && formatExpectedLine(outcome.errors[0]!, testCase.dir) === expectedError) located++;
      errors += outcome.errors.length;
      withFix += outcome.errors.filter((d) => d.fix !== undefined && d.fix.message.trim() !== '').length;
      mechanical += outcome.errors.filter((d) => d.fix?.edit !== undefined).length;
      maxErrors = Math.max(maxErrors, outcome.errors.length);
      if (steersWrong(testCase, outcome).length > 0) wrong.push(testCase.name);
    }
    const figures = {
      mistakes: cases.length,
      located,
      errors,
      errorsPerMistake: Number((errors / cases.length).toFixed(2)),
      maxErrorsPerMistake: maxErrors,
      statingTheFix: withFix,
      fixedByValidateFix: mechanical,
      steeringWrong: wrong.length,
    };
    console.log(`mistakes corpus: ${JSON.stringify(figures)}`);
    expect(located).toBe(cases.length);
    expect(withFix / errors).toBeGreaterThanOrEqual(0.9);
    expect(maxErrors).toBeLessThanOrEqual(1);
    expect(wrong).toEqual([]);
  });
});
