/**
 * `intc import [definition or folder...] [--out <dir>] [--force] [--format text|json]`.
 * Exit 0: manifests written (or already right); 1: nothing written, a
 * problem the user must fix is reported (SDK missing, a definition fails,
 * a manifest exists), for any of the definitions named; 2: bad command
 * line, or a bug in intc (main.ts).
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
import { assertWritable, writeImported, type WrittenFile } from './write-imported.js';

interface ImportArgs {
  readonly targets: readonly string[];
  readonly outDir: string | undefined;
  readonly force: boolean;
  readonly format: 'text' | 'json';
  readonly help: boolean;
}

export async function runImport(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseImportArgs(args, io.cwd);
  if (options.help) {
    io.stdout(IMPORT_USAGE);
    return EXIT_OK;
  }
  const { imported, diagnostics } = await importAll(options, io.cwd);
  if (diagnostics.length > 0) return reportFailure(diagnostics, io, options.format);
  const written: WrittenFile[][] = [];
  try {
    for (const result of imported) written.push(writeImported(result));
  } catch (error) {
    if (!(error instanceof ImportFailure)) throw error;
    return reportFailure(error.diagnostics, io, options.format);
  }
  const summaries = imported.map((result, index) => summaryOf(result, written[index]!, io.cwd));
  io.stdout(
    options.format === 'json'
      ? reportJson([], written.flat(), io.cwd, summaries.join('\n'))
      : imported.map((result, index) => reportText(result, written[index]!, summaries[index]!, io.cwd)).join(''),
  );
  return EXIT_OK;
}

function parseImportArgs(args: readonly string[], cwd: string): ImportArgs {
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
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be 'text' or 'json', not '${values.format}'.`);
  if (values.out !== undefined && positionals.length > 1) throw new UsageError('--out is the folder of one import: name one definition with it.');
  return {
    targets: positionals.length > 0 ? positionals : ['.'],
    outDir: values.out === undefined ? undefined : resolve(cwd, values.out),
    force: values.force,
    format: values.format,
    help: values.help,
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

function reportFailure(diagnostics: readonly Diagnostic[], io: CliIo, format: 'text' | 'json'): number {
  const sorted = sortDiagnostics(diagnostics);
  io.stdout(format === 'json' ? reportJson(sorted, [], io.cwd, 'Nothing written.') : failureText(sorted, io));
  return EXIT_MANIFEST_ERRORS;
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
