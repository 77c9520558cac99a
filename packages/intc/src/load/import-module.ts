/**
 * `import()` that works from intc's bundles. They are compiled from V8's code
 * cache (code-cache.ts), and Node 20 drops a cached vm.Script's dynamic-import
 * callback ("A dynamic import callback was not specified"), so the cache's
 * loader, a module Node loaded itself, leaves its own `import()` here.
 */

/** Where the code-cache loader keeps its `import()`. */
export const IMPORT_MODULE = Symbol.for('intc.importModule');

/** Imports an ES module (a file URL or a package name): through the loader's `import()` when there is one, else directly. */
export function importModule(specifier: string): Promise<unknown> {
  const loaderImport = (globalThis as Record<symbol, unknown>)[IMPORT_MODULE];
  return typeof loaderImport === 'function' ? (loaderImport as (specifier: string) => Promise<unknown>)(specifier) : import(specifier);
}
