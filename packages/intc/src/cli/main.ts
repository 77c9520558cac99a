/**
 * `intc <command> …`: finds the command in COMMANDS, runs it, and turns
 * what it throws into the exit code of its kind (io.ts): a usage error
 * (intc's words, then the command's usage line), a bad config (its located
 * diagnostics), or a bug in intc.
 */
import { closestMatch } from '../diagnostics/did-you-mean.js';
import { formatDiagnosticReport } from '../diagnostics/format-diagnostics.js';
import { displayPath } from '../diagnostics/format-text.js';
import { colorFlag } from './color.js';
import { formatShortUsage, formatUsage, type CommandSpec } from './command-line.js';
import { DIFF_COMMAND } from './diff-usage.js';
import { DOCS_COMMAND } from './docs-usage.js';
import { isConfigError, type ConfigError } from '../config/config-diagnostics.js';
import { isUsageError, UsageError } from './find-manifests.js';
import { GENERATE_COMMAND, runGenerate, type GenerateIo } from './generate-command.js';
import { IMPORT_COMMAND } from './import-usage.js';
import { EXIT_INTERNAL_ERROR, EXIT_OK, EXIT_USAGE, exitCodeLines, internalErrorText, linesOptions, type CliIo } from './io.js';
import { INIT_COMMAND } from './init-usage.js';
import { loadImportCommand } from './load-import-command.js';
import { DEV_COMMAND, SERVE_COMMAND } from './dev-usage.js';
import { packageVersion } from './package-version.js';
import { SCHEMA_COMMAND } from './schema-usage.js';
import { runStatus, STATUS_COMMAND } from './status-command.js';
import { runValidate, VALIDATE_COMMAND } from './validate-command.js';
import { wrap } from './wrap.js';

export { colorFromEnvironment } from './color.js';

export interface Command {
  /** Its command line: name, options, help text, exit codes (command-line.ts). */
  readonly spec: CommandSpec;
  run(args: readonly string[], io: GenerateIo): number | Promise<number>;
}

/**
 * The commands, one entry each, in the order `intc --help` lists them. A
 * command whose code loads on first use keeps its spec in a small
 * *-usage.ts file, so `intc --help` and a usage error never load that code.
 */
export const COMMANDS: readonly Command[] = [
  { spec: VALIDATE_COMMAND, run: runValidate },
  { spec: GENERATE_COMMAND, run: runGenerate },
  { spec: IMPORT_COMMAND, run: async (args, io) => (await loadImportCommand()).runImport(args, io) },
  { spec: DIFF_COMMAND, run: async (args, io) => (await import('./diff-command.js')).runDiff(args, io) },
  { spec: DOCS_COMMAND, run: async (args, io) => (await import('./docs-command.js')).runDocs(args, io) },
  { spec: STATUS_COMMAND, run: runStatus },
  { spec: INIT_COMMAND, run: async (args, io) => (await import('./init-command.js')).runInit(args, io) },
  { spec: SCHEMA_COMMAND, run: async (args, io) => (await import('./schema-command.js')).runSchema(args, io) },
  { spec: DEV_COMMAND, run: async (args, io) => (await import('./dev-command.js')).runDev(args, io) },
  { spec: SERVE_COMMAND, run: async (args, io) => (await import('./dev-command.js')).runServe(args, io) },
];

const TOP_OPTIONS: readonly string[] = ['--version', '--help', '--color', '--no-color'];

/**
 * Runs one CLI invocation and resolves to its exit code; never rejects.
 * `io.signal` (optional) ends `generate --watch` when the CLI runs in-process.
 */
export async function main(argv: readonly string[], io: GenerateIo): Promise<number> {
  const withColor: GenerateIo = { ...io, color: colorFlag(argv) ?? io.color };
  // --color / --no-color may come before the command too.
  const args = dropLeadingColorFlags(argv);
  const [name, ...rest] = args;
  const command = COMMANDS.find((c) => c.spec.name === name);
  try {
    if (command) return await command.run(rest, withColor);
    return topLevel(name, rest, withColor);
  } catch (error) {
    return reportFailure(error, withColor, command ? formatShortUsage(command.spec) : commandList());
  }
}

/** What is not a command: the version, the help (of intc or of a command), or a usage error. */
function topLevel(name: string | undefined, rest: readonly string[], io: CliIo): number {
  switch (name) {
    case '-v':
    case '--version':
      io.stdout(`${packageVersion()}\n`);
      return EXIT_OK;
    case undefined:
    case '-h':
    case '--help':
      io.stdout(topUsage());
      return EXIT_OK;
    case 'help': {
      const [topic] = dropLeadingColorFlags(rest);
      io.stdout(topic === undefined || topic === 'help' ? topUsage() : formatUsage(commandNamed(topic).spec));
      return EXIT_OK;
    }
    default:
      throw name.startsWith('-') ? unknownTopOption(name) : unknownCommand(name);
  }
}

function commandNamed(name: string): Command {
  const command = COMMANDS.find((c) => c.spec.name === name);
  if (!command) throw unknownCommand(name);
  return command;
}

function unknownCommand(name: string): UsageError {
  const close = closestMatch(name, [...COMMANDS.map((c) => c.spec.name), 'help']);
  if (close !== undefined) return new UsageError(`Unknown command '${name}'. Did you mean '${close}'?`);
  // A manifest named where the command goes: say which command takes it.
  if (/[\\/]|\.(ya?ml|json)$/i.test(name)) return new UsageError(`Unknown command '${name}'. To check that manifest: intc validate ${name}`);
  return new UsageError(`Unknown command '${name}'.`);
}

function unknownTopOption(flag: string): UsageError {
  const close = closestMatch(flag.replace(/=.*$/, ''), TOP_OPTIONS);
  return new UsageError(`Unknown option '${flag}'.${close === undefined ? '' : ` Did you mean '${close}'?`} Options of a command go after it (intc validate --format json).`);
}

function dropLeadingColorFlags(args: readonly string[]): readonly string[] {
  let first = 0;
  while (args[first] === '--color' || args[first] === '--no-color') first++;
  return args.slice(first);
}

const COLUMN = 22;

function row(left: string, right: string): string {
  return left.length + 2 < COLUMN ? `  ${left.padEnd(COLUMN)}${right}` : `  ${left}\n  ${' '.repeat(COLUMN)}${right}`;
}

/** The usage line and the commands (after an unknown command). */
function commandList(): string {
  return [
    'Usage: intc <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => row(c.spec.name, c.spec.summary)),
    row('help [command]', "show a command's help (as intc <command> --help does)"),
    '',
    "Run 'intc help <command>' for a command's options.",
    '',
  ].join('\n');
}

/** `intc --help`: the commands from the table, the options every command takes, the exit codes. */
export function topUsage(): string {
  return [
    commandList(),
    'Options:',
    row('-v, --version', 'print the version'),
    row('-h, --help', 'show this help'),
    row('--color, --no-color', 'colour the output, or not (any command)'),
    '',
    ...wrap(
      "Colour is on when stdout is a terminal; NO_COLOR (not empty) turns it off, FORCE_COLOR (1, 2, 3, true or empty; 0 or false: off) decides over both, and --color / --no-color over everything. Under GitHub Actions (GITHUB_ACTIONS=true) every command prints its problems as workflow annotations (--format github) unless --format says otherwise. Settings a project always uses (manifests, out, src, strict, format, maxFileSize) go in intc.config.json or under \"intc\" in package.json, found from the current folder up to its package's package.json; the command line wins.",
      100,
    ),
    '',
    'Exit codes:',
    ...exitCodeLines(),
    '',
  ].join('\n');
}

function reportFailure(error: unknown, io: CliIo, usage: string): number {
  if (isConfigError(error)) return reportConfigError(error, io);
  if (isUsageError(error)) {
    io.stderr(`intc: ${(error as Error).message}\n\n${usage}`);
    return EXIT_USAGE;
  }
  io.stderr(internalErrorText(error));
  if (process.env.INTC_DEBUG && error instanceof Error) io.stderr(`${error.stack ?? ''}\n`);
  return EXIT_INTERNAL_ERROR;
}

/** A bad config: its diagnostics in the format asked for, on stdout like every report; nothing was done. */
function reportConfigError(error: ConfigError, io: CliIo): number {
  const file = error.diagnostics[0] === undefined ? 'the intc config' : displayPath(error.diagnostics[0].location.file, io.cwd);
  io.stdout(formatDiagnosticReport(error.diagnostics, error.format, { ...linesOptions(io, error.sources), closing: [`Nothing done: fix the intc config in ${file} first.`] }));
  return EXIT_USAGE;
}
