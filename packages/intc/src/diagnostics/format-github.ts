import type { Diagnostic } from './diagnostic.js';
import { displayPath } from './format-text.js';

/**
 * `--format github`: one GitHub Actions workflow command per diagnostic
 * (`::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=intc <code>::<message>`),
 * which GitHub shows as an annotation on the file and line of a pull request.
 * Paths are relative to `cwd` (run from the repository root).
 */
export function formatDiagnosticGithub(diagnostic: Diagnostic, cwd: string): string {
  const { file, start, end } = diagnostic.location;
  const properties = [
    `file=${escapeProperty(displayPath(file, cwd))}`,
    `line=${start.line}`,
    `col=${start.column}`,
    `endLine=${end.line}`,
    `endColumn=${end.column}`,
    `title=${escapeProperty(`intc ${diagnostic.code}`)}`,
  ];
  return `::${diagnostic.severity} ${properties.join(',')}::${escapeData(diagnostic.message)}`;
}

/** The escaping GitHub's toolkit applies to a command's message. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** …and to a property value, where `:` and `,` separate too. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
