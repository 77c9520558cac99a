/**
 * The project's own `@botpress/sdk`, resolved and loaded from the
 * definition's folder as the definition itself would load it: intc never
 * brings an SDK of its own, so the definition runs against the version it
 * was written for.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isPlainObject } from '../model/values.js';
import { importFailure } from './import-failure.js';
import type { BotpressSdk } from './sdk-surface.js';

export const SDK_PACKAGE = '@botpress/sdk';

export interface ProjectSdk {
  readonly sdk: BotpressSdk;
  /** The SDK's package version, when its package.json says. */
  readonly version: string | undefined;
  /** `require` as the definition's folder sees it: the bundle's package imports are resolved with it. */
  readonly require: NodeJS.Require;
}

export function loadProjectSdk(definitionFile: string): ProjectSdk {
  const projectRequire = createRequire(definitionFile);
  let entry: string;
  try {
    entry = projectRequire.resolve(SDK_PACKAGE);
  } catch {
    throw importFailure('botpress-sdk-missing', { detail: 'it is not installed where the definition is' }, definitionFile);
  }
  let loaded: unknown;
  try {
    loaded = projectRequire(entry);
  } catch (error) {
    throw importFailure('botpress-sdk-missing', { detail: `it failed to load (${firstLine(error)})` }, definitionFile);
  }
  const version = packageVersion(entry);
  const missing = missingMember(loaded);
  if (missing) {
    throw importFailure(
      'botpress-sdk-missing',
      { detail: `${version ? `version ${version}` : `the copy at '${entry}'`} has no ${missing}; upgrade it` },
      definitionFile,
    );
  }
  return { sdk: loaded as BotpressSdk, version, require: projectRequire };
}

/** The first member intc needs that `sdk` lacks, or undefined when it has them all. */
function missingMember(sdk: unknown): string | undefined {
  const value = sdk as Partial<Record<string, unknown>> | undefined;
  const transforms = (value?.z as { transforms?: Partial<Record<string, unknown>> } | undefined)?.transforms;
  if (typeof transforms?.toJSONSchema !== 'function') return 'z.transforms.toJSONSchema';
  if (typeof transforms.toJSONSchemaLegacy !== 'function') return 'z.transforms.toJSONSchemaLegacy';
  const integration = value?.IntegrationDefinition as { prototype?: { extend?: unknown } } | undefined;
  if (typeof integration?.prototype?.extend !== 'function') return 'IntegrationDefinition.prototype.extend';
  if (typeof value?.InterfaceDefinition !== 'function') return 'InterfaceDefinition';
  return undefined;
}

/** The version in the package.json of the package holding `entry` (its `exports` may hide the file from `require`). */
function packageVersion(entry: string): string | undefined {
  for (let folder = dirname(entry); folder !== dirname(folder); folder = dirname(folder)) {
    const file = join(folder, 'package.json');
    if (!existsSync(file)) continue;
    try {
      const manifest: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (isPlainObject(manifest) && manifest.name === SDK_PACKAGE) return typeof manifest.version === 'string' ? manifest.version : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n', 1)[0] ?? text;
}
