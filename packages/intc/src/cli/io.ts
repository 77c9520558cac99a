/** What the CLI touches of the outside world, so tests can run it in-process. */
export interface CliIo {
  readonly cwd: string;
  readonly color: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
}

export const EXIT_OK = 0;
/** The manifests have errors (or warnings under --strict). */
export const EXIT_MANIFEST_ERRORS = 1;
/** Bad command line, or a bug in intc. */
export const EXIT_INTERNAL_ERROR = 2;
export const EXIT_USAGE = 2;
