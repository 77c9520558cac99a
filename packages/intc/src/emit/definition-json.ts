import { basename } from 'node:path';
import type { IntegrationModel } from '../model/integration-model.js';
import { isPlainObject, type PlainObject } from '../model/values.js';
import { doNotEditComment, type GeneratedFile } from './generated-file.js';
import { sortedJson } from './schema/sorted-json.js';

/**
 * `definition.json`: the resolved definition, i.e. the validated manifest
 * with the defaults the model applies written out (`billable`, `cacheable`,
 * a secret's `optional`, an identifier's `required`), keys sorted
 * recursively, a `$comment` saying where it comes from first. The
 * manifest's `$schema` (for editors) and `renamedFrom` (read by the stub
 * planner only; Botpress's definition has no such key) are left out.
 */
export function emitDefinitionJson(model: IntegrationModel): GeneratedFile[] {
  const definition: PlainObject = {
    ...withoutKey(model.manifest, '$schema'),
    $comment: doNotEditComment(basename(model.manifestPath)),
  };
  applyDefaults(definition);
  withoutRenames(definition);
  return [{ path: 'definition.json', content: `${sortedJson(definition, ['$comment'])}\n` }];
}

/** Defaults of the meta-schema, per named map: map key → property → default value. */
const DEFAULTS: readonly { readonly map: string; readonly values: PlainObject }[] = [
  { map: 'actions', values: { billable: false, cacheable: false } },
  { map: 'secrets', values: { optional: false } },
];

function applyDefaults(definition: PlainObject): void {
  for (const { map, values } of DEFAULTS) {
    const entries = definition[map];
    if (!isPlainObject(entries)) continue;
    definition[map] = mapValues(entries, (entry) => (isPlainObject(entry) ? { ...values, ...entry } : entry));
  }
  const configuration = definition.configuration;
  if (isPlainObject(configuration) && isPlainObject(configuration.identifier)) {
    definition.configuration = { ...configuration, identifier: { required: false, ...configuration.identifier } };
  }
}

/** `renamedFrom` left out of actions, channels and message types. */
function withoutRenames(definition: PlainObject): void {
  const strip = (entries: unknown, nested?: (entry: PlainObject) => PlainObject) =>
    isPlainObject(entries) ? mapValues(entries, (entry) => (isPlainObject(entry) ? (nested ?? ((e) => e))(withoutKey(entry, 'renamedFrom')) : entry)) : entries;
  if (isPlainObject(definition.actions)) definition.actions = strip(definition.actions);
  if (isPlainObject(definition.channels)) {
    definition.channels = strip(definition.channels, (channel) => (isPlainObject(channel.messages) ? { ...channel, messages: strip(channel.messages) } : channel));
  }
}

function mapValues(object: PlainObject, map: (value: unknown) => unknown): PlainObject {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, map(value)]));
}

function withoutKey(object: PlainObject, key: string): PlainObject {
  return Object.fromEntries(Object.entries(object).filter(([name]) => name !== key));
}
