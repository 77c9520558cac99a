import { countErrors, type Diagnostic, type TextEdit } from './diagnostic.js';
import { displayPath } from './format-text.js';

/**
 * The `--format json` report: one object, stable keys, for editors and CI
 * tools. A diagnostic with a known fix carries `fix` (the sentence) and, when
 * the fix is mechanical, `edit` (the range and its replacement).
 */
export function formatDiagnosticsJson(diagnostics: readonly Diagnostic[], cwd: string, extra: Record<string, unknown> = {}): string {
  const report = {
    diagnostics: diagnostics.map((d) => ({
      file: displayPath(d.location.file, cwd),
      line: d.location.start.line,
      column: d.location.start.column,
      endLine: d.location.end.line,
      endColumn: d.location.end.column,
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.fix ? { fix: d.fix.message } : {}),
      ...(d.fix?.edit ? { edit: jsonEdit(d.fix.edit, cwd) } : {}),
    })),
    errorCount: countErrors(diagnostics),
    warningCount: diagnostics.length - countErrors(diagnostics),
    ...extra,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** An edit as tools take it: the file, 1-based line/column range (end exclusive), offsets, and the text to put there. */
function jsonEdit(edit: TextEdit, cwd: string) {
  return {
    file: displayPath(edit.file, cwd),
    line: edit.range.start.line,
    column: edit.range.start.column,
    endLine: edit.range.end.line,
    endColumn: edit.range.end.column,
    offset: edit.start,
    endOffset: edit.end,
    replacement: edit.replacement,
  };
}
