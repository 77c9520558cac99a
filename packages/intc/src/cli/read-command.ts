/**
 * A command's options as it runs with them: its command line parsed
 * (command-line.ts), --help answered, then what the command line leaves out
 * taken from the intc config (a bad config is a ConfigError: its located
 * diagnostics, exit 2), the environment, and the defaults.
 */
import { DIAGNOSTIC_FORMATS, type DiagnosticFormat } from '../diagnostics/format-diagnostics.js';
import { readConfig } from '../config/read-config.js';
import { configError } from '../config/config-diagnostics.js';
import { formatUsage, parseCommandLine, resolveCommandLine, usesConfig, type CommandSpec, type OptionTable, type OptionValues, type ParsedCommandLine } from './command-line.js';
import type { CliIo } from './io.js';

export interface CommandInput<Options extends OptionTable> {
  readonly values: OptionValues<Options>;
  /** As named, else the config's manifests (for commands that take them). */
  readonly positionals: readonly string[];
  /** Whether the positionals are the config's manifests. */
  readonly manifestsFromConfig: boolean;
}

/** The command's input; undefined after printing its help. Throws UsageError or ConfigError. */
export function readCommand<Options extends OptionTable>(spec: CommandSpec<Options>, args: readonly string[], io: CliIo): CommandInput<Options> | undefined {
  const parsed = parseCommandLine(spec, args);
  if (parsed.given.get('help') === true) {
    io.stdout(formatUsage(spec));
    return undefined;
  }
  const env = io.env ?? {};
  if (!usesConfig(spec)) return resolveCommandLine(spec, parsed, undefined, env);
  const read = readConfig(io.cwd);
  if (read.status === 'invalid') throw configError(read, formatWithoutConfig(spec, parsed, io));
  return resolveCommandLine(spec, parsed, read.status === 'ok' ? read.config : undefined, env);
}

/** The format a bad config's diagnostics are printed in: the command line's, else the environment's default. */
function formatWithoutConfig(spec: CommandSpec, parsed: ParsedCommandLine, io: CliIo): DiagnosticFormat {
  const { values } = resolveCommandLine(spec, parsed, undefined, io.env ?? {});
  const format = (values as Record<string, unknown>).format;
  return DIAGNOSTIC_FORMATS.find((known) => known === format) ?? 'text';
}
