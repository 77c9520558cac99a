/**
 * `intc import [definition or folder] [--out <dir>] [--force] [--format text|json]`.
 * Exit 0: manifests written (or already right); 1: nothing written, a
 * problem the user must fix is reported (SDK missing, definition fails,
 * a manifest exists); 2: bad command line, or a bug in intc (main.ts).
 * Loaded on first use (dist/intc-import.cjs), with esbuild, so validate and
 * generate never load any of it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../cli/find-manifests.js';
import { IMPORT_USAGE } from '../cli/import-usage.js';
import { EXIT_MANIFEST_ERRORS, EXIT_OK, type CliIo } from '../cli/io.js';
import { countErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnosticsJson } from '../diagnostics/format-json.js';
import { displayPath, formatDiagnosticText, formatSummary } from '../diagnostics/format-text.js';
import { importDefinition, type ImportedDefinition } from './import-definition.js';
import { ImportFailure } from './import-failure.js';
import { writeImported, type WrittenFile } from './write-imported.js';

export async function runImport(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(IMPORT_USAGE);
    return EXIT_OK;
  }
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be 'text' or 'json', not '${values.format}'.`);
  if (positionals.length > 1) throw new UsageError(`intc import takes one definition or folder, not ${positionals.length}.`);
  const format = values.format;
  try {
    const imported = await importDefinition(positionals[0] ?? '.', {
      cwd: io.cwd,
      ...(values.out === undefined ? {} : { outDir: resolve(io.cwd, values.out) }),
    });
    const written = writeImported(imported, values.force);
    io.stdout(format === 'json' ? reportJson([], written, io.cwd, summaryOf(imported, written, io.cwd)) : reportText(imported, written, io.cwd));
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof ImportFailure)) throw error;
    const diagnostics = sortDiagnostics(error.diagnostics);
    io.stdout(format === 'json' ? reportJson(diagnostics, [], io.cwd, 'Nothing written.') : failureText(diagnostics, io));
    return EXIT_MANIFEST_ERRORS;
  }
}

function reportText(imported: ImportedDefinition, written: readonly WrittenFile[], cwd: string): string {
  const lines = written.map((file) => `  ${file.status.padEnd(9)} ${displayPath(file.path, cwd)}`);
  const folder = displayPath(imported.outDir, cwd) || '.';
  return `${summaryOf(imported, written, cwd)}\n${lines.join('\n')}\nNext: intc validate ${folder} && intc generate ${folder}\n`;
}

function summaryOf(imported: ImportedDefinition, written: readonly WrittenFile[], cwd: string): string {
  const changed = written.filter((file) => file.status !== 'unchanged').length;
  const sdk = imported.sdkVersion ? ` with @botpress/sdk ${imported.sdkVersion}` : '';
  return `Imported ${displayPath(imported.definitionFile, cwd)}${sdk}: ${written.length} manifest${written.length === 1 ? '' : 's'} (${changed} written, ${written.length - changed} unchanged).`;
}

function failureText(diagnostics: readonly Diagnostic[], io: CliIo): string {
  const sources = sourcesOf(diagnostics);
  const out = diagnostics.map((diagnostic) => `${formatDiagnosticText(diagnostic, { cwd: io.cwd, sources, color: io.color })}\n`);
  const errors = countErrors(diagnostics);
  return `${out.join('')}${formatSummary(errors, diagnostics.length - errors)}\nNothing written.\n`;
}

function reportJson(diagnostics: readonly Diagnostic[], written: readonly WrittenFile[], cwd: string, summary: string): string {
  const report = JSON.parse(formatDiagnosticsJson(diagnostics, cwd)) as Record<string, unknown>;
  report.files = written.map((file) => ({ file: displayPath(file.path, cwd), status: file.status }));
  report.summary = summary;
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The text of each located file (a definition's source), for code frames. */
function sourcesOf(diagnostics: readonly Diagnostic[]): Map<string, string> {
  const sources = new Map<string, string>();
  for (const { location } of diagnostics) {
    if (location.start.line === 1 && location.start.column === 1) continue;
    try {
      sources.set(location.file, readFileSync(location.file, 'utf8'));
    } catch {
      // a file esbuild named that cannot be read: no frame
    }
  }
  return sources;
}
