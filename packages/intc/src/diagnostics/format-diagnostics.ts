import type { Diagnostic } from './diagnostic.js';
import { formatDiagnosticGithub } from './format-github.js';
import { formatDiagnosticText, type TextFormatOptions } from './format-text.js';

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
