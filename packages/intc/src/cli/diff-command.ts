import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnosticReport } from '../diagnostics/format-diagnostics.js';
import { annotationMessage, annotationTitle } from '../diagnostics/format-github.js';
import { displayPath } from '../diagnostics/format-text.js';
import { checkVersion, diffSides } from '../diff/diff-sides.js';
import { formatReport, workflowCommand, type ReportFormat } from '../diff/format-report.js';
import { loadSide, type SideLoad } from '../diff/load-side.js';
import { parseSize } from '../write/generate-options.js';
import { DIFF_COMMAND } from './diff-usage.js';
import { UsageError } from './find-manifests.js';
import { EXIT_MANIFEST_ERRORS, EXIT_OK, linesOptions, type CliIo } from './io.js';
import { readCommand } from './read-command.js';

/** `intc diff <old> <new> [--format text|json|github] [--check-version]`. */
export function runDiff(args: readonly string[], io: CliIo): number {
  const input = readCommand(DIFF_COMMAND, args, io);
  if (!input) return EXIT_OK;
  const { values, positionals } = input;
  const format = values.format;
  if (positionals.length !== 2) throw new UsageError(`intc diff takes two manifests, the old and the new one; ${positionals.length} given.`);
  const maxFileSize = values['max-file-size'] === undefined ? undefined : parseSize(values['max-file-size']);
  const options = { cwd: io.cwd, ...(maxFileSize === undefined ? {} : { maxFileBytes: maxFileSize }) };
  const loads = positionals.map((arg) => loadSide(arg, options));
  const [before, after] = loads as [SideLoad, SideLoad];
  if (!before.ok || !after.ok) {
    io.stdout(formatSideErrors(loads, format, io));
    return EXIT_MANIFEST_ERRORS;
  }
  const compared = diffSides(before.side, after.side);
  const versionProblem = values['check-version'] ? checkVersion(compared, after.side) : undefined;
  io.stdout(formatReport(versionProblem ? { ...compared, versionProblem } : compared, format, io.color, githubOptions(io)));
  return versionProblem ? EXIT_MANIFEST_ERRORS : EXIT_OK;
}

function githubOptions(io: CliIo) {
  return linesOptions(io, new Map());
}

/** The diagnostics of the sides that failed, their files shown as each side shows them (`main:integration.yaml`). */
function formatSideErrors(loads: readonly SideLoad[], format: ReportFormat, io: CliIo): string {
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const fromGit = new Set<string>();
  for (const load of loads) {
    if (load.ok) continue;
    // A shown name as a path below the current folder: the formatters print it back as it is.
    const shown = (file: string) => resolve(io.cwd, load.display(file));
    for (const diagnostic of load.diagnostics) {
      const file = shown(diagnostic.location.file);
      if (load.fromGit) fromGit.add(file);
      diagnostics.push({ ...diagnostic, location: { ...diagnostic.location, file } });
    }
    for (const [file, text] of load.sources) sources.set(shown(file), text);
  }
  if (format === 'github') {
    return diagnostics
      .map((d) => {
        const file = displayPath(d.location.file, io.cwd);
        return `${workflowCommand(d.severity, annotationTitle(d), { message: annotationMessage(d), file, line: d.location.start.line, column: d.location.start.column, fromGit: fromGit.has(d.location.file) }, githubOptions(io))}\n`;
      })
      .join('');
  }
  return formatDiagnosticReport(diagnostics, format, { ...linesOptions(io, sources), closing: ['Cannot compare: fix the manifest errors above first.'] });
}
