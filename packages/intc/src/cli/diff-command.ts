import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { countErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnosticsJson } from '../diagnostics/format-json.js';
import { displayPath, formatDiagnosticText, formatSummary } from '../diagnostics/format-text.js';
import { checkVersion, diffSides } from '../diff/diff-sides.js';
import { formatReport, workflowCommand, type ReportFormat } from '../diff/format-report.js';
import { loadSide, type SideLoad } from '../diff/load-side.js';
import { parseMaxFileSize, withUsage } from './command-usage.js';
import { UsageError } from './find-manifests.js';
import { EXIT_MANIFEST_ERRORS, EXIT_OK, type CliIo } from './io.js';

export const DIFF_USAGE = `Usage: intc diff <old> <new> [options]

Compares two versions of an integration manifest (interfaces applied) and
reports every change with a code, a severity and its place: breaking (a bot or
caller built against the old version can break), feature (a compatible
addition), patch (titles, descriptions, annotations). Then prints the version
bump the changes require ("major: 1.4.2 → 2.0.0"; below 1.0.0 a breaking
change needs a minor bump).

<old> and <new> are each a manifest file, a folder holding one, or
<git-ref>:<path>, read from git at that revision with the files it references
(the path starts at the repository's top folder; ./ or ../ at the current
folder): intc diff main:integration.yaml integration.yaml

Options:
  --format <text|json|github>  output format (default: text); github prints
                               workflow commands: breaking → ::error,
                               feature → ::warning, patch → ::notice
  --check-version              exit 1 when the new manifest's version is
                               lower than the required bump
  --max-file-size <bytes>      refuse larger manifests (default: 4 MiB)
  -h, --help                   show this help

Exit codes: 0 compared (whatever the bump), 1 a side has manifest errors or
--check-version failed, 2 bad command line.
`;

const FORMATS: readonly ReportFormat[] = ['text', 'json', 'github'];

/** `intc diff <old> <new> [--format text|json|github] [--check-version]`. */
export function runDiff(args: readonly string[], io: CliIo): Promise<number> {
  return withUsage(DIFF_USAGE, io, () => diff(args, io));
}

function diff(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'check-version': { type: 'boolean', default: false },
      'max-file-size': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(DIFF_USAGE);
    return EXIT_OK;
  }
  const format = values.format as ReportFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be 'text', 'json' or 'github', not '${values.format}'.`);
  if (positionals.length !== 2) throw new UsageError(`intc diff takes two manifests, the old and the new one; ${positionals.length} given.`);
  const maxFileSize = parseMaxFileSize(values['max-file-size']);
  const options = { cwd: io.cwd, ...(maxFileSize === undefined ? {} : { maxFileBytes: maxFileSize }) };
  const loads = positionals.map((arg) => loadSide(arg, options));
  const [before, after] = loads as [SideLoad, SideLoad];
  if (!before.ok || !after.ok) {
    io.stdout(formatSideErrors(loads, format, io));
    return EXIT_MANIFEST_ERRORS;
  }
  const compared = diffSides(before.side, after.side);
  const versionProblem = values['check-version'] ? checkVersion(compared, after.side) : undefined;
  io.stdout(formatReport(versionProblem ? { ...compared, versionProblem } : compared, format, io.color));
  return versionProblem ? EXIT_MANIFEST_ERRORS : EXIT_OK;
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
  if (format === 'json') return formatDiagnosticsJson(diagnostics, io.cwd);
  if (format === 'github') {
    return diagnostics
      .map((d) => {
        const file = displayPath(d.location.file, io.cwd);
        return `${workflowCommand(d.severity, d.code, { message: d.message, file, line: d.location.start.line, column: d.location.start.column, fromGit: fromGit.has(d.location.file) })}\n`;
      })
      .join('');
  }
  const text = diagnostics.map((d) => `${formatDiagnosticText(d, { cwd: io.cwd, sources, color: io.color })}\n`).join('');
  const errors = countErrors(diagnostics);
  return `${text}${formatSummary(errors, diagnostics.length - errors)}\nCannot compare: fix the manifest errors above first.\n`;
}
