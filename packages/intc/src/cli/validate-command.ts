import { readFileSync, realpathSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { countErrors, createDiagnostic, fileStartLocation, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnosticsJson } from '../diagnostics/format-json.js';
import { countFixable, displayPath, formatDiagnosticText, formatSummary } from '../diagnostics/format-text.js';
import { fixManifests, type FixedFile } from '../fix/fix-manifests.js';
import { encodeSource, sourceEncoding } from '../load/read-source.js';
import { validate } from '../pipeline.js';
import { unifiedDiff } from '../write/diff.js';
import { writeFileAtomic } from '../write/atomic-write.js';
import { findManifests, UsageError } from './find-manifests.js';
import type { CliIo } from './io.js';
import { EXIT_INTERNAL_ERROR, EXIT_MANIFEST_ERRORS, EXIT_OK } from './io.js';

export const VALIDATE_USAGE = `Usage: intc validate [manifest or folder...] [options]

Checks integration, interface and bot manifests and everything they reference.
With no file named, checks the manifest in the current folder.

Options:
  --format <text|json>    output format (default: text)
  --strict                warnings fail the run too
  --fix                   apply the mechanical fixes to the manifests, then report what is left
  --dry-run               with --fix: show the changes as a diff and write nothing
  --max-file-size <bytes> refuse larger manifests (default: 4 MiB)
  -h, --help              show this help
`;

export function runValidate(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      strict: { type: 'boolean', default: false },
      fix: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      'max-file-size': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(VALIDATE_USAGE);
    return EXIT_OK;
  }
  if (values.format !== 'text' && values.format !== 'json') {
    throw new UsageError(`--format must be 'text' or 'json', not '${values.format}'.`);
  }
  if (values['dry-run'] && !values.fix) throw new UsageError('--dry-run goes with --fix: `intc validate --fix --dry-run` shows the fixes without writing them.');
  const maxFileBytes = values['max-file-size'] === undefined ? undefined : parseSize(values['max-file-size']);
  const files = findManifests(positionals, io.cwd);
  const options = maxFileBytes === undefined ? {} : { maxFileBytes };
  const format = values.format;

  let result: { diagnostics: readonly Diagnostic[]; sources: ReadonlyMap<string, string> };
  let changes: readonly FixedFile[] = [];
  if (values.fix) {
    const fixed = fixManifests(files, options);
    changes = fixed.changes;
    const writeFailures = values['dry-run'] ? [] : writeFixes(changes, io.cwd);
    result = { diagnostics: sortDiagnostics([...fixed.diagnostics, ...writeFailures]), sources: fixed.sources };
    if (format === 'text') io.stdout(describeFixes(changes, fixed.applied, values['dry-run'], io.cwd, countErrors(result.diagnostics)));
  } else {
    result = validate(files, options);
  }

  if (format === 'json') {
    const fixed = values.fix ? { fixed: changes.map((change) => fixedFileJson(change, values['dry-run'], io.cwd)) } : {};
    io.stdout(formatDiagnosticsJson(result.diagnostics, io.cwd, fixed));
  } else {
    for (const diagnostic of result.diagnostics) {
      io.stdout(`${formatDiagnosticText(diagnostic, { cwd: io.cwd, sources: result.sources, color: io.color })}\n`);
    }
  }
  const errors = countErrors(result.diagnostics);
  const warnings = result.diagnostics.length - errors;
  if (format === 'text') io.stdout(`${formatSummary(errors, warnings, values.fix ? 0 : countFixable(result.diagnostics))}\n`);
  if (result.diagnostics.some((d) => d.code === 'internal-error')) return EXIT_INTERNAL_ERROR;
  return errors > 0 || (values.strict && warnings > 0) ? EXIT_MANIFEST_ERRORS : EXIT_OK;
}

/** Writes each fixed manifest atomically, in the encoding it was read in; a file that cannot be written is a diagnostic. */
function writeFixes(changes: readonly FixedFile[], cwd: string): Diagnostic[] {
  const failures: Diagnostic[] = [];
  for (const change of changes) {
    try {
      // Through a symbolic link, the file it points at is edited; the link stays.
      const target = realpathSync(change.path);
      writeFileAtomic(target, encodeSource(change.after, sourceEncoding(readFileSync(target))));
    } catch (error) {
      const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
      failures.push(createDiagnostic('output-not-writable', { path: displayPath(change.path, cwd), reason }, fileStartLocation(change.path)));
    }
  }
  return failures;
}

function describeFixes(changes: readonly FixedFile[], applied: number, dryRun: boolean, cwd: string, errorsLeft: number): string {
  if (changes.length === 0) return errorsLeft > 0 ? 'No mechanical fix applies; the problems below need your edit.\n\n' : '';
  const diffs = dryRun ? changes.map((change) => diffOf(change, cwd)).join('\n') : '';
  const files = changes.map((change) => displayPath(change.path, cwd)).join(', ');
  const summary = `${dryRun ? 'Would fix' : 'Fixed'} ${applied} problem${applied === 1 ? '' : 's'} in ${files}${dryRun ? ' (--dry-run: nothing written)' : ''}.`;
  return `${diffs}${diffs ? '\n' : ''}${summary}\n\n`;
}

function diffOf(change: FixedFile, cwd: string): string {
  const shown = displayPath(change.path, cwd);
  return unifiedDiff(change.before, change.after, { oldLabel: shown, newLabel: `${shown} (fixed)` });
}

function fixedFileJson(change: FixedFile, dryRun: boolean, cwd: string) {
  return { file: displayPath(change.path, cwd), written: !dryRun, diff: diffOf(change, cwd) };
}

function parseSize(text: string): number {
  const bytes = Number(text);
  if (!Number.isInteger(bytes) || bytes <= 0) throw new UsageError(`--max-file-size must be a positive number of bytes, not '${text}'.`);
  return bytes;
}
