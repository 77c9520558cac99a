/**
 * Generated code imports `@intc/runtime`, a dependency of the user's project
 * that intc (a devDependency) does not bring. Without it the project fails to
 * type-check or, worse, type-checks elsewhere and crashes at start; `intc
 * generate` says so first, located at the project's package.json.
 *
 * The check looks for `node_modules/@intc/runtime` from the generated folder
 * up, as Node and TypeScript resolve it (a monorepo's hoisted copy counts). It
 * is skipped where it cannot tell: outside any package.json (no project to
 * install into), and under Yarn Plug'n'Play (`.pnp.cjs`, no node_modules).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createDiagnostic, fileStartLocation, fixOf, type Diagnostic } from '../diagnostics/diagnostic.js';

export const RUNTIME_PACKAGE = '@intc/runtime';

/** One warning per project (package.json) whose generated folders cannot resolve the runtime. */
export function runtimeNotInstalled(generatedDirs: readonly string[]): Diagnostic[] {
  const warned = new Map<string, Diagnostic>();
  for (const folder of generatedDirs) {
    const project = projectManifest(folder);
    if (project === undefined || warned.has(project) || runtimeResolvable(folder)) continue;
    const fix = fixOf(`Install it as a dependency of the project (intc, a devDependency, does not bring it): \`npm install ${RUNTIME_PACKAGE}\`.`);
    warned.set(project, createDiagnostic('runtime-not-installed', {}, fileStartLocation(project), fix));
  }
  return [...warned.values()];
}

/** The nearest package.json at or above `folder`, else undefined. */
function projectManifest(folder: string): string | undefined {
  for (const at of ancestors(folder)) {
    const file = join(at, 'package.json');
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** Whether an import of the runtime from `folder` finds it (or, under Yarn PnP, whether that cannot be told). */
function runtimeResolvable(folder: string): boolean {
  return ancestors(folder).some((at) => existsSync(join(at, 'node_modules', RUNTIME_PACKAGE, 'package.json')) || existsSync(join(at, '.pnp.cjs')));
}

/** `folder` and each folder above it, up to the filesystem root. */
function ancestors(folder: string): string[] {
  const folders = [folder];
  for (let parent = dirname(folder); parent !== folders.at(-1); parent = dirname(parent)) folders.push(parent);
  return folders;
}
