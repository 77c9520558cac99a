/**
 * `intc dev` runs TypeScript handlers with no build step: each project's
 * `src/index.ts` (with the handlers and generated code it imports) is
 * bundled by esbuild into one ES module, `.intc/dev/index.mjs` in the
 * project's folder, with an inline source map (stack traces name the .ts
 * files and lines). Packages stay outside the bundle and resolve from the
 * project's node_modules as they would at run time, so the project's
 * `@intc/runtime` is the one its code gets. Type errors are the editor's and
 * tsc's business, as with any TypeScript runner: esbuild only strips types.
 */
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import type * as Esbuild from 'esbuild';

const nodeRequire = createRequire(import.meta.url);

export interface Bundled {
  /** The bundle (absolute). */
  readonly file: string;
  /** The source files it was made of (absolute, outside node_modules): what a change of reloads. */
  readonly inputs: readonly string[];
}

export type BundleResult = { readonly ok: true; readonly bundle: Bundled } | { readonly ok: false; readonly errors: string };

/** Bundles `<folder>/<srcDir>/index.ts`; esbuild's errors come back formatted (file:line:col and a code frame). */
export async function bundleHandlers(folder: string, srcDir: string, cwd: string, color: boolean): Promise<BundleResult> {
  const esbuild = nodeRequire('esbuild') as typeof Esbuild;
  const entry = join(srcDir, 'index.ts');
  const file = join(folder, '.intc', 'dev', 'index.mjs');
  try {
    const result = await esbuild.build({
      entryPoints: [entry],
      outfile: file,
      // Messages and the metafile name files relative to this folder: the user's.
      absWorkingDir: cwd,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'inline',
      metafile: true,
      logLevel: 'silent',
      banner: { js: '// Bundled by intc dev from the TypeScript sources; rewritten on every change. Do not edit.' },
    });
    const inputs = Object.keys(result.metafile.inputs)
      .filter((input) => !input.includes('node_modules/') && !input.startsWith('<'))
      .map((input) => resolve(cwd, input))
      .sort();
    return { ok: true, bundle: { file, inputs } };
  } catch (error) {
    const failure = error as Partial<Esbuild.BuildFailure>;
    if (!Array.isArray(failure.errors)) throw error;
    const lines = await esbuild.formatMessages(failure.errors, { kind: 'error', color });
    return { ok: false, errors: `Cannot bundle ${relative(cwd, entry)}:\n${lines.join('')}` };
  }
}
