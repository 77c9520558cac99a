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
  /** A handler stub created (or updated) as a moved handler: its old file (renames). */
  readonly movedFrom?: string;
}

/** The handlers of one integration still at their TODO body. */
export interface TodoList {
  /** The manifest (absolute path). */
  readonly manifest: string;
  /** As the summary names them: `sendMessage`, `telegram.text`, `register`. */
  readonly handlers: readonly string[];
}

export interface RunOutcome {
  readonly mode: 'generate' | 'check';
  /** Sorted. */
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: ReadonlyMap<string, string>;
  /** Every generated file (any status) and every stub created or updated; sorted by path within each kind. */
  readonly files: readonly FileOutcome[];
  /** Set when the run wrote nothing because of its diagnostics or a --force not confirmed, or stopped at a failed write. */
  readonly stopped?: 'diagnostics' | 'write-failed' | 'declined';
  /** --check: the unified diff of every file that would change. */
  readonly diff?: string;
  /** Handlers still at their TODO body once the run is done, per integration that has any. */
  readonly todo?: readonly TodoList[];
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
    const movedFrom = new Set(outcome.files.map((f) => f.movedFrom));
    const changes = outcome.files.filter((f) => f.status !== 'unchanged' && !(f.status === 'delete' && movedFrom.has(f.path)));
    for (const file of changes) out.push(`Would ${fileChange(file, options.cwd)}\n`);
    if (changes.length > 0) out.push('\n');
  } else if (outcome.stopped === undefined) {
    for (const file of outcome.files) if (file.movedFrom !== undefined) out.push(`Moved ${movedText(file, options.cwd)}\n`);
  }
  const errors = countErrors(outcome.diagnostics);
  if (outcome.diagnostics.length > 0) out.push(`${formatSummary(errors, outcome.diagnostics.length - errors)}\n`);
  out.push(`${summaryLine(outcome)}\n`);
  for (const line of todoLines(outcome, options.cwd)) out.push(`${line}\n`);
  return out.join('');
}

/** `create src/actions/x.ts (handler stub)`; a moved handler as `move src/actions/old.ts to src/actions/new.ts (handler stub)`. */
function fileChange(file: FileOutcome, cwd: string): string {
  if (file.movedFrom !== undefined) return `move ${movedText(file, cwd)}`;
  return `${file.status} ${displayPath(file.path, cwd)}${file.kind === 'stub' ? ' (handler stub)' : ''}`;
}

function movedText(file: FileOutcome, cwd: string): string {
  return `${displayPath(file.movedFrom!, cwd)} to ${displayPath(file.path, cwd)} (handler stub, renamed)`;
}

/** How many names a TODO line shows before "and N more". */
const TODO_NAMES_SHOWN = 5;

/** `3 handlers still TODO: sendMessage, telegram.text, register.`, one line per integration that has any (none when none has). */
export function todoLines(outcome: RunOutcome, cwd: string): string[] {
  return outcome.stopped === undefined ? formatTodoLines(outcome.todo ?? [], cwd, 'intc status lists them') : [];
}

/** The TODO lines of some integrations; `where` says where the names left out are listed. */
export function formatTodoLines(todo: readonly TodoList[], cwd: string, where: string): string[] {
  const lists = todo.filter((list) => list.handlers.length > 0);
  return lists.map(({ manifest, handlers }) => {
    const at = lists.length > 1 ? ` in ${displayPath(manifest, cwd)}` : '';
    const shown = handlers.slice(0, TODO_NAMES_SHOWN).join(', ');
    const more = handlers.length > TODO_NAMES_SHOWN ? ` and ${handlers.length - TODO_NAMES_SHOWN} more (${where})` : '';
    return `${plural(handlers.length, 'handler')} still TODO${at}: ${shown}${more}.`;
  });
}

function formatJson(outcome: RunOutcome, cwd: string): string {
  const report = JSON.parse(formatDiagnosticsJson(outcome.diagnostics, cwd)) as Record<string, unknown>;
  report.files = outcome.files.map((f) => ({
    file: displayPath(f.path, cwd),
    kind: f.kind,
    status: f.status,
    ...(f.movedFrom === undefined ? {} : { movedFrom: displayPath(f.movedFrom, cwd) }),
  }));
  report.summary = summaryLine(outcome);
  if (outcome.stopped === undefined) {
    report.todo = (outcome.todo ?? []).filter((list) => list.handlers.length > 0).map((list) => ({ manifest: displayPath(list.manifest, cwd), handlers: list.handlers }));
  }
  if (outcome.mode === 'check') report.diff = outcome.diff ?? '';
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** One sentence: what the run did (or would do), or why it did nothing. */
export function summaryLine(outcome: RunOutcome): string {
  if (outcome.stopped === 'diagnostics') return outcome.mode === 'check' ? 'Nothing checked.' : 'Nothing written.';
  if (outcome.stopped === 'write-failed') return 'Writing stopped at the first file that could not be written.';
  if (outcome.stopped === 'declined') return 'Nothing written: --force was not confirmed.';
  const generated = outcome.files.filter((f) => f.kind === 'generated');
  const count = (kind: FileOutcome['kind'], ...statuses: WriteStatus[]) =>
    outcome.files.filter((f) => f.kind === kind && statuses.includes(f.status)).length;
  const total = generated.filter((f) => f.status !== 'delete').length;
  const written = count('generated', 'create', 'update');
  const deleted = count('generated', 'delete');
  const moved = outcome.files.filter((f) => f.kind === 'stub' && f.movedFrom !== undefined).length;
  const stubsCreated = count('stub', 'create') - outcome.files.filter((f) => f.kind === 'stub' && f.movedFrom !== undefined && f.status === 'create').length;
  const stubsUpdated = count('stub', 'update') - outcome.files.filter((f) => f.kind === 'stub' && f.movedFrom !== undefined && f.status === 'update').length;
  const movedFrom = new Set(outcome.files.map((f) => f.movedFrom));
  const stubsDeleted = outcome.files.filter((f) => f.kind === 'stub' && f.status === 'delete' && !movedFrom.has(f.path)).length;
  if (written + deleted + stubsCreated + stubsUpdated + moved + stubsDeleted === 0) {
    return outcome.mode === 'check'
      ? `Up to date: ${plural(total, 'generated file')} match the manifest and no handler stub is missing.`
      : `Nothing changed: ${plural(total, 'generated file')} up to date.`;
  }
  const created = stubsCreated > 0 ? `${plural(stubsCreated, 'handler stub')} ${outcome.mode === 'check' ? 'to create' : 'created'}${stubsUpdated > 0 ? `, ${stubsUpdated} ${outcome.mode === 'check' ? 'to update' : 'updated'}` : ''}`
    : stubsUpdated > 0 ? `${plural(stubsUpdated, 'handler stub')} ${outcome.mode === 'check' ? 'to update' : 'updated'}` : '';
  const movedText = moved > 0 ? `${plural(moved, 'renamed handler')} ${outcome.mode === 'check' ? 'to move' : 'moved'}`
    : stubsDeleted > 0 ? `${plural(stubsDeleted, "renamed handler's old file")} ${outcome.mode === 'check' ? 'to delete' : 'deleted'}` : '';
  const stubs = [created, movedText].filter(Boolean).join(', ');
  if (outcome.mode === 'check') {
    const files = written + deleted > 0 ? `${plural(written, 'generated file')} to write${deleted > 0 ? `, ${deleted} stale to delete` : ''}` : '';
    return `Out of date: ${[files, stubs].filter(Boolean).join('; ')}. Run 'intc generate' to update.`;
  }
  const parts = [`${written} written`, `${total - written} unchanged`, ...(deleted > 0 ? [`${deleted} stale deleted`] : [])];
  return `Generated ${plural(total, 'file')} (${parts.join(', ')})${stubs ? `, ${stubs}` : ''}.`;
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
