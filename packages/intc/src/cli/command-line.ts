/**
 * Every command's command line, from one table per command (CommandSpec):
 * parsing in intc's own words (an unknown option with "did you mean", a
 * missing value, a value outside an option's choices), the values the intc
 * config and the environment give options the command line left out, and
 * the --help text. Adding a command or an option is a table entry.
 * Built-ins and tiny modules only: the fast path of `intc generate` uses it.
 */
import { closestMatch, listChoices } from '../diagnostics/did-you-mean.js';
import type { ConfigKey, IntcConfig } from '../config/read-config.js';
import { UsageError } from './find-manifests.js';
import { exitCodeLines, type CommandExitCodes, type Environment } from './io.js';
import { wrap } from './wrap.js';

export interface OptionSpec {
  readonly type: 'boolean' | 'string';
  readonly short?: string;
  /** In the help after the flag: `--out <dir>`. */
  readonly value?: string;
  /** Repeatable: every value, in order. */
  readonly multiple?: boolean;
  /** May stand alone (generate's --force): the next argument is its value only when it is not an option; alone, ''. */
  readonly optionalValue?: boolean;
  /** The only values allowed. */
  readonly choices?: readonly string[];
  /** When neither the command line nor the config gives a value; a function for defaults the environment decides. */
  readonly default?: string | ((env: Environment) => string);
  /** The intc config key that gives the value when the command line does not (a boolean then also takes --no-<name>). */
  readonly config?: ConfigKey;
  readonly help: string;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

export interface CommandSpec<Options extends OptionTable = OptionTable> {
  readonly name: string;
  /** What follows the command in the usage line: `[manifest or folder...]`. */
  readonly operands: string;
  /** Its line in `intc --help`. */
  readonly summary: string;
  /** The paragraph under the usage line. */
  readonly description: string;
  readonly options: Options;
  /** With no manifest named, the config's `manifests` (else the manifest in the current folder). */
  readonly manifestsFromConfig?: boolean;
  readonly exitCodes: CommandExitCodes;
}

/** Infers a spec's option types (declare the options `as const`). */
export function defineCommand<const Options extends OptionTable>(spec: CommandSpec<Options>): CommandSpec<Options> {
  return spec;
}

type ValueOf<O> = O extends { readonly type: 'boolean' }
  ? boolean
  : O extends { readonly multiple: true }
    ? string[] | undefined
    : O extends { readonly choices: readonly (infer C extends string)[] }
      ? O extends { readonly default: unknown }
        ? C
        : C | undefined
      : O extends { readonly default: unknown }
        ? string
        : string | undefined;

export type OptionValues<Options extends OptionTable> = { -readonly [K in keyof Options]: ValueOf<Options[K]> } & { help: boolean };

/** What every command takes besides its own options. */
const COMMON_OPTIONS: OptionTable = {
  help: { type: 'boolean', short: 'h', help: 'show this help' },
  color: { type: 'boolean', help: 'colour the output, or not (default: on a terminal, unless NO_COLOR is set; FORCE_COLOR=1 forces it)' },
  'no-color': { type: 'boolean', help: '' },
};

export interface ParsedCommandLine {
  /** The options the command line gives, by name (a boolean's --no-<name> as false). */
  readonly given: ReadonlyMap<string, string | boolean | string[]>;
  readonly positionals: readonly string[];
}

/**
 * Reads a command line as node:util's parseArgs would (`--x v`, `--x=v`,
 * `-h`, `--` ending options, `-` a positional, the last value of a repeated
 * option), reporting every mistake as a UsageError in intc's words.
 */
export function parseCommandLine(spec: CommandSpec, args: readonly string[]): ParsedCommandLine {
  const given = new Map<string, string | boolean | string[]>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = equals === -1 ? arg : arg.slice(0, equals);
    const inline = equals === -1 ? undefined : arg.slice(equals + 1);
    const found = findOption(spec, flag);
    if (!found) throw unknownOption(spec, flag);
    const { name, option, negated } = found;
    if (option.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`Option '${flag}' takes no value: write ${flag} alone.`);
      given.set(name, !negated);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = args[i + 1];
      const nextIsValue = next !== undefined && (!next.startsWith('-') || next === '-');
      if (nextIsValue) {
        value = next;
        i++;
      } else if (option.optionalValue) {
        value = '';
      } else {
        throw missingValue(flag, option, next);
      }
    }
    if (option.choices && !option.choices.includes(value)) throw notAChoice(flag, option.choices, value);
    const previous = given.get(name);
    given.set(name, option.multiple ? [...(Array.isArray(previous) ? previous : []), value] : value);
  }
  return { given, positionals };
}

/** The options of a command line completed from the config, then the environment, then the defaults; manifests likewise. */
export function resolveCommandLine<Options extends OptionTable>(
  spec: CommandSpec<Options>,
  parsed: ParsedCommandLine,
  config: IntcConfig | undefined,
  env: Environment,
): { values: OptionValues<Options>; positionals: readonly string[]; manifestsFromConfig: boolean } {
  const values: Record<string, unknown> = { help: parsed.given.get('help') === true };
  for (const [name, option] of Object.entries(spec.options)) {
    values[name] = parsed.given.get(name) ?? configValue(option, config) ?? defaultValue(option, env);
  }
  const fromConfig = parsed.positionals.length === 0 && spec.manifestsFromConfig ? config?.manifests : undefined;
  return { values: values as OptionValues<Options>, positionals: fromConfig ?? parsed.positionals, manifestsFromConfig: fromConfig !== undefined };
}

/** Whether the command reads the intc config at all. */
export function usesConfig(spec: CommandSpec): boolean {
  return spec.manifestsFromConfig === true || Object.values(spec.options).some((option) => option.config !== undefined);
}

function configValue(option: OptionSpec, config: IntcConfig | undefined): string | boolean | undefined {
  const value = option.config === undefined ? undefined : config?.[option.config];
  if (value === undefined || Array.isArray(value)) return undefined;
  if (option.type === 'boolean') return value === true;
  const text = String(value);
  return option.choices && !option.choices.includes(text) ? undefined : text;
}

function defaultValue(option: OptionSpec, env: Environment): string | boolean | undefined {
  if (option.type === 'boolean') return false;
  return typeof option.default === 'function' ? option.default(env) : option.default;
}

function findOption(spec: CommandSpec, flag: string): { name: string; option: OptionSpec; negated: boolean } | undefined {
  const table = { ...spec.options, ...COMMON_OPTIONS };
  if (!flag.startsWith('--')) {
    const entry = Object.entries(table).find(([, option]) => option.short !== undefined && `-${option.short}` === flag);
    return entry && { name: entry[0], option: entry[1], negated: false };
  }
  const name = flag.slice(2);
  if (Object.hasOwn(table, name)) return { name, option: table[name]!, negated: false };
  const negated = name.startsWith('no-') ? spec.options[name.slice(3)] : undefined;
  return negated?.type === 'boolean' && negated.config !== undefined ? { name: name.slice(3), option: negated, negated: true } : undefined;
}

function unknownOption(spec: CommandSpec, flag: string): UsageError {
  const unknown = `Unknown option '${flag}' for 'intc ${spec.name}'.`;
  const plain = spec.options[flag.replace(/^--no-/, '')];
  if (flag.startsWith('--no-') && plain?.type === 'boolean') return new UsageError(`${unknown} --${flag.slice(5)} is off unless given: leave it out.`);
  const names = Object.keys({ ...spec.options, ...COMMON_OPTIONS });
  const close = closestMatch(flag.replace(/^-+/, '').replace(/=.*$/, ''), names);
  return new UsageError(close === undefined ? unknown : `${unknown} Did you mean '--${close}'?`);
}

function missingValue(flag: string, option: OptionSpec, next: string | undefined): UsageError {
  const expected = option.choices ? `: ${listChoices(option.choices)}` : ` (${flag} ${option.value ?? '<value>'})`;
  const why = next === undefined ? '' : ` '${next}' is an option; write ${flag}=${next} for a value that starts with '-'.`;
  return new UsageError(`Option '${flag}' needs a value${expected}.${why}`);
}

function notAChoice(flag: string, choices: readonly string[], value: string): UsageError {
  const close = closestMatch(value, choices);
  return new UsageError(`Option '${flag}' takes ${listChoices(choices)}, not '${value}'.${close === undefined ? '' : ` Did you mean '${close}'?`}`);
}

const HELP_WIDTH = 100;
const FLAG_COLUMN = 30;

/** The command's --help: usage line, description, options (its own, then help and colour), config keys, exit codes. */
export function formatUsage(spec: CommandSpec): string {
  const rows: [string, string][] = Object.entries(spec.options).map(([name, option]) => [flagText(name, option), option.help]);
  rows.push(['-h, --help', COMMON_OPTIONS.help!.help], ['--color, --no-color', COMMON_OPTIONS.color!.help]);
  const width = Math.min(FLAG_COLUMN, Math.max(...rows.map(([flag]) => flag.length)) + 2);
  const options = rows.flatMap(([flag, help]) => optionRow(flag, help, width));
  const configured = configKeys(spec);
  const config = configured.length === 0 ? [] : ['', ...wrap(`Config: ${configured.join(', ')} can be set in intc.config.json or under "intc" in package.json (the nearest, from the current folder up to the folder of the nearest package.json); the command line wins.`, HELP_WIDTH)];
  return [
    `Usage: intc ${spec.name} ${spec.operands}`.trimEnd(),
    '',
    spec.description.trimEnd(),
    '',
    'Options:',
    ...options,
    ...config,
    '',
    'Exit codes:',
    ...exitCodeLines(spec.exitCodes),
    '',
  ].join('\n');
}

/** What follows a usage error: the usage line, and where the rest is. */
export function formatShortUsage(spec: CommandSpec): string {
  return `Usage: intc ${spec.name} ${spec.operands}`.trimEnd() + `\nRun 'intc help ${spec.name}' for its options.\n`;
}

function flagText(name: string, option: OptionSpec): string {
  const short = option.short === undefined ? '' : `-${option.short}, `;
  const negatable = option.type === 'boolean' && option.config !== undefined;
  const value = option.type === 'boolean' ? '' : option.optionalValue ? ` [${option.value ?? 'value'}]` : ` ${option.value ?? `<${option.choices?.join('|') ?? 'value'}>`}`;
  return `${short}--${negatable ? `[no-]${name}` : name}${value}`;
}

function optionRow(flag: string, help: string, width: number): string[] {
  const lines = wrap(help, HELP_WIDTH - 2 - width);
  const first = flag.length + 2 <= width ? `  ${flag.padEnd(width)}${lines.shift() ?? ''}` : `  ${flag}`;
  return [first.trimEnd(), ...lines.map((line) => `  ${' '.repeat(width)}${line}`)];
}

function configKeys(spec: CommandSpec): string[] {
  const keys = Object.values(spec.options).flatMap((option) => (option.config === undefined ? [] : [option.config]));
  return [...(spec.manifestsFromConfig ? ['manifests'] : []), ...new Set(keys)];
}

/** `--format`: the choices given; github, when among them, under GitHub Actions (GITHUB_ACTIONS=true), else text. */
export function formatOption<const Choices extends readonly string[]>(choices: Choices, help: string) {
  const github = choices.includes('github');
  return {
    type: 'string',
    value: `<${choices.join('|')}>`,
    choices,
    default: (env: Environment) => (github && env.GITHUB_ACTIONS === 'true' ? 'github' : 'text'),
    config: 'format',
    help: `${help} (default: text${github ? '; github when GITHUB_ACTIONS=true' : ''})`,
  } as const;
}

/** `--format text|json|github`, as the commands that report diagnostics take it. */
export const REPORT_FORMAT_OPTION = formatOption(['text', 'json', 'github'], 'output format; github: workflow annotations');

/** `--out` and `--src`: where a manifest's generated folder and handler stubs are (generate, status). */
export const LAYOUT_OPTIONS = {
  out: { type: 'string', value: '<dir>', config: 'out', help: "generated folder, relative to the manifest's folder (default: src/generated)" },
  src: { type: 'string', value: '<dir>', config: 'src', help: "handler stubs folder, relative to the manifest's folder (default: src)" },
} as const;

/** `--max-file-size <bytes>`, the same for every command that reads manifests. */
export const MAX_FILE_SIZE_OPTION = {
  type: 'string',
  value: '<bytes>',
  config: 'maxFileSize',
  help: 'refuse larger manifests (default: 4 MiB)',
} as const;
