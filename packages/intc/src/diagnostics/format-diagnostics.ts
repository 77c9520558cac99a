import { countErrors, type Diagnostic } from './diagnostic.js';
import { formatDiagnosticGithub } from './format-github.js';
import { formatDiagnosticsJson } from './format-json.js';
import { formatDiagnosticText, formatSummary, type TextFormatOptions } from './format-text.js';

/** The output formats of the commands that report diagnostics (`--format`). */
export type DiagnosticFormat = 'text' | 'json' | 'github';
export const DIAGNOSTIC_FORMATS: readonly DiagnosticFormat[] = ['text', 'json', 'github'];

export interface LinesFormatOptions extends TextFormatOptions {
  /** GITHUB_WORKSPACE, where annotation paths start (github). */
  readonly workspace?: string | undefined;
}

/** Each diagnostic on its own: text with its code frame and `help:` line, or one GitHub workflow command. */
export function formatDiagnosticLines(diagnostics: readonly Diagnostic[], format: Exclude<DiagnosticFormat, 'json'>, options: LinesFormatOptions): string {
  return diagnostics.map((d) => `${format === 'github' ? formatDiagnosticGithub(d, options) : formatDiagnosticText(d, options)}\n`).join('');
}

export interface ReportFormatOptions extends LinesFormatOptions {
  /** What the command's JSON report adds to `{ diagnostics, errorCount, warningCount }`. */
  readonly json?: Record<string, unknown>;
  /** Lines after the count in text and github (`Nothing written.`). */
  readonly closing?: readonly string[];
  /** Print `Found 0 errors, 0 warnings.` when there is nothing (validate does; the others only count what they print). */
  readonly countWhenNone?: boolean;
  /** How many `intc validate --fix` can repair, said with the count. */
  readonly fixable?: number;
}

/**
 * A command's whole diagnostic report in the format asked for: json, one
 * object; text or github, the diagnostics, `Found N errors, M warnings.`,
 * then the command's closing lines.
 */
export function formatDiagnosticReport(diagnostics: readonly Diagnostic[], format: DiagnosticFormat, options: ReportFormatOptions): string {
  if (format === 'json') return formatDiagnosticsJson(diagnostics, options.cwd, options.json);
  const errors = countErrors(diagnostics);
  const count = diagnostics.length > 0 || options.countWhenNone ? [formatSummary(errors, diagnostics.length - errors, options.fixable)] : [];
  const lines = [...count, ...(options.closing ?? [])];
  return `${formatDiagnosticLines(diagnostics, format, options)}${lines.map((line) => `${line}\n`).join('')}`;
}
