/**
 * A project described by its folders, without reading a manifest: each
 * folder holds an integration or a bot that `intc generate` has run on, and
 * its generated `definition.json` (in `src/generated/` unless told) says
 * which: a bot's lists its aliases and the manifest each installs, whose
 * folder holds that integration's code. How a folder's code is loaded is the
 * caller's: `intc serve` imports its built JavaScript, `intc dev` bundles
 * its TypeScript.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ProjectError } from './host-errors.js';
import { readJsonFile, type HostedUnit, type HostProject, type ModuleLoader } from './project.js';

export interface ProjectFolder {
  readonly folder: string;
  /** Where its generated code is; default `<folder>/src/generated`. */
  readonly generatedDir?: string;
}

/** The loader of the code in `folder` (an integration's or a bot's). */
export type LoaderOf = (folder: string) => ModuleLoader;

interface Definition {
  readonly name?: unknown;
  readonly integrations?: { readonly [alias: string]: { readonly integration?: { readonly manifest?: unknown } } };
}

/** Throws `ProjectError` when a folder has no generated definition, or a bot's installed integration cannot be found. */
export function projectFromFolders(folders: readonly ProjectFolder[], loaderOf: LoaderOf): HostProject {
  return { units: folders.map((folder) => unitOf(folder, loaderOf)) };
}

function unitOf({ folder, generatedDir }: ProjectFolder, loaderOf: LoaderOf): HostedUnit {
  const root = resolve(folder);
  const definition = definitionIn(root, generatedDir);
  if (typeof definition.name !== 'string') throw new ProjectError(`${definitionPath(root, generatedDir)} has no name: run intc generate again.`);
  if (definition.integrations === undefined) return { kind: 'integration', name: definition.name, load: loaderOf(root), definition };
  const integrations: { [alias: string]: { load: ModuleLoader; definition: unknown } } = {};
  for (const [alias, installed] of Object.entries(definition.integrations).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const manifest = installed.integration?.manifest;
    if (typeof manifest !== 'string') throw new ProjectError(`${definitionPath(root, generatedDir)}: alias ${JSON.stringify(alias)} names no integration manifest; run intc generate again.`);
    const integrationRoot = dirname(resolve(root, manifest));
    Object.defineProperty(integrations, alias, { value: { load: loaderOf(integrationRoot), definition: definitionIn(integrationRoot, undefined, alias) }, enumerable: true });
  }
  return { kind: 'bot', name: definition.name, load: loaderOf(root), integrations };
}

function definitionPath(root: string, generatedDir: string | undefined): string {
  return join(generatedDir === undefined ? join(root, 'src', 'generated') : resolve(root, generatedDir), 'definition.json');
}

function definitionIn(root: string, generatedDir: string | undefined, alias?: string): Definition {
  const file = definitionPath(root, generatedDir);
  const value = readJsonFile(file);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Definition;
  const what = alias === undefined ? root : `${root} (installed as alias ${JSON.stringify(alias)})`;
  const problem = existsSync(file) ? `${file} is not a JSON object` : `${file} does not exist`;
  throw new ProjectError(`No generated definition for ${what}: ${problem}. Run intc generate there first (the host reads src/generated/definition.json).`);
}
