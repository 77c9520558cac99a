import { resolve } from 'node:path';
import { expectedManifestNames, manifestInFolder } from '../load/manifest-in-folder.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** By name too: the command bundles loaded on first use (dist/intc-import.cjs) hold their own copy of the class. */
export function isUsageError(error: unknown): boolean {
  return error instanceof UsageError || (error instanceof Error && error.name === 'UsageError');
}

/**
 * The files to check: those named (a folder stands for the manifest inside
 * it, which the loader finds or reports); with none named, the manifest in
 * the current folder.
 */
export function findManifests(args: readonly string[], cwd: string): string[] {
  if (args.length > 0) return args.map((arg) => resolve(cwd, arg));
  const found = manifestInFolder(cwd);
  if (!found) throw new UsageError(`No manifest in ${cwd}: expected ${expectedManifestNames()}.`);
  return [found];
}
