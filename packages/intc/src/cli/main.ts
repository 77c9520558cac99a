/**
 * `intc <command> …`: finds the command in the table (commands.ts), runs
 * it, and turns what it throws into the exit code of its kind (io.ts):
 * a usage error (intc's words, then the command's help), a bad config (its
 * located diagnostics), or a bug in intc.
 */
import { readFileSync } from 'node:fs';
import { closestMatch } from '../diagnostics/did-you-mean.js';
import { formatDiagnosticLines } from '../diagnostics/format-diagnostics.js';
import { formatDiagnosticsJson } from '../diagnostics/format-json.js';
import { displayPath, formatSummary } from '../diagnostics/format-text.js';
import { colorFlag } from './color.js';
import { formatShortUsage, formatUsage } from './command-line.js';
import { COMMANDS, type Command } from './commands.js';
import { isConfigError, type ConfigError } from './config-diagnostics.js';
import { isUsageError, UsageError } from './find-manifests.js';
import type { GenerateIo } from './generate-command.js';
import { EXIT_INTERNAL_ERROR, EXIT_OK, EXIT_USAGE, exitCodeLines, internalErrorText, type CliIo } from './io.js';
import { wrap } from './wrap.js';

export { colorFromEnvironment } from './color.js';

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
      "Colour is on when stdout is a terminal; NO_COLOR (not empty) turns it off, FORCE_COLOR (1, 2, 3, true or empty; 0 or false: off) decides over both, and --color / --no-color over everything. Under GitHub Actions (GITHUB_ACTIONS=true) validate, generate, status and diff print workflow annotations unless --format says otherwise. Settings a project always uses go in intc.config.json or under \"intc\" in package.json (see 'intc help generate').",
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
  if (error.format === 'json') {
    io.stdout(formatDiagnosticsJson(error.diagnostics, io.cwd));
    return EXIT_USAGE;
  }
  io.stdout(formatDiagnosticLines(error.diagnostics, error.format, { cwd: io.cwd, sources: error.sources, color: io.color, workspace: io.env?.GITHUB_WORKSPACE }));
  const file = error.diagnostics[0] === undefined ? 'the intc config' : displayPath(error.diagnostics[0].location.file, io.cwd);
  io.stdout(`${formatSummary(error.diagnostics.length, 0)}\nNothing done: fix the intc config in ${file} first.\n`);
  return EXIT_USAGE;
}

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
