import { readFileSync } from 'node:fs';

/** The running intc's version, from its package.json (two folders above this module in dist/ and in the bundle). */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
