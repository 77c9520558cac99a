/**
 * Which module specifiers of a user-owned file lead to the generated index,
 * and what they become when the generated folder moved (`--out`).
 *
 * Two spellings of one module are the same module: `../generated/index.js`,
 * `../generated/index` and `../generated` all lead to the folder
 * `../generated`; a specifier that already leads to the generated folder is
 * never touched, whatever its style. A specifier leads to an EARLIER
 * generated folder when the file imports one of the names only the generated
 * index exports from it (`ActionHandlers`, `Integration`…, or a namespace used
 * as `G.ActionHandlers`), or when index.ts does so (the `knownOld` folders);
 * then every reference to that folder in the file is re-pointed, in its
 * own style (extensionless stays extensionless). A folder whose index.ts
 * exists and was not written by intc is the user's own module and is left
 * alone, as is every package specifier.
 */
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isIntcGenerated } from '../emit/generated-file.js';
import { scanModuleReferences, type ModuleReference } from './module-references.js';

/** Names only the generated index exports: importing one from a module marks it as a generated index. */
export const GENERATED_CONTRACT_NAMES: ReadonlySet<string> = new Set([
  'ActionHandlers',
  'ActionProps',
  'ChannelHandlers',
  'Integration',
  'IntegrationImplementation',
  'MessageHandlers',
  'MessageProps',
  'RegisterHandler',
  'RegisterProps',
  'UnregisterHandler',
  'UnregisterProps',
  'WebhookHandler',
  'WebhookProps',
]);

export interface GeneratedTarget {
  /** The generated folder of this run. */
  readonly generatedDir: string;
  /** Folders known to be an earlier generated folder (from index.ts). */
  readonly knownOld: ReadonlySet<string>;
  /** False when the module is the user's: `<key>.ts` exists, or `<key>/index.ts` exists and intc did not write it. */
  readonly mayBeGeneratedFolder: (key: string) => boolean;
  /** `moduleKey`, remembered: a thousand stubs in one folder share one specifier. */
  readonly keyOf: (fromDir: string, specifier: string) => string | undefined;
}

export function generatedTarget(generatedDir: string, readFile: (path: string) => string | undefined): GeneratedTarget {
  const verdicts = new Map<string, boolean>();
  const mayBeGeneratedFolder = (key: string) => {
    let verdict = verdicts.get(key);
    if (verdict === undefined) {
      const index = readFile(join(key, 'index.ts'));
      verdict = (index === undefined || isIntcGenerated(index)) && readFile(`${key}.ts`) === undefined;
      verdicts.set(key, verdict);
    }
    return verdict;
  };
  const keys = new Map<string, string | undefined>();
  const keyOf = (fromDir: string, specifier: string) => {
    const id = `${fromDir}\0${specifier}`;
    if (!keys.has(id)) keys.set(id, moduleKey(fromDir, specifier));
    return keys.get(id);
  };
  return { generatedDir: resolve(generatedDir), knownOld: new Set(), mayBeGeneratedFolder, keyOf };
}

/** The same target, also knowing the earlier generated folders index.ts (in `srcDir`) imports from. */
export function withIndexEvidence(target: GeneratedTarget, indexText: string | undefined, srcDir: string): GeneratedTarget {
  if (indexText === undefined) return target;
  return { ...target, knownOld: new Set([...target.knownOld, ...contractModules(scanModuleReferences(indexText), srcDir, indexText, target)]) };
}

/** The module a relative specifier leads to, as a path without extension and without a final `/index`. */
export function moduleKey(fromDir: string, specifier: string): string | undefined {
  if (!/^\.\.?(?:\/|$)/.test(specifier)) return undefined;
  const path = resolve(fromDir, specifier).replace(/\.[cm]?[jt]s$/, '');
  return basename(path) === 'index' ? dirname(path) : path;
}

export interface SpecifierUpdate {
  readonly reference: ModuleReference;
  readonly specifier: string;
}

/** The references of a file (in `fromDir`) that lead to an earlier generated folder, with the specifier each gets. */
export function generatedSpecifierUpdates(
  references: readonly ModuleReference[],
  fromDir: string,
  text: string,
  target: GeneratedTarget,
): SpecifierUpdate[] {
  const old = new Set([...target.knownOld, ...contractModules(references, fromDir, text, target)]);
  old.delete(target.generatedDir);
  if (old.size === 0) return [];
  const updates: SpecifierUpdate[] = [];
  for (const reference of references) {
    if (!looksLikeFolderIndex(reference.specifier)) continue;
    const key = target.keyOf(fromDir, reference.specifier);
    if (key === undefined || !old.has(key) || !target.mayBeGeneratedFolder(key)) continue;
    updates.push({ reference, specifier: generatedSpecifierLike(reference.specifier, fromDir, target.generatedDir) });
  }
  return updates;
}

/** Modules the file imports a generated-only name from. */
function contractModules(references: readonly ModuleReference[], fromDir: string, text: string, target: GeneratedTarget): string[] {
  const keys: string[] = [];
  for (const reference of references) {
    const named = reference.bindings.some((binding) => GENERATED_CONTRACT_NAMES.has(binding.imported));
    if (!named && !(reference.namespace !== undefined && usesAsGeneratedNamespace(text, reference.namespace))) continue;
    const key = target.keyOf(fromDir, reference.specifier);
    if (key !== undefined) keys.push(key);
  }
  return keys;
}

/** `G.ActionHandlers`, `G.Integration`… appear in the text. */
export function usesAsGeneratedNamespace(text: string, namespace: string): boolean {
  const escaped = namespace.replace(/\$/g, '\\$');
  return new RegExp(`(?<![\\w$.])${escaped}\\s*\\.\\s*(?:${[...GENERATED_CONTRACT_NAMES].join('|')})(?![\\w$])`).test(text);
}

/** `…/index`, `…/index.js`, `…/index.ts`, or a folder (no extension): the ways to name a folder's index. */
function looksLikeFolderIndex(specifier: string): boolean {
  const last = specifier.slice(specifier.lastIndexOf('/') + 1);
  return /^index(?:\.[cm]?[jt]s)?$/.test(last) || last === '.' || last === '..' || !last.includes('.');
}

/** The specifier of the generated index from `fromDir`, in the style of `like` (`../gen/index.js`, `../gen/index`, `../gen`). */
export function generatedSpecifierLike(like: string, fromDir: string, generatedDir: string): string {
  const path = relative(fromDir, generatedDir).split(sep).join('/');
  const folder = path === '' ? '.' : path === '..' || path.startsWith('../') || isAbsolute(path) ? path : `./${path}`;
  const index = /\/(index(?:\.[cm]?[jt]s)?)$/.exec(like)?.[1];
  return index === undefined ? folder : `${folder}/${index}`;
}
