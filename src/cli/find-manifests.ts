import { resolve } from 'node:path';
import { expectedManifestNames, manifestInFolder } from '../load/manifest-in-folder.js';

export class UsageError extends Error {}

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
