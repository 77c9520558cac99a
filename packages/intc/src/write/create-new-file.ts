import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates `path` with `text` unless something is there already, which is
 * left untouched (`exists`): the exclusive create (`wx`) leaves no window in
 * which a file that appears would be overwritten. Other failures are thrown
 * for the caller to report.
 */
export function createNewFile(path: string, text: string): 'created' | 'exists' {
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, text, { flag: 'wx' });
    return 'created';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    throw error;
  }
}
