import { parseSize } from '../write/generate-options.js';
import { UsageError } from './find-manifests.js';
import { EXIT_USAGE, type CliIo } from './io.js';

/** A bad command line: intc's own UsageError, or node:util parseArgs' (unknown option, missing value). */
export function isUsageError(error: unknown): error is Error {
  return error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
}

/**
 * Runs a command that prints its own usage on a bad command line (exit 2);
 * any other error goes on to main's internal-error report.
 */
export async function withUsage(usage: string, io: CliIo, run: () => number | Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (!isUsageError(error)) throw error;
    io.stderr(`intc: ${error.message}\n\n${usage}`);
    return EXIT_USAGE;
  }
}

/** `--max-file-size <bytes>`: a positive whole number (undefined when not given). */
export function parseMaxFileSize(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseSize(text);
}
