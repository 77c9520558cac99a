/**
 * The intc config: `intc.config.json`, or the `intc` key of package.json,
 * the nearest one from the current folder up to the folder of the nearest
 * package.json (a monorepo package's own, never its workspace's). Checked
 * against schema/intc.config.schema.json; `manifests` (files, folders,
 * globs) resolved against the config's folder, each required to match.
 * What is wrong comes back as problems with their path in the file, which
 * config-diagnostics.ts locates. Built-ins and tiny modules only: the fast
 * path of `intc generate` reads the config too (and leaves a bad one to
 * the full run).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { checkConfig, type ConfigPath, type ConfigProblem } from './check-config.js';
import { expandGlob, hasGlobCharacters } from './glob.js';

export const CONFIG_FILE_NAME = 'intc.config.json';

export interface IntcConfig {
  /** The file it was read from (intc.config.json or package.json). */
  readonly file: string;
  /** Absolute paths, globs expanded. */
  readonly manifests?: readonly string[];
  readonly out?: string;
  readonly src?: string;
  readonly strict?: boolean;
  readonly format?: 'text' | 'json' | 'github';
  readonly maxFileSize?: number;
}

export type ConfigKey = Exclude<keyof IntcConfig, 'file'>;

export type ConfigRead =
  | { readonly status: 'none' }
  | { readonly status: 'ok'; readonly config: IntcConfig }
  | {
      readonly status: 'invalid';
      readonly file: string;
      readonly text: string;
      /** Empty when the file is not JSON (the loader says where). */
      readonly problems: readonly ConfigProblem[];
    };

/** The config that applies in `cwd`, checked. */
export function readConfig(cwd: string): ConfigRead {
  for (let folder = resolve(cwd); ; folder = dirname(folder)) {
    const file = join(folder, CONFIG_FILE_NAME);
    const packageFile = join(folder, 'package.json');
    const hasPackage = existsSync(packageFile);
    if (existsSync(file)) return readConfigFile(file, hasPackage ? packageFile : undefined);
    if (hasPackage) return readPackageConfig(packageFile);
    if (dirname(folder) === folder) return { status: 'none' };
  }
}

function readConfigFile(file: string, packageFile: string | undefined): ConfigRead {
  // Two configs for one folder would leave the reader guessing which one counts.
  const beside = packageFile === undefined ? undefined : parseJson(readText(packageFile));
  if (isObject(beside) && 'intc' in beside) {
    const fix = `Keep one: move the settings into ${CONFIG_FILE_NAME} and delete the "intc" key, or the other way round.`;
    return invalid(packageFile!, readText(packageFile!), [{ path: ['intc'], part: 'key', detail: `both ${CONFIG_FILE_NAME} and package.json's "intc" key configure this folder`, fix }]);
  }
  const text = readText(file);
  const value = parseJson(text);
  return value === NOT_JSON ? invalid(file, text, []) : checked(file, text, value, []);
}

function readPackageConfig(file: string): ConfigRead {
  const text = readText(file);
  const value = parseJson(text);
  // A package.json that is not JSON is npm's to report, unless it is where intc's config was meant to be.
  if (value === NOT_JSON) return text.includes('"intc"') ? invalid(file, text, []) : { status: 'none' };
  if (!isObject(value) || !('intc' in value)) return { status: 'none' };
  return checked(file, text, value.intc, ['intc']);
}

function checked(file: string, text: string, value: unknown, at: ConfigPath): ConfigRead {
  const problems = checkConfig(value, at);
  const manifestsChecked = !problems.some((problem) => problem.path.length === at.length || problem.path[at.length] === 'manifests');
  // Every problem at once: the entries of a well-formed `manifests` are looked up even when other keys are wrong.
  const found = manifestsChecked ? resolveManifests(file, (value as ConfigValue).manifests, at) : { manifests: undefined, problems: [] };
  if (problems.length + found.problems.length > 0) return invalid(file, text, [...problems, ...found.problems]);
  const { $schema: _schema, manifests: _entries, ...settings } = value as ConfigValue;
  return { status: 'ok', config: { file, ...settings, ...(found.manifests === undefined ? {} : { manifests: found.manifests }) } };
}

/** The `manifests` entries as absolute paths (globs expanded, no duplicates), and the entries that name nothing. */
function resolveManifests(file: string, entries: readonly string[] | undefined, at: ConfigPath): { manifests: string[] | undefined; problems: ConfigProblem[] } {
  if (entries === undefined) return { manifests: undefined, problems: [] };
  const manifests: string[] = [];
  const problems: ConfigProblem[] = [];
  entries.forEach((entry, index) => {
    const resolved = resolveManifestEntry(dirname(file), entry, [...at, 'manifests', index]);
    if (Array.isArray(resolved)) manifests.push(...resolved);
    else problems.push(resolved);
  });
  return { manifests: [...new Set(manifests)], problems };
}

/** The config as written (checked against the schema). */
type ConfigValue = Omit<IntcConfig, 'file' | 'manifests'> & { readonly $schema?: string; readonly manifests?: readonly string[] };

/** A `manifests` entry as absolute paths, or the problem when it names nothing. */
function resolveManifestEntry(folder: string, entry: string, path: ConfigPath): string[] | ConfigProblem {
  if (hasGlobCharacters(entry)) {
    const matches = expandGlob(folder, entry);
    if (matches.length > 0) return matches;
    return { path, part: 'value', detail: `'${entry}' matches no file or folder`, fix: 'Paths and globs in `manifests` are relative to the config\'s folder; fix the pattern or remove the entry.' };
  }
  const absolute = resolve(folder, entry);
  if (existsSync(absolute)) return [absolute];
  return { path, part: 'value', detail: `'${entry}' does not exist`, fix: 'Paths in `manifests` are relative to the config\'s folder; fix the path or remove the entry.' };
}

function invalid(file: string, text: string, problems: readonly ConfigProblem[]): ConfigRead {
  return { status: 'invalid', file, text, problems };
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return '';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
