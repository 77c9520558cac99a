/**
 * `@intc/host` (packages/host) depends on `@intc/runtime` and its two
 * database drivers only: its sources import nothing but their own modules,
 * the runtime's entry point, node built-ins, better-sqlite3 and pg; its
 * package.json names exactly those; and nothing of the compiler or the
 * runtime imports it (`intc dev`/`intc serve` load it at run time from the
 * project, by path).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../fixture-harness.js';

const packages = join(ROOT, 'packages');
const hostSrc = join(packages, 'host', 'src');

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every module specifier a file imports, re-exports, requires or loads dynamically. */
function specifiers(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

describe('@intc/host boundary', () => {
  it('imports only its own modules, @intc/runtime, node built-ins, better-sqlite3 and pg', () => {
    const outside: string[] = [];
    for (const file of sources(hostSrc)) {
      for (const specifier of specifiers(file)) {
        if (specifier.startsWith('node:') || ['@intc/runtime', 'better-sqlite3', 'pg'].includes(specifier)) continue;
        const inside = specifier.startsWith('.') && resolve(dirname(file), specifier).startsWith(hostSrc + sep);
        if (!inside) outside.push(`${relative(ROOT, file)} → ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
    expect(sources(hostSrc).length).toBeGreaterThan(10);
  });

  it('its package.json depends on the runtime and the drivers, never on the compiler', () => {
    const host = JSON.parse(readFileSync(join(packages, 'host', 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
    expect(Object.keys(host.dependencies ?? {}).sort()).toEqual(['@intc/runtime', 'better-sqlite3', 'pg']);
    expect(host.peerDependencies ?? {}).toEqual({});
  });

  it.each(['intc', 'runtime'])('packages/%s never imports it', (name) => {
    const users = sources(join(packages, name, 'src')).filter((file) =>
      specifiers(file).some((s) => s === '@intc/host' || s.startsWith('@intc/host/') || (s.startsWith('.') && resolve(dirname(file), s).startsWith(join(packages, 'host') + sep))),
    );
    expect(users.map((file) => relative(ROOT, file))).toEqual([]);
  });
});

describe('intc serve hands its command line to @intc/host', () => {
  it("checks it with the options @intc/host's serve reads: the same flags, nothing more or less", async () => {
    const { SERVE_COMMAND } = await import('../../packages/intc/src/cli/dev-usage.js');
    const { SERVE_USAGE } = await import('../../packages/host/src/cli/serve-options.js');
    const hostFlags = [...SERVE_USAGE.matchAll(/^ {2}(?:-\w, )?--([a-z-]+)/gm)].map((m) => m[1]!).filter((flag) => flag !== 'help');
    expect(hostFlags.length).toBeGreaterThan(5);
    expect(Object.keys(SERVE_COMMAND.options).sort()).toEqual(hostFlags.sort());
  });
});
