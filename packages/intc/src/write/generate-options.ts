/**
 * `intc generate`'s command line, parsed the same way by the full command and
 * by `bin/intc.cjs`'s fast path (so both agree on what a command line means).
 * Node built-ins only.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../cli/find-manifests.js';

export const GENERATE_USAGE = `Usage: intc generate [manifest or folder...] [options]

Generates typed code from integration manifests into a generated folder beside
each manifest, and creates a handler stub for every handler that has none.
With no file named, uses the manifest in the current folder.

Options:
  --out <dir>             generated folder, relative to the manifest's folder (default: src/generated)
  --src <dir>             handler stubs folder, relative to the manifest's folder (default: src)
  --check                 write nothing; exit 1 with a diff when anything is out of date
  --watch                 regenerate whenever the manifest or a file it references changes
  --force [name,...]      reset handler stubs to fresh ones (edits in them are lost): the named ones (an
                          action, channel.message, register, unregister, handler, or a file such as
                          src/actions/x.ts; repeatable), or all of them and src/index.ts, after a
                          confirmation on a terminal
  --yes                   confirm a bare --force without asking (when not on a terminal)
  --format <text|json>    output format (default: text)
  --strict                warnings fail the run too (and nothing is written)
  --max-file-size <bytes> refuse larger manifests (default: 4 MiB)
  -h, --help              show this help
`;

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
  readonly format: 'text' | 'json';
  readonly strict: boolean;
  readonly maxFileBytes: number | undefined;
  readonly help: boolean;
}

const OPTIONS = {
  out: { type: 'string' },
  src: { type: 'string' },
  check: { type: 'boolean', default: false },
  watch: { type: 'boolean', default: false },
  force: { type: 'string', multiple: true },
  yes: { type: 'boolean', default: false },
  format: { type: 'string', default: 'text' },
  strict: { type: 'boolean', default: false },
  'max-file-size': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

interface ParsedValues {
  out?: string | undefined;
  src?: string | undefined;
  check: boolean;
  watch: boolean;
  force?: string[] | undefined;
  yes: boolean;
  format: string;
  strict: boolean;
  'max-file-size'?: string | undefined;
  help: boolean;
}

/** Throws UsageError (or parseArgs' TypeError) for a bad command line. */
export function parseGenerateArgs(args: readonly string[]): GenerateArgs {
  const { values, positionals } = parseArgs({ args: withForceValues(args), allowPositionals: true, options: OPTIONS });
  return toGenerateArgs(values, positionals);
}

/** What a bare `--force` becomes for parseArgs: a value that no name can be. */
const FORCE_ALL = '';

/**
 * `--force` takes an optional value: the next argument when it is not an
 * option (`--force sendMessage`), or `--force=a,b`. A bare `--force` (last,
 * or before another option) stands for every stub. Arguments after `--` are
 * positionals and stay as they are.
 */
function withForceValues(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    if (arg !== '--force') out.push(arg);
    else if (args[i + 1] !== undefined && !args[i + 1]!.startsWith('-')) out.push(`--force=${args[++i]}`);
    else out.push(`--force=${FORCE_ALL}`);
  }
  return out;
}

/** false, true (a bare --force) or the names given (comma lists split). */
function forceOf(values: readonly string[] | undefined): boolean | string[] {
  if (values === undefined) return false;
  if (values.includes(FORCE_ALL)) return true;
  const names = values.flatMap((value) => value.split(',')).map((name) => name.trim());
  if (names.some((name) => name === '')) throw new UsageError('--force takes names separated by commas, with none empty (--force sendMessage,telegram.text).');
  return [...new Set(names)];
}

/** Options that take a value, in the plain forms the quick parser accepts. */
const VALUE_OPTIONS = new Set(['out', 'src', 'format', 'max-file-size']);
const FLAG_OPTIONS = new Set(['check', 'strict']);

/**
 * The fast path's parser (node:util's parseArgs costs ~1 ms to load): only
 * the plain forms of what a no-change run can use — positionals, --check,
 * --strict, and --out/--src/--format/--max-file-size as `--x value` or
 * `--x=value`, each at most once. Anything else (help, watch, force, short
 * flags, `--`, unknown or repeated options, a value that looks like an
 * option) gives undefined and the full parser decides. Where it answers, it
 * answers as parseGenerateArgs does (a test holds the two together).
 */
export function quickParseGenerateArgs(args: readonly string[]): GenerateArgs | undefined {
  const values: ParsedValues = { check: false, watch: false, yes: false, format: 'text', strict: false, help: false };
  const seen = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    if (!arg.startsWith('--') || arg === '--') return undefined;
    const equals = arg.indexOf('=');
    const name = equals === -1 ? arg.slice(2) : arg.slice(2, equals);
    if (seen.has(name)) return undefined;
    seen.add(name);
    if (FLAG_OPTIONS.has(name) && equals === -1) {
      values[name as 'check' | 'strict'] = true;
    } else if (VALUE_OPTIONS.has(name)) {
      const value = equals === -1 ? args[++i] : arg.slice(equals + 1);
      if (value === undefined || value.startsWith('-')) return undefined;
      values[name as 'out' | 'src' | 'format' | 'max-file-size'] = value;
    } else {
      return undefined;
    }
  }
  try {
    return toGenerateArgs(values, positionals);
  } catch {
    return undefined;
  }
}

function toGenerateArgs(values: ParsedValues, positionals: readonly string[]): GenerateArgs {
  if (values.format !== 'text' && values.format !== 'json') {
    throw new UsageError(`--format must be 'text' or 'json', not '${values.format}'.`);
  }
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
    help: values.help,
  };
}

/** `--max-file-size`'s value. */
export function parseSize(text: string): number {
  const bytes = Number(text);
  if (!Number.isInteger(bytes) || bytes <= 0) throw new UsageError(`--max-file-size must be a positive number of bytes, not '${text}'.`);
  return bytes;
}
