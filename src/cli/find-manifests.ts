import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_MANIFEST_NAMES } from '../model/manifest-kind.js';

export class UsageError extends Error {}

/**
 * The files to check: those named, where a named folder stands for the
 * manifest inside it; with none named, the manifest in the current folder.
 * A named path that does not exist is left for the loader to report.
 */
export function findManifests(args: readonly string[], cwd: string): string[] {
  if (args.length === 0) return [manifestInFolder(cwd)];
  return args.map((arg) => {
    const path = resolve(cwd, arg);
    return existsSync(path) && statSync(path).isDirectory() ? manifestInFolder(path) : path;
  });
}

function manifestInFolder(folder: string): string {
  const found = DEFAULT_MANIFEST_NAMES.map((name) => join(folder, name)).find((path) => existsSync(path));
  if (!found) {
    throw new UsageError(`No manifest in ${folder}: expected one of ${DEFAULT_MANIFEST_NAMES.join(', ')}.`);
  }
  return found;
}
