/**
 * `intc import` is loaded on first use, from its own bundle
 * (dist/intc-import.cjs, which requires esbuild): `validate` and `generate`
 * never parse any of it. Without the bundle (sources run directly), from
 * the module itself.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

type ImportCommand = typeof import('../import/import-command.js');

const nodeRequire = createRequire(import.meta.url);
/** A variable, so that bundling the CLI does not pull the import code in. */
const importCommandModule = '../import/import-command.js';

export async function loadImportCommand(): Promise<ImportCommand> {
  const bundle = fileURLToPath(new URL('../intc-import.cjs', import.meta.url));
  if (existsSync(bundle)) return nodeRequire(bundle) as ImportCommand;
  return (await import(importCommandModule)) as ImportCommand;
}
