/**
 * The `.extend()` calls of a definition → its `interfaces:` entries and the
 * interface manifests they point at. Each entry gets an alias derived from
 * the interface's name (`proactive-conversation` → `proactiveConversation`);
 * an interface extended more than once gets the mapped entity names appended
 * to each of its aliases (`listableIssue`, `listableProject`), so adding an
 * extension never renames another. An entry holds what the builder returned
 * (entity map, renames, overrides), not what the SDK derived from it.
 * Each interface is written once, to `interfaces/<name>/interface.yaml`
 * inside the output folder.
 */
import { defineOwn } from '../model/values.js';
import { compareNames } from '../model/integration-model.js';
import { capitalize, toCamelCase } from '../model/naming.js';
import { field, stringMap, tagsHolder } from './member-manifests.js';
import { orderedObject, otherData, sortedMap, type JsonObject } from './plain-json.js';
import type { RecordedExtension } from './record-extensions.js';

export interface InterfaceToWrite {
  readonly name: string;
  readonly version: string;
  /** The interface's definition (`InterfacePackage.definition`). */
  readonly definition: object;
  /** Where its manifest goes, relative to the output folder (posix): `interfaces/listable`. */
  readonly folder: string;
  /** Its `__advanced` conversion options, when its definition has them. */
  readonly advanced: unknown;
}

export interface PlannedInterfaces {
  readonly entries: JsonObject | undefined;
  readonly interfaces: readonly InterfaceToWrite[];
}

const ALIAS = /^[a-z][a-zA-Z0-9]*$/;

export async function planInterfaces(extensions: readonly RecordedExtension[]): Promise<PlannedInterfaces> {
  const interfaces = interfacesOf(extensions);
  const aliases = aliasesOf(extensions);
  const entries: JsonObject = {};
  for (const [index, extension] of extensions.entries()) {
    const target = interfaces.byExtension[index]!;
    defineOwn(entries, aliases[index]!, orderedObject(
      {
        from: `./${target.folder}`,
        entities: extension.entities.length > 0 ? Object.fromEntries([...extension.entities].sort(([a], [b]) => compareNames(a, b))) : undefined,
        actions: await sortedMap(extension.actions, (override) => memberOverride(override)),
        events: await sortedMap(extension.events, (override) => memberOverride(override)),
        channels: await sortedMap(extension.channels, (override) =>
          orderedObject(
            { ...otherData(override, []), conversation: tagsHolder(field(override, 'conversation')), message: tagsHolder(field(override, 'message')) },
            ['name', 'title', 'description', 'conversation', 'message'],
          ),
        ),
      },
      ['from', 'entities', 'actions', 'events', 'channels'],
    ));
  }
  const sorted: JsonObject = {};
  for (const alias of Object.keys(entries).sort(compareNames)) defineOwn(sorted, alias, entries[alias]);
  return { entries: extensions.length > 0 ? sorted : undefined, interfaces: interfaces.all };
}

function memberOverride(override: unknown): JsonObject {
  return orderedObject({ ...otherData(override, []), attributes: stringMap(field(override, 'attributes')) }, [
    'name',
    'title',
    'description',
    'billable',
    'cacheable',
    'attributes',
  ]);
}

/** One alias per extension, in call order. */
function aliasesOf(extensions: readonly RecordedExtension[]): string[] {
  const bases = extensions.map((extension) => baseAlias(packageName(extension)));
  const taken = new Set<string>();
  return extensions.map((extension, index) => {
    const base = bases[index]!;
    const shared = bases.filter((other) => other === base).length > 1;
    const wanted = shared ? base + extension.entities.map(([, entity]) => capitalize(toCamelCase(entity))).join('') : base;
    let alias = wanted;
    for (let n = 2; taken.has(alias); n++) alias = `${wanted}${n}`;
    taken.add(alias);
    return alias;
  });
}

function baseAlias(interfaceName: string): string {
  const camel = toCamelCase(interfaceName.slice(interfaceName.lastIndexOf('/') + 1));
  return ALIAS.test(camel) ? camel : `interface${capitalize(camel.replace(/^_+/, ''))}`;
}

/** Each distinct interface (name and version) once, with its folder; and which one each extension uses. */
function interfacesOf(extensions: readonly RecordedExtension[]): { all: InterfaceToWrite[]; byExtension: InterfaceToWrite[] } {
  const byKey = new Map<string, InterfaceToWrite>();
  const versionsOf = new Map<string, Set<string>>();
  for (const extension of extensions) {
    const name = packageName(extension);
    versionsOf.set(name, (versionsOf.get(name) ?? new Set()).add(packageVersion(extension)));
  }
  const byExtension = extensions.map((extension) => {
    const name = packageName(extension);
    const version = packageVersion(extension);
    const key = `${name}@${version}`;
    let target = byKey.get(key);
    if (!target) {
      const folderName = name.replace(/[^A-Za-z0-9._-]+/g, '__') + (versionsOf.get(name)!.size > 1 ? `-${version}` : '');
      const definition = field(extension.interfacePackage, 'definition');
      target = {
        name,
        version,
        definition: typeof definition === 'object' && definition !== null ? definition : {},
        folder: `interfaces/${folderName.replace(/^\.+/, '_')}`,
        advanced: field(definition, '__advanced'),
      };
      byKey.set(key, target);
    }
    return target;
  });
  return { all: [...byKey.values()].sort((a, b) => compareNames(a.folder, b.folder)), byExtension };
}

function packageName(extension: RecordedExtension): string {
  const name = field(extension.interfacePackage, 'name');
  return typeof name === 'string' ? name : 'interface';
}

function packageVersion(extension: RecordedExtension): string {
  const version = field(extension.interfacePackage, 'version');
  return typeof version === 'string' ? version : '0.0.0';
}
