/**
 * A definition and everything it imports bundled into one CommonJS module,
 * as the Botpress CLI reads a definition (esbuild, which honours each
 * folder's tsconfig `baseUrl`/`paths`: `definitions/schemas`,
 * `bp_modules/x`). Unlike the CLI, installed packages stay outside the
 * bundle: `@botpress/sdk` is required at run time from the definition's
 * folder, so the definition and intc share the project's one SDK, and other
 * installed JavaScript is required from where esbuild found it. TypeScript
 * reached through node_modules (a workspace package such as
 * `@botpress/common`) is bundled.
 */
import { createRequire } from 'node:module';
import { dirname, resolve, sep } from 'node:path';
import type * as Esbuild from 'esbuild';
import { createDiagnostic, fileStartLocation } from '../diagnostics/diagnostic.js';
import { bpModulesPlugin } from './bp-modules.js';
import { ImportFailure, locationAt } from './import-failure.js';
import { SDK_PACKAGE } from './project-sdk.js';

const nodeRequire = createRequire(import.meta.url);

/** The bundle's JavaScript, with an inline source map (stack traces then name the definition's own files). */
export async function bundleDefinition(definitionFile: string): Promise<string> {
  const esbuild = nodeRequire('esbuild') as typeof Esbuild;
  const workingDir = dirname(definitionFile);
  try {
    const result = await esbuild.build({
      entryPoints: [definitionFile],
      absWorkingDir: workingDir,
      bundle: true,
      write: false,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      keepNames: true,
      legalComments: 'none',
      logLevel: 'silent',
      plugins: [bpModulesPlugin(), installedPackagesPlugin()],
    });
    const output = result.outputFiles[0];
    if (!output) throw new Error('esbuild produced no output for the definition');
    return output.text;
  } catch (error) {
    if (!isBuildFailure(error)) throw error;
    throw new ImportFailure(error.errors.map((message) => buildDiagnostic(message, workingDir, definitionFile)));
  }
}

/** Asks esbuild's own resolver (tsconfig paths included) without coming back here. */
const RESOLVING = { intcResolving: true };

function installedPackagesPlugin(): Esbuild.Plugin {
  return {
    name: 'intc-installed-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === RESOLVING) return undefined;
        if (args.path === SDK_PACKAGE || args.path.startsWith(`${SDK_PACKAGE}/`)) return { path: args.path, external: true };
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: RESOLVING,
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        if (!resolved.external && isInstalledJavaScript(resolved.path)) return { path: resolved.path, external: true };
        return {
          path: resolved.path,
          external: resolved.external,
          namespace: resolved.namespace,
          suffix: resolved.suffix,
          sideEffects: resolved.sideEffects,
        };
      });
    },
  };
}

function isInstalledJavaScript(path: string): boolean {
  return path.split(sep).includes('node_modules') && /\.(?:[cm]?js|json|node)$/.test(path);
}

function buildDiagnostic(message: Esbuild.Message, workingDir: string, definitionFile: string) {
  const where = message.location;
  const location =
    where && (where.namespace === 'file' || where.namespace === '')
      ? locationAt(resolve(workingDir, where.file), where.line, where.column + 1, where.length)
      : fileStartLocation(definitionFile);
  const detail = `${message.text.replace(/\.?$/, '.')}${message.notes.map((note) => ` ${note.text}`).join('')}`;
  return createDiagnostic('definition-load-failed', { detail }, location);
}

function isBuildFailure(error: unknown): error is Esbuild.BuildFailure {
  return error instanceof Error && Array.isArray((error as Partial<Esbuild.BuildFailure>).errors);
}
