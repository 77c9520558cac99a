/**
 * Loads intc's bundles (dist/*.cjs) with V8's code cache, as Node 22's
 * `module.enableCompileCache()` would: the build (scripts/bundle-cli.mjs)
 * runs a training `intc generate` with INTC_WRITE_CODE_CACHE=1, and each
 * bundle loaded through here saves, at exit, the code V8 compiled for it
 * (`<bundle>.v8cache`). Later runs hand that to V8 instead of parsing and
 * compiling the bundle again: most of a small manifest's run is start-up.
 *
 * V8 checks the cache against its own version, its flags and the source's
 * length, and compiles as usual when it does not fit; without a cache file
 * (the sources run directly, a build without training) this is a plain
 * `require`. The cache changes nothing a bundle does, only how it is compiled.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { constants, Script } from 'node:vm';
import { IMPORT_MODULE } from './import-module.js';

/** Where a bundle's code cache is kept: beside it. */
export const codeCacheFile = (bundle: string): string => `${bundle}.v8cache`;

/** Set (to `1`) only by the build's training run. */
const WRITE_CODE_CACHE = 'INTC_WRITE_CODE_CACHE';

/** `require(bundle)` (an absolute path), compiled from its code cache when there is one. */
export function requireWithCodeCache(bundle: string): unknown {
  // Code compiled from the cache has no working import() on Node 20: it uses this one (import-module.ts).
  (globalThis as Record<symbol, unknown>)[IMPORT_MODULE] ??= (specifier: string) => import(specifier);
  const require = createRequire(bundle);
  const known = require.cache[bundle];
  if (known) return known.exports;
  const writing = process.env[WRITE_CODE_CACHE] === '1';
  let cachedData: Buffer | undefined;
  if (!writing) {
    try {
      cachedData = readFileSync(codeCacheFile(bundle));
    } catch {
      return require(bundle);
    }
  }
  const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), {
    filename: bundle,
    cachedData,
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = new Module(bundle);
  module.filename = bundle;
  require.cache[bundle] = module;
  try {
    (script.runInThisContext() as CommonJsWrapper)(module.exports, require, module, bundle, dirname(bundle));
  } catch (error) {
    delete require.cache[bundle];
    throw error;
  }
  module.loaded = true;
  // At exit, so the cache holds the functions the training run compiled, not just the top level.
  if (writing) process.once('exit', () => writeFileSync(codeCacheFile(bundle), script.createCachedData()));
  return module.exports;
}

type CommonJsWrapper = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
