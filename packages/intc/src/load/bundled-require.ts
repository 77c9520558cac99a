/**
 * Packages intc loads on first use (Ajv, json-schema-to-typescript), from
 * the bundles scripts/bundle-cli.mjs makes of them when they are there: one
 * file loads ~3× faster than a package's dozens. Without the bundle (the
 * sources run directly), from node_modules.
 *
 * This module sits one folder below dist/, like the CLI bundle's module URL
 * (dist/cli/main.js), so the library and the bundles find the same files.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const nodeRequire = createRequire(import.meta.url);

/**
 * A `require` for the packages in `bundle` (a file in dist/ whose exports map
 * each package specifier to its module), falling back to node_modules.
 */
export function bundledRequire(bundle: string): (specifier: string) => unknown {
  let modules: Readonly<Record<string, unknown>> | null | undefined;
  return (specifier) => {
    if (modules === undefined) {
      const path = fileURLToPath(new URL(`../${bundle}`, import.meta.url));
      modules = existsSync(path) ? (nodeRequire(path) as Record<string, unknown>) : null;
    }
    if (modules === null) return nodeRequire(specifier);
    if (!Object.hasOwn(modules, specifier)) throw new Error(`${bundle} does not hold ${specifier}`);
    return modules[specifier];
  };
}
