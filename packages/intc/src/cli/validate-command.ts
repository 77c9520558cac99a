import { readFileSync, realpathSync } from 'node:fs';
import { countErrors, createDiagnostic, fileStartLocation, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnosticReport } from '../diagnostics/format-diagnostics.js';
import { countFixable, displayPath } from '../diagnostics/format-text.js';
import { fixManifests, type FixedFile } from '../fix/fix-manifests.js';
import { encodeSource, sourceEncoding } from '../load/read-source.js';
import { validate } from '../pipeline.js';
import { unifiedDiff } from '../write/diff.js';
import { writeFileAtomic } from '../write/atomic-write.js';
import { parseSize } from '../write/generate-options.js';
import { defineCommand, MAX_FILE_SIZE_OPTION, REPORT_FORMAT_OPTION } from './command-line.js';
import { findManifests, UsageError } from './find-manifests.js';
import { EXIT_ENVIRONMENT, EXIT_INTERNAL_ERROR, EXIT_MANIFEST_ERRORS, EXIT_OK, linesOptions, type CliIo } from './io.js';
import { readCommand } from './read-command.js';

export const VALIDATE_COMMAND = defineCommand({
  name: 'validate',
  operands: '[manifest or folder...] [options]',
  summary: 'check manifests and report every problem with its location',
  description: `Checks integration, interface and bot manifests and everything they reference.
With no file named, checks the config's manifests, else the manifest in the current folder.`,
  manifestsFromConfig: true,
  options: {
    format: REPORT_FORMAT_OPTION,
    strict: { type: 'boolean', config: 'strict', help: 'warnings fail the run too' },
    fix: { type: 'boolean', help: 'apply the mechanical fixes to the manifests, then report what is left' },
    'dry-run': { type: 'boolean', help: 'with --fix: show the changes as a diff and write nothing' },
    'max-file-size': MAX_FILE_SIZE_OPTION,
  },
  exitCodes: {
    0: 'clean (warnings allowed)',
    1: 'manifest errors, or warnings under --strict',
    3: 'a fixed manifest could not be written (--fix)',
  },
});

export function runValidate(args: readonly string[], io: CliIo): number {
  const input = readCommand(VALIDATE_COMMAND, args, io);
  if (!input) return EXIT_OK;
  const { values, positionals } = input;
  if (values['dry-run'] && !values.fix) throw new UsageError('--dry-run goes with --fix: `intc validate --fix --dry-run` shows the fixes without writing them.');
  const maxFileBytes = values['max-file-size'] === undefined ? undefined : parseSize(values['max-file-size']);
  const files = findManifests(positionals, io.cwd);
  const options = maxFileBytes === undefined ? {} : { maxFileBytes };
  const format = values.format;

  let result: { diagnostics: readonly Diagnostic[]; sources: ReadonlyMap<string, string> };
  let changes: readonly FixedFile[] = [];
  let writeFailures: Diagnostic[] = [];
  if (values.fix) {
    const fixed = fixManifests(files, options);
    changes = fixed.changes;
    writeFailures = values['dry-run'] ? [] : writeFixes(changes, io.cwd);
    result = { diagnostics: sortDiagnostics([...fixed.diagnostics, ...writeFailures]), sources: fixed.sources };
    if (format !== 'json') io.stdout(describeFixes(changes, fixed.applied, values['dry-run'], io.cwd, countErrors(result.diagnostics)));
  } else {
    result = validate(files, options);
  }

  const json = values.fix ? { fixed: changes.map((change) => fixedFileJson(change, values['dry-run'], io.cwd)) } : {};
  const fixable = values.fix ? 0 : countFixable(result.diagnostics);
  io.stdout(formatDiagnosticReport(result.diagnostics, format, { ...linesOptions(io, result.sources), json, countWhenNone: true, fixable }));
  const errors = countErrors(result.diagnostics);
  const warnings = result.diagnostics.length - errors;
  if (result.diagnostics.some((d) => d.code === 'internal-error')) return EXIT_INTERNAL_ERROR;
  if (writeFailures.length > 0) return EXIT_ENVIRONMENT;
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
