import type { LinesFormatOptions } from '../diagnostics/format-diagnostics.js';
import { wrap } from './wrap.js';

/** What the CLI touches of the outside world, so tests can run it in-process. */
export interface CliIo {
  readonly cwd: string;
  /** Whether the terminal wants colour (bin/intc.cjs: the environment and the TTY; --color/--no-color override it). */
  readonly color: boolean;
  /** The environment variables the CLI reads (GITHUB_ACTIONS, GITHUB_WORKSPACE); none when absent. */
  readonly env?: Environment;
  stdout(text: string): void;
  stderr(text: string): void;
}

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The exit codes, one per kind of failure, as SPEC.md fixes the first three
 * (0 clean, 1 manifest errors, 2 usage or internal error); every command's
 * --help and the README list them from here (exitCodeLines).
 */
export const EXIT_OK = 0;
/** Problems found in what was given: manifest errors, stale files under --check, --strict, --check-version. */
export const EXIT_MANIFEST_ERRORS = 1;
/** A bad command line or intc config: nothing was done. */
export const EXIT_USAGE = 2;
/** A bug in intc (said as such: `internal-error`); shares 2 with usage errors, as the spec says. */
export const EXIT_INTERNAL_ERROR = 2;
/** The system refused: a file could not be written or read, or something the command needs is not installed. */
export const EXIT_ENVIRONMENT = 3;

export type ExitCode = typeof EXIT_OK | typeof EXIT_MANIFEST_ERRORS | typeof EXIT_USAGE | typeof EXIT_ENVIRONMENT;

/** What each code means in general; a command says what 0, 1 and 3 mean for it. */
export const EXIT_CODE_MEANINGS: Readonly<Record<ExitCode, string>> = {
  [EXIT_OK]: 'success',
  [EXIT_MANIFEST_ERRORS]: 'problems found in what you gave (manifest errors, stale files under --check, anything left under --strict, a version below the required bump)',
  [EXIT_USAGE]: 'usage error: a bad command line or intc config, nothing was done; or an internal error: a bug in intc, not in your files, said as such (please report it)',
  [EXIT_ENVIRONMENT]: 'the system refused: a file could not be written or read (permissions, a read-only or full disk), or something the command needs is not installed',
};

/** A command's own words for the codes it can end with (2 is the same for all). */
export interface CommandExitCodes {
  readonly [EXIT_OK]: string;
  /** Left out by a command that never reports problems in what it is given (init). */
  readonly [EXIT_MANIFEST_ERRORS]?: string;
  /** Only for commands that write or need something installed. */
  readonly [EXIT_ENVIRONMENT]?: string;
}

/** `  0  clean …` lines: the command's meanings, else the general ones. */
export function exitCodeLines(own?: CommandExitCodes): string[] {
  const codes: ExitCode[] = [EXIT_OK];
  if (!own || own[EXIT_MANIFEST_ERRORS] !== undefined) codes.push(EXIT_MANIFEST_ERRORS);
  codes.push(EXIT_USAGE);
  if (!own || own[EXIT_ENVIRONMENT] !== undefined) codes.push(EXIT_ENVIRONMENT);
  const meaning = (code: ExitCode) => (own && code in own ? own[code as keyof CommandExitCodes] : undefined) ?? EXIT_CODE_MEANINGS[code];
  return codes.flatMap((code) => wrap(meaning(code), 94).map((line, index) => `  ${index === 0 ? code : ' '}  ${line}`));
}

/** How a command prints diagnostics: paths relative to the current folder (GITHUB_WORKSPACE for annotations), colour as decided. */
export function linesOptions(io: CliIo, sources: ReadonlyMap<string, string>): LinesFormatOptions {
  return { cwd: io.cwd, sources, color: io.color, workspace: io.env?.GITHUB_WORKSPACE };
}

/** What main prints for a bug in intc (and `--watch` when a run hits one). */
export function internalErrorText(error: unknown): string {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `intc: internal compiler error: ${detail}\nThis is a bug in intc, not in your manifest. Please report it with the command and manifest that caused it.\n`;
}
