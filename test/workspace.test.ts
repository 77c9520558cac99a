/**
 * The workspace's shape: `intc` (the compiler), `@intc/runtime` (what
 * generated code imports) and `@intc/host` (the HTTP host; its own boundary
 * is test/host/host-boundary.test.ts), sharing no code, with
 * package.json files that install without lifecycle scripts. The packed
 * tarballs themselves are tried in test/package.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './fixture-harness.js';

interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  workspaces?: string[];
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  exports?: Record<string, unknown>;
  files?: string[];
  sideEffects?: boolean;
  engines?: Record<string, string>;
}

const readJson = (path: string): PackageJson => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as PackageJson;
const rootPackage = readJson('package.json');
const intc = readJson('packages/intc/package.json');
const runtime = readJson('packages/runtime/package.json');
const host = readJson('packages/host/package.json');

/** Scripts npm runs when a package is installed (from a registry, a tarball or git). */
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare'];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every module specifier a source file imports, re-exports, requires or loads dynamically (not text inside strings). */
function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

describe('the workspace', () => {
  it('is a private root over packages/runtime, packages/host and packages/intc, built in that order', () => {
    expect(rootPackage.private).toBe(true);
    expect(rootPackage.workspaces).toEqual(['packages/runtime', 'packages/host', 'packages/intc']);
    expect(rootPackage.scripts?.build).toBe('npm run build -w @intc/runtime && npm run build -w @intc/host && npm run build -w intc');
    expect([intc.name, runtime.name, host.name]).toEqual(['intc', '@intc/runtime', '@intc/host']);
    expect(runtime.version).toBe(intc.version);
    expect(host.version).toBe(intc.version);
  });

  it.each([
    ['packages/intc', intc],
    ['packages/runtime', runtime],
    ['packages/host', host],
  ] as const)('%s: no script runs at install, and the LICENSE is the repository\'s', (folder, pkg) => {
    expect(Object.keys(pkg.scripts ?? {}).filter((name) => INSTALL_SCRIPTS.includes(name))).toEqual([]);
    expect(pkg.engines?.node).toBe('>=20');
    expect(pkg.files).toContain('LICENSE');
    expect(readFileSync(join(ROOT, folder, 'LICENSE'), 'utf8')).toBe(readFileSync(join(ROOT, 'LICENSE'), 'utf8'));
  });

  it('@intc/runtime: no dependencies, ESM and CommonJS each with its declarations, no side effects', () => {
    expect(runtime.dependencies ?? {}).toEqual({});
    expect(runtime.peerDependencies ?? {}).toEqual({});
    expect(runtime.sideEffects).toBe(false);
    expect(runtime.exports).toEqual({
      '.': {
        import: { types: './dist/esm/index.d.ts', default: './dist/esm/index.js' },
        require: { types: './dist/cjs/index.d.ts', default: './dist/cjs/index.js' },
      },
      './package.json': './package.json',
    });
    expect(runtime.files).toContain('THIRD_PARTY_NOTICES.md');
  });

  it('intc: no runtime export and no dependency on the runtime (generated code gets it from the project)', () => {
    expect(Object.keys(intc.exports ?? {})).not.toContain('./runtime');
    expect(Object.keys(intc.dependencies ?? {})).not.toContain('@intc/runtime');
  });
});

describe('the packages share no code', () => {
  const packages = { intc: join(ROOT, 'packages', 'intc', 'src'), runtime: join(ROOT, 'packages', 'runtime', 'src') };

  it.each(Object.entries(packages))('%s: every relative import stays inside its own src/', (_, src) => {
    const outside: string[] = [];
    for (const file of sourceFiles(src)) {
      for (const specifier of importsOf(file).filter((s) => s.startsWith('.'))) {
        const target = resolve(dirname(file), specifier);
        if (!target.startsWith(src + sep)) outside.push(`${relative(ROOT, file)} → ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('the compiler never imports the runtime package', () => {
    const imports = sourceFiles(packages.intc).flatMap((file) => importsOf(file).map((s) => `${relative(ROOT, file)} → ${s}`));
    expect(imports.filter((line) => /→ (?:@intc\/runtime|intc)(?:\/|$)/.test(line))).toEqual([]);
  });

  it('the runtime imports nothing but its own modules and the Ajv pieces its build bundles', () => {
    const external = sourceFiles(packages.runtime)
      .flatMap((file) => importsOf(file))
      .filter((s) => !s.startsWith('.'));
    expect([...new Set(external)].sort()).toEqual(['ajv-formats/dist/formats.js', 'ajv/dist/runtime/equal.js', 'ajv/dist/runtime/ucs2length.js', 'ajv/dist/runtime/uri.js']);
  });
});
