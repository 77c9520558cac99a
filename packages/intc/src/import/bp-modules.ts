/**
 * `bp_modules/<name>`: the interface packages the Botpress CLI's `bp add`
 * generates into a project (gitignored, so missing from a fresh checkout).
 * A generated folder is used as it is. A missing one is made, in memory,
 * from the project's package.json `bpDependencies` (`"listable":
 * "../../interfaces/listable"`): a module exporting the SDK's
 * `InterfacePackage` shape, `{ type: 'interface', name, version, definition }`,
 * whose definition is the interface folder's own interface.definition.ts
 * (bundled with the rest, so it runs on the project's SDK too).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { isPlainObject } from '../model/values.js';

const BP_MODULE = /(?:^|\/)bp_modules\/([^/]+)\/?$/;
const NAMESPACE = 'intc-bp-module';
export const INTERFACE_DEFINITION_FILE = 'interface.definition.ts';

export function bpModulesPlugin(): Plugin {
  return {
    name: 'intc-bp-modules',
    setup(build) {
      build.onResolve({ filter: BP_MODULE }, (args) => {
        const name = BP_MODULE.exec(args.path)?.[1];
        if (name === undefined) return undefined;
        const project = projectFolderOf(args.resolveDir);
        const generated = args.path.startsWith('.') ? resolve(args.resolveDir, args.path) : join(project, 'bp_modules', name);
        if (existsSync(generated)) return undefined; // esbuild resolves it (through tsconfig paths for `bp_modules/x`)
        const made = interfaceDefinitionFor(project, name);
        return 'error' in made ? { errors: [{ text: made.error }] } : { path: made.definition, namespace: NAMESPACE };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: interfacePackageModule(args.path),
        loader: 'js',
        resolveDir: dirname(args.path),
      }));
    },
  };
}

/** The interface.definition.ts `bpDependencies` names for `name`, or why there is none. */
function interfaceDefinitionFor(project: string, name: string): { definition: string } | { error: string } {
  const target = bpDependenciesOf(project)[name];
  if (target === undefined) {
    return {
      error: `bp_modules/${name} is not generated (the Botpress CLI's \`bp add\` makes it) and package.json has no bpDependencies entry '${name}' to make it from`,
    };
  }
  const definition = join(resolve(project, target), INTERFACE_DEFINITION_FILE);
  if (!existsSync(definition)) {
    return {
      error: `bp_modules/${name} is not generated, and its bpDependencies entry '${target}' is not a local interface folder holding ${INTERFACE_DEFINITION_FILE}: run \`bp add\` first, then import again`,
    };
  }
  return { definition };
}

/** The module standing in for a generated `bp_modules/<name>/index.ts`. */
function interfacePackageModule(definitionFile: string): string {
  return [
    `import definition from ${JSON.stringify(definitionFile)};`,
    "export default { type: 'interface', name: definition.name, version: definition.version, definition };",
    '',
  ].join('\n');
}

/** The nearest folder at or above `folder` holding a package.json (the project), else `folder`. */
function projectFolderOf(folder: string): string {
  for (let at = folder; at !== dirname(at); at = dirname(at)) {
    if (existsSync(join(at, 'package.json'))) return at;
  }
  return folder;
}

function bpDependenciesOf(project: string): Record<string, string> {
  try {
    const manifest: unknown = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    const dependencies = isPlainObject(manifest) ? manifest.bpDependencies : undefined;
    if (!isPlainObject(dependencies)) return {};
    return Object.fromEntries(Object.entries(dependencies).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}
