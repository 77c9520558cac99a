/**
 * `intc generate`'s command line, read the same way by the full command and
 * by `bin/intc.cjs`'s fast path (so both agree on what a command line means).
 * Built-ins and tiny modules only.
 */
import { defineCommand, LAYOUT_OPTIONS, MAX_FILE_SIZE_OPTION, REPORT_FORMAT_OPTION, parseCommandLine, resolveCommandLine, type OptionValues } from '../cli/command-line.js';
import type { IntcConfig } from '../config/read-config.js';
import type { Environment } from '../cli/io.js';
import { UsageError } from '../cli/find-manifests.js';

export const GENERATE_COMMAND = defineCommand({
  name: 'generate',
  operands: '[manifest or folder...] [options]',
  summary: 'generate typed code and handler stubs from integration manifests',
  description: `Generates typed code from integration manifests into a generated folder beside
each manifest, and creates a handler stub for every handler that has none.
With no file named, uses the config's manifests, else the manifest in the current folder.`,
  manifestsFromConfig: true,
  options: {
    ...LAYOUT_OPTIONS,
    check: { type: 'boolean', help: 'write nothing; exit 1 with a diff when anything is out of date' },
    watch: { type: 'boolean', help: 'regenerate whenever the manifest or a file it references changes' },
    force: {
      type: 'string',
      value: 'name,...',
      multiple: true,
      optionalValue: true,
      help: 'reset handler stubs to fresh ones (edits in them are lost): the named ones (an action, channel.message, register, unregister, handler, or a file such as src/actions/x.ts; repeatable), or all of them and src/index.ts, after a confirmation on a terminal',
    },
    yes: { type: 'boolean', help: 'confirm a bare --force without asking (when not on a terminal)' },
    format: REPORT_FORMAT_OPTION,
    strict: { type: 'boolean', config: 'strict', help: 'warnings fail the run too (and nothing is written)' },
    'max-file-size': MAX_FILE_SIZE_OPTION,
  },
  exitCodes: {
    0: 'generated, or nothing to change',
    1: 'manifest errors (nothing written), warnings under --strict, anything out of date under --check, or a bare --force not confirmed',
    3: 'a file could not be written (writing stopped there)',
  },
});

export interface GenerateArgs {
  /** Manifests or folders as named (empty: the manifest in the current folder). */
  readonly manifests: readonly string[];
  readonly outDir: string | undefined;
  readonly srcDir: string | undefined;
  readonly check: boolean;
  readonly watch: boolean;
  /** false: no --force; true: a bare --force (every stub); names: `--force <name>` (only those). */
  readonly force: boolean | readonly string[];
  /** --yes: a bare --force proceeds without asking. */
  readonly yes: boolean;
  readonly format: 'text' | 'json' | 'github';
  readonly strict: boolean;
  readonly maxFileBytes: number | undefined;
}

type GenerateValues = OptionValues<typeof GENERATE_COMMAND.options>;

/** A bare `--force` (or `--force=`): every stub. */
const FORCE_ALL = '';

/** false, true (a bare --force) or the names given (comma lists split). */
function forceOf(values: readonly string[] | undefined): boolean | string[] {
  if (values === undefined) return false;
  if (values.includes(FORCE_ALL)) return true;
  const names = values.flatMap((value) => value.split(',')).map((name) => name.trim());
  if (names.some((name) => name === '')) throw new UsageError('--force takes names separated by commas, with none empty (--force sendMessage,telegram.text).');
  return [...new Set(names)];
}

/** A whole command line as `intc generate` takes it, completed from the config and the environment (--help aside). */
export function parseGenerateArgs(args: readonly string[], config?: IntcConfig, env: Environment = {}): GenerateArgs {
  const { values, positionals } = resolveCommandLine(GENERATE_COMMAND, parseCommandLine(GENERATE_COMMAND, args), config, env);
  return toGenerateArgs(values, positionals);
}

/** The options a command line (completed from config and defaults) stands for; throws UsageError for combinations that make no sense. */
export function toGenerateArgs(values: GenerateValues, positionals: readonly string[]): GenerateArgs {
  if (values.check && values.watch) throw new UsageError('--check and --watch cannot be used together.');
  const force = forceOf(values.force);
  if (values.check && force !== false) throw new UsageError('--check and --force cannot be used together: --check writes nothing.');
  if (values.watch && force !== false) throw new UsageError('--watch and --force cannot be used together: every change would reset the stubs again.');
  for (const flag of ['out', 'src'] as const) {
    if (values[flag] !== undefined && values[flag].trim() === '') throw new UsageError(`--${flag} needs a folder.`);
  }
  return {
    manifests: positionals,
    outDir: values.out,
    srcDir: values.src,
    check: values.check,
    watch: values.watch,
    force,
    yes: values.yes,
    format: values.format,
    strict: values.strict,
    maxFileBytes: values['max-file-size'] === undefined ? undefined : parseSize(values['max-file-size']),
  };
}

/** `--max-file-size`'s value. */
export function parseSize(text: string): number {
  const bytes = Number(text);
  if (!Number.isInteger(bytes) || bytes <= 0) throw new UsageError(`--max-file-size must be a positive number of bytes, not '${text}'.`);
  return bytes;
}
