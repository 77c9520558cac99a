import type { ValuePath } from '../load/source-file.js';

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** `actions.sendMessage.input.schema` — a path as the user reads it in the manifest. */
export function describePath(path: ValuePath): string {
  if (path.length === 0) return 'the manifest';
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return `'${text}'`;
}
