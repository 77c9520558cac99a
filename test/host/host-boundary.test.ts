/**
 * src/host/ will move as it is into its own package (`@intc/host`), which
 * depends on `@intc/runtime` and its drivers only: so it imports nothing
 * but its own modules, the runtime's public entry point, node built-ins and
 * the two drivers, and nothing of the compiler imports it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
const host = join(src, 'host');

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every module specifier a file imports or re-exports (static and dynamic). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*)'([^']+)'/g)].map((match) => match[1]!);
}

describe('src/host boundary', () => {
  it('imports only its own modules, the runtime entry point, node built-ins, better-sqlite3 and pg', () => {
    const outside: string[] = [];
    for (const file of sources(host)) {
      for (const specifier of specifiers(file)) {
        if (specifier.startsWith('node:') || specifier === 'better-sqlite3' || specifier === 'pg') continue;
        const target = resolve(dirname(file), specifier);
        const ok = target === join(src, 'runtime', 'index.js') || !relative(host, target).startsWith('..');
        if (!ok) outside.push(`${relative(src, file)} → ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
    expect(sources(host).length).toBeGreaterThan(5);
  });

  it('nothing else in src/ imports it', () => {
    const users = sources(src)
      .filter((file) => !file.startsWith(host + '/'))
      .filter((file) => specifiers(file).some((specifier) => specifier.startsWith('.') && resolve(dirname(file), specifier).startsWith(host + '/')));
    expect(users.map((file) => relative(src, file))).toEqual([]);
  });
});
