import { countErrors, type Diagnostic } from './diagnostic.js';
import { displayPath } from './format-text.js';

/** The `--format json` report: one object, stable keys, for editors and CI tools. */
export function formatDiagnosticsJson(diagnostics: readonly Diagnostic[], cwd: string): string {
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
    })),
    errorCount: countErrors(diagnostics),
    warningCount: diagnostics.length - countErrors(diagnostics),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
