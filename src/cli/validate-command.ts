import { parseArgs } from 'node:util';
import { countErrors } from '../diagnostics/diagnostic.js';
import { formatDiagnosticsJson } from '../diagnostics/format-json.js';
import { formatDiagnosticText, formatSummary } from '../diagnostics/format-text.js';
import { validate } from '../pipeline.js';
import { findManifests, UsageError } from './find-manifests.js';
import type { CliIo } from './io.js';
import { EXIT_INTERNAL_ERROR, EXIT_MANIFEST_ERRORS, EXIT_OK } from './io.js';

export const VALIDATE_USAGE = `Usage: intc validate [manifest or folder...] [options]

Checks integration, interface and bot manifests and everything they reference.
With no file named, checks the manifest in the current folder.

Options:
  --format <text|json>    output format (default: text)
  --strict                warnings fail the run too
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
  const maxFileBytes = values['max-file-size'] === undefined ? undefined : parseSize(values['max-file-size']);
  const files = findManifests(positionals, io.cwd);
  const result = validate(files, maxFileBytes === undefined ? {} : { maxFileBytes });

  if (values.format === 'json') {
    io.stdout(formatDiagnosticsJson(result.diagnostics, io.cwd));
  } else {
    for (const diagnostic of result.diagnostics) {
      io.stdout(`${formatDiagnosticText(diagnostic, { cwd: io.cwd, sources: result.sources, color: io.color })}\n`);
    }
  }
  const errors = countErrors(result.diagnostics);
  const warnings = result.diagnostics.length - errors;
  if (values.format === 'text') io.stdout(`${formatSummary(errors, warnings)}\n`);
  if (result.diagnostics.some((d) => d.code === 'internal-error')) return EXIT_INTERNAL_ERROR;
  return errors > 0 || (values.strict && warnings > 0) ? EXIT_MANIFEST_ERRORS : EXIT_OK;
}

function parseSize(text: string): number {
  const bytes = Number(text);
  if (!Number.isInteger(bytes) || bytes <= 0) throw new UsageError(`--max-file-size must be a positive number of bytes, not '${text}'.`);
  return bytes;
}
