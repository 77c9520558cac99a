/**
 * What one `intc generate` run prints and the exit code it ends with, shared
 * by the full run, `--watch` and `bin/intc.cjs`'s fast path (so a skipped run
 * prints exactly what a full no-change run would).
 */
import { countErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnosticsJson } from '../diagnostics/format-json.js';
import { displayPath, formatDiagnosticText, formatSummary } from '../diagnostics/format-text.js';
import type { WriteStatus } from './plan-writes.js';

export interface FileOutcome {
  /** Absolute path. */
  readonly path: string;
  readonly kind: 'generated' | 'stub';
  /** For --check: what generating would do. */
  readonly status: WriteStatus;
}

export interface RunOutcome {
  readonly mode: 'generate' | 'check';
  /** Sorted. */
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: ReadonlyMap<string, string>;
  /** Every generated file (any status) and every stub created or updated; sorted by path within each kind. */
  readonly files: readonly FileOutcome[];
  /** Set when the run wrote nothing because of its diagnostics, or stopped at a failed write. */
  readonly stopped?: 'diagnostics' | 'write-failed';
  /** --check: the unified diff of every file that would change. */
  readonly diff?: string;
}

export interface ReportOptions {
  readonly cwd: string;
  readonly color: boolean;
  readonly format: 'text' | 'json';
}

export function exitCodeOf(outcome: RunOutcome, strict: boolean): number {
  if (outcome.diagnostics.some((d) => d.code === 'internal-error')) return 2;
  const errors = countErrors(outcome.diagnostics);
  if (errors > 0 || outcome.stopped !== undefined) return 1;
  if (strict && outcome.diagnostics.length > errors) return 1;
  if (outcome.mode === 'check' && outcome.files.some((f) => f.status !== 'unchanged')) return 1;
  return 0;
}

export function formatRunOutcome(outcome: RunOutcome, options: ReportOptions): string {
  return options.format === 'json' ? formatJson(outcome, options.cwd) : formatText(outcome, options);
}

function formatText(outcome: RunOutcome, options: ReportOptions): string {
  const out: string[] = [];
  for (const diagnostic of outcome.diagnostics) {
    out.push(`${formatDiagnosticText(diagnostic, { cwd: options.cwd, sources: outcome.sources, color: options.color })}\n`);
  }
  if (outcome.diff) out.push(outcome.diff, '\n');
  if (outcome.mode === 'check' && outcome.stopped === undefined) {
    const changes = outcome.files.filter((f) => f.status !== 'unchanged');
    for (const file of changes) out.push(`Would ${file.status} ${displayPath(file.path, options.cwd)}${file.kind === 'stub' ? ' (handler stub)' : ''}\n`);
    if (changes.length > 0) out.push('\n');
  }
  const errors = countErrors(outcome.diagnostics);
  if (outcome.diagnostics.length > 0) out.push(`${formatSummary(errors, outcome.diagnostics.length - errors)}\n`);
  out.push(`${summaryLine(outcome)}\n`);
  return out.join('');
}

function formatJson(outcome: RunOutcome, cwd: string): string {
  const report = JSON.parse(formatDiagnosticsJson(outcome.diagnostics, cwd)) as Record<string, unknown>;
  report.files = outcome.files.map((f) => ({ file: displayPath(f.path, cwd), kind: f.kind, status: f.status }));
  report.summary = summaryLine(outcome);
  if (outcome.mode === 'check') report.diff = outcome.diff ?? '';
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** One sentence: what the run did (or would do), or why it did nothing. */
export function summaryLine(outcome: RunOutcome): string {
  if (outcome.stopped === 'diagnostics') return outcome.mode === 'check' ? 'Nothing checked.' : 'Nothing written.';
  if (outcome.stopped === 'write-failed') return 'Writing stopped at the first file that could not be written.';
  const generated = outcome.files.filter((f) => f.kind === 'generated');
  const count = (kind: FileOutcome['kind'], ...statuses: WriteStatus[]) =>
    outcome.files.filter((f) => f.kind === kind && statuses.includes(f.status)).length;
  const total = generated.filter((f) => f.status !== 'delete').length;
  const written = count('generated', 'create', 'update');
  const deleted = count('generated', 'delete');
  const stubsCreated = count('stub', 'create');
  const stubsUpdated = count('stub', 'update');
  if (written + deleted + stubsCreated + stubsUpdated === 0) {
    return outcome.mode === 'check'
      ? `Up to date: ${plural(total, 'generated file')} match the manifest and no handler stub is missing.`
      : `Nothing changed: ${plural(total, 'generated file')} up to date.`;
  }
  const stubs = stubsCreated > 0 ? `${plural(stubsCreated, 'handler stub')} ${outcome.mode === 'check' ? 'to create' : 'created'}${stubsUpdated > 0 ? `, ${stubsUpdated} ${outcome.mode === 'check' ? 'to update' : 'updated'}` : ''}`
    : stubsUpdated > 0 ? `${plural(stubsUpdated, 'handler stub')} ${outcome.mode === 'check' ? 'to update' : 'updated'}` : '';
  if (outcome.mode === 'check') {
    const files = written + deleted > 0 ? `${plural(written, 'generated file')} to write${deleted > 0 ? `, ${deleted} stale to delete` : ''}` : '';
    return `Out of date: ${[files, stubs].filter(Boolean).join('; ')}. Run 'intc generate' to update.`;
  }
  const parts = [`${written} written`, `${total - written} unchanged`, ...(deleted > 0 ? [`${deleted} stale deleted`] : [])];
  return `Generated ${plural(total, 'file')} (${parts.join(', ')})${stubs ? `, ${stubs}` : ''}.`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
