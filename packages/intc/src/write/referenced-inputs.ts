import { dirname, resolve } from 'node:path';
import { propertyOf, stringPropertyOf } from '../model/values.js';

/** A VRL value naming a file rather than holding the script (as `rules/referenced-files.ts` reads it). */
const VRL_PATH = /^[^\n]*\.vrl$/;

/**
 * The non-manifest files a manifest references (icon, readme, `.vrl`
 * scripts), absolute and sorted: inputs for the no-change check and for
 * `--watch`, besides the manifests themselves.
 */
export function referencedInputFiles(manifestValue: unknown, manifestPath: string): string[] {
  const folder = dirname(manifestPath);
  const found = new Set<string>();
  for (const key of ['icon', 'readme']) {
    const value = stringPropertyOf(manifestValue, key);
    if (value !== undefined && value.trim() !== '') found.add(resolve(folder, value));
  }
  const identifier = propertyOf(manifestValue, 'identifier');
  for (const key of ['extractScript', 'fallbackHandlerScript']) {
    const script = stringPropertyOf(identifier, key)?.trim();
    if (script !== undefined && VRL_PATH.test(script)) found.add(resolve(folder, script));
  }
  return [...found].sort();
}
