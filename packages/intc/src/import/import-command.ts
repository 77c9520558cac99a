/**
 * `intc import [definition or folder...] [--out <dir>] [--force] [--format text|json|github]`.
 * Exit codes: see IMPORT_COMMAND (cli/import-usage.ts).
 * Loaded on first use (dist/intc-import.cjs), with esbuild, so validate and
 * generate never load any of it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../cli/find-manifests.js';
import { IMPORT_COMMAND } from '../cli/import-usage.js';
import { EXIT_ENVIRONMENT, EXIT_MANIFEST_ERRORS, EXIT_OK, linesOptions, type CliIo } from '../cli/io.js';
import { readCommand } from '../cli/read-command.js';
import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnosticReport, type DiagnosticFormat } from '../diagnostics/format-diagnostics.js';
import { formatDiagnosticsJson } from '../diagnostics/format-json.js';
import { displayPath } from '../diagnostics/format-text.js';
import { importDefinition, type ImportedDefinition } from './import-definition.js';
import { ImportFailure } from './import-failure.js';
import { assertWritable, writeImported, type WrittenFile } from './write-imported.js';

interface ImportArgs {
  readonly targets: readonly string[];
  readonly outDir: string | undefined;
  readonly force: boolean;
  readonly format: DiagnosticFormat;
}

export async function runImport(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseImportArgs(args, io);
  if (!options) return EXIT_OK;
  const { imported, diagnostics } = await importAll(options, io.cwd);
  if (diagnostics.length > 0) return reportFailure(diagnostics, io, options.format, diagnostics.some((d) => d.code === 'botpress-sdk-missing'));
  const written: WrittenFile[][] = [];
  try {
    for (const result of imported) written.push(writeImported(result));
  } catch (error) {
    if (!(error instanceof ImportFailure)) throw error;
    return reportFailure(error.diagnostics, io, options.format, true);
  }
  const summaries = imported.map((result, index) => summaryOf(result, written[index]!, io.cwd));
  io.stdout(
    options.format === 'json'
      ? reportJson(written.flat(), io.cwd, summaries.join('\n'))
      : imported.map((result, index) => reportText(result, written[index]!, summaries[index]!, io.cwd)).join(''),
  );
  return EXIT_OK;
}

/** The options; undefined after printing the help. */
function parseImportArgs(args: readonly string[], io: CliIo): ImportArgs | undefined {
  const input = readCommand(IMPORT_COMMAND, args, io);
  if (!input) return undefined;
  const { values, positionals } = input;
  const cwd = io.cwd;
  if (values.out !== undefined && positionals.length > 1) throw new UsageError('--out is the folder of one import: name one definition with it.');
  return {
    targets: positionals.length > 0 ? positionals : ['.'],
    outDir: values.out === undefined ? undefined : resolve(cwd, values.out),
    force: values.force,
    format: values.format,
  };
}

/** Every target imported in memory and checked writable; a failure of one is reported with the others' and nothing is written. */
async function importAll(options: ImportArgs, cwd: string): Promise<{ imported: ImportedDefinition[]; diagnostics: Diagnostic[] }> {
  const imported: ImportedDefinition[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const target of options.targets) {
    try {
      const result = await importDefinition(target, { cwd, ...(options.outDir === undefined ? {} : { outDir: options.outDir }) });
      assertWritable(result, options.force);
      imported.push(result);
    } catch (error) {
      if (!(error instanceof ImportFailure)) throw error;
      diagnostics.push(...error.diagnostics);
    }
  }
  return { imported, diagnostics };
}

/** Nothing written: the problems, then exit 1, or 4 when the system is what failed (`environment`: the SDK missing, a write refused). */
function reportFailure(diagnostics: readonly Diagnostic[], io: CliIo, format: DiagnosticFormat, environment: boolean): number {
  const sorted = sortDiagnostics(diagnostics);
  const nothing = 'Nothing written.';
  io.stdout(formatDiagnosticReport(sorted, format, { ...linesOptions(io, sourcesOf(sorted)), json: { files: [], summary: nothing }, closing: [nothing] }));
  return environment ? EXIT_ENVIRONMENT : EXIT_MANIFEST_ERRORS;
}

function reportText(imported: ImportedDefinition, written: readonly WrittenFile[], summary: string, cwd: string): string {
  const lines = written.map((file) => `  ${file.status.padEnd(9)} ${displayPath(file.path, cwd)}`);
  const folder = displayPath(imported.outDir, cwd) || '.';
  const next = imported.kind === 'integration' ? `intc validate ${folder} && intc generate ${folder}` : `intc validate ${folder}`;
  return `${summary}\n${lines.join('\n')}\nNext: ${next}\n`;
}

function summaryOf(imported: ImportedDefinition, written: readonly WrittenFile[], cwd: string): string {
  const changed = written.filter((file) => file.status !== 'unchanged').length;
  const sdk = imported.sdkVersion ? ` with @botpress/sdk ${imported.sdkVersion}` : '';
  return `Imported ${displayPath(imported.definitionFile, cwd)}${sdk}: ${written.length} manifest${written.length === 1 ? '' : 's'} (${changed} written, ${written.length - changed} unchanged).`;
}

function reportJson(written: readonly WrittenFile[], cwd: string, summary: string): string {
  return formatDiagnosticsJson([], cwd, { files: written.map((file) => ({ file: displayPath(file.path, cwd), status: file.status })), summary });
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
