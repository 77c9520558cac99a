/**
 * What the host runs: a project of integrations and bots, each given as a
 * way to load its module (the default export of its `src/index.ts`: `new
 * Integration(…)` or `new Bot(…)`). `intc dev` loads bundles of the
 * TypeScript sources it builds on every change; `intc serve` the project's
 * built JavaScript. The host reads no manifest: the names and the files
 * come from whoever describes the project (the CLI resolves them from the
 * manifests).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Loads a module and gives its default export. */
export type ModuleLoader = () => Promise<unknown>;

export interface HostedIntegrationUnit {
  readonly kind: 'integration';
  /** The integration's name (its manifest's `name`): its routes' name and its store namespace. */
  readonly name: string;
  readonly load: ModuleLoader;
  /** The resolved definition (the generated definition.json), for the dev console; optional. */
  readonly definition?: unknown;
}

export interface HostedBotUnit {
  readonly kind: 'bot';
  /** The bot's name: its aliases' store namespaces are `<name>/<alias>`. */
  readonly name: string;
  readonly load: ModuleLoader;
  /** Alias → the installed integration's module (and its definition, for the dev console). */
  readonly integrations: { readonly [alias: string]: { readonly load: ModuleLoader; readonly definition?: unknown } };
}

export type HostedUnit = HostedIntegrationUnit | HostedBotUnit;

export interface HostProject {
  readonly units: readonly HostedUnit[];
}

/**
 * The default export of the JavaScript module at `file`. `version` makes a
 * fresh URL, so a file rewritten since it was last imported is evaluated
 * again (`intc dev`'s reloads); the packages it imports stay the ones loaded.
 */
export async function importDefault(file: string, version?: number): Promise<unknown> {
  const url = pathToFileURL(file);
  if (version !== undefined) url.searchParams.set('v', String(version));
  const module = (await import(url.href)) as { default?: unknown };
  return unwrapCommonJs(module.default);
}

/** A CommonJS build (tsc's `exports.default = …`) imported from ESM has its default export one level down. */
function unwrapCommonJs(value: unknown): unknown {
  const isObject = typeof value === 'object' && value !== null;
  return isObject && !('start' in value) && 'default' in value ? (value as { default: unknown }).default : value;
}

/** A JSON file's value (a generated definition.json), or undefined when it cannot be read. */
export function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}
