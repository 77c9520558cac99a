/**
 * Helpers for the `intc import` tests: a temporary workspace laid out like a
 * Botpress checkout with its dependencies installed, the CLI run
 * asynchronously, and the names the SDK itself resolves for a definition
 * (after `.extend()`), to hold the imported manifests' definition.json to.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { BOTPRESS_FIXTURES, linkBotpressWorkspace } from '../scripts/botpress-workspace.mjs';
import { definitionJsonNames, sdkDefinitionNames, type DefinitionNames } from '../scripts/definition-names.mjs';
import { CLI, ROOT } from './fixture-harness.js';

export { BOTPRESS_FIXTURES };
export const IMPORT_FIXTURES = join(ROOT, 'fixtures', 'import');

/**
 * A temp folder holding fixtures/botpress (integrations/, interfaces/,
 * packages/common) and fixtures/import under own/, with node_modules as a
 * pnpm install would link it (scripts/botpress-workspace.mjs).
 */
export function createWorkspace(): string {
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'intc-import-')));
  cpSync(BOTPRESS_FIXTURES, workspace, { recursive: true });
  cpSync(IMPORT_FIXTURES, join(workspace, 'own'), { recursive: true });
  linkBotpressWorkspace(workspace);
  return workspace;
}

export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCliAsync(args: readonly string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', INTC_DEBUG: '' }, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

export type { DefinitionNames };
export { definitionJsonNames };

export interface SdkView {
  readonly names: DefinitionNames;
  /** The interfaces it extends (`InterfaceExtension.name`), sorted, once each. */
  readonly interfaces: string[];
}

/**
 * The definition as the SDK resolves it: bundled by the test's own esbuild
 * call (bp_modules/<x> made from bpDependencies, @botpress/sdk left to the
 * project), run, and read after `.extend()`.
 */
export async function sdkView(definitionFile: string): Promise<SdkView> {
  const folder = dirname(definitionFile);
  const bpDependencies = (createRequire(definitionFile)('./package.json') as { bpDependencies?: Record<string, string> }).bpDependencies ?? {};
  const result = await build({
    entryPoints: [definitionFile],
    absWorkingDir: folder,
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    logLevel: 'silent',
    external: ['@botpress/sdk'],
    plugins: [
      {
        name: 'bp-modules',
        setup(b) {
          b.onResolve({ filter: /bp_modules\/[^/]+$/ }, (args) => ({
            path: join(folder, bpDependencies[args.path.split('/').pop()!]!, 'interface.definition.ts'),
            namespace: 'bp-module',
          }));
          b.onLoad({ filter: /.*/, namespace: 'bp-module' }, (args) => ({
            contents: `import d from ${JSON.stringify(args.path)}; export default { type: 'interface', name: d.name, version: d.version, definition: d };`,
            resolveDir: dirname(args.path),
          }));
        },
      },
    ],
  });
  const module = new Module(definitionFile) as unknown as { paths: string[]; exports: { default: Record<string, unknown> }; _compile(code: string, file: string): void };
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(folder);
  module._compile(result.outputFiles[0]!.text, `${definitionFile}.test.cjs`);
  const definition = module.exports.default;
  const sdk = createRequire(definitionFile)('@botpress/sdk') as { z: { transforms: { toJSONSchema(schema: unknown): { properties?: object } } } };
  const interfaces = (definition.interfaces ?? {}) as Record<string, { name: string }>;
  return {
    names: sdkDefinitionNames(definition, (schema) => sdk.z.transforms.toJSONSchema(schema)),
    interfaces: [...new Set(Object.values(interfaces).map((statement) => String(statement.name)))].sort(),
  };
}
