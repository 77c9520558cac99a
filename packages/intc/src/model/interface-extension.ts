/**
 * Extending interfaces, the YAML form of the seed's
 * `integration.extend(interface, ({ entities }) => …)`: each interface's
 * actions, events and channels are copied into the integration under their
 * new names, their `$ref: '#/entities/<interfaceEntity>'` pointed at the
 * integration's mapped entity, with the entry's overrides applied.
 *
 * Precedence: the interface's member < an own member of the same name <
 * the overrides in the `interfaces:` entry. The own member's metadata wins;
 * its schemas are united with the interface's (the properties of both,
 * `required` of both; a property both declare is the own one, which
 * validation has proved fits, see interface-conformance). Two interfaces
 * mapped onto one name merge the same way, the first alias (sorted) winning.
 */
import { ENTITY_REF_PREFIX, isEntityRef } from '../validate/json-pointer.js';
import { walkSchema } from '../validate/walk-schema.js';
import { compareNames } from './integration-model.js';
import { uniteSchemas } from './unite-schemas.js';
import { entriesOf, isPlainObject, propertyOf, stringPropertyOf, type PlainObject } from './values.js';

/** An interface manifest an integration extends, as loaded (validated). */
export interface ExtendedInterface {
  /** The key under `interfaces:`. */
  readonly alias: string;
  readonly value: PlainObject;
  /** Absolute path of the interface manifest. */
  readonly manifestPath: string;
}

export const INTERFACE_SECTIONS = ['actions', 'events', 'channels'] as const;
export type InterfaceSection = (typeof INTERFACE_SECTIONS)[number];

/** An interface name and the name it has in the integration. */
export interface Rename {
  readonly interfaceName: string;
  readonly name: string;
}

/** How one integration implements one interface: what the generated mapping module writes out. */
export interface InterfaceExtension {
  readonly alias: string;
  readonly name: string;
  readonly version: string;
  readonly title?: string;
  readonly manifestPath: string;
  /** Interface entity → integration entity, sorted by interface entity. */
  readonly entities: readonly Rename[];
  /** Per section, interface member → integration member, sorted by interface name. */
  readonly renames: { readonly [S in InterfaceSection]: readonly Rename[] };
  /**
   * The interface's own members under their interface names, entity refs
   * pointed at the integration's entities: the interface "as implemented".
   */
  readonly resolved: { readonly [S in InterfaceSection]: PlainObject };
}

export interface ResolvedIntegration {
  /** The manifest with every interface member merged in. */
  readonly manifest: PlainObject;
  /** One per `interfaces:` entry, sorted by alias. */
  readonly extensions: readonly InterfaceExtension[];
}

/** What an `interfaces:` entry may override per member, as the SDK's ActionOverrideProps… (a channel's tags: see withOverrides). */
const OVERRIDES: { readonly [S in InterfaceSection]: readonly string[] } = {
  actions: ['title', 'description', 'billable', 'cacheable', 'attributes'],
  events: ['title', 'description', 'attributes'],
  channels: ['title', 'description'],
};

/** One `interfaces:` entry and the interface manifest its `from:` names. */
export interface InterfaceEntry<T> {
  readonly alias: string;
  /** The entry as written (`from`, `entities`, renames and overrides). */
  readonly entry: unknown;
  readonly iface: T;
}

/**
 * The entries of an integration manifest's `interfaces:` whose interface
 * `resolve` could read, sorted by alias (the order merging uses). What
 * `resolve` returns for an unreadable one (undefined) leaves that entry out:
 * its problem is reported elsewhere.
 */
export function interfaceEntries<T>(manifest: unknown, resolve: (from: string, alias: string) => T | undefined): InterfaceEntry<T>[] {
  const found: InterfaceEntry<T>[] = [];
  for (const [alias, entry] of entriesOf(propertyOf(manifest, 'interfaces'))) {
    const from = stringPropertyOf(entry, 'from');
    const iface = from === undefined ? undefined : resolve(from, alias);
    if (iface !== undefined) found.push({ alias, entry, iface });
  }
  return found.sort((a, b) => compareNames(a.alias, b.alias));
}

/** The entry's `name:` for an interface member (`actions.generateContent.name`), if it renames it. */
export function memberRename(entry: unknown, section: InterfaceSection, interfaceName: string): string | undefined {
  return stringPropertyOf(propertyOf(propertyOf(entry, section), interfaceName), 'name');
}

/** Merges every extended interface into the manifest (which is left as it was). */
export function resolveInterfaces(manifest: PlainObject, interfaces: readonly ExtendedInterface[]): ResolvedIntegration {
  if (interfaces.length === 0) return { manifest, extensions: [] };
  const resolved: PlainObject = { ...manifest };
  for (const section of INTERFACE_SECTIONS) resolved[section] = { ...(propertyOf(manifest, section) as PlainObject | undefined) };
  const sorted = [...interfaces].sort((a, b) => compareNames(a.alias, b.alias));
  const extensions = sorted.map((iface) => extend(manifest, resolved, iface));
  return { manifest: resolved, extensions };
}

function extend(manifest: PlainObject, resolved: PlainObject, iface: ExtendedInterface): InterfaceExtension {
  const entry = propertyOf(propertyOf(manifest, 'interfaces'), iface.alias);
  const entityMap = new Map(entriesOf(propertyOf(entry, 'entities')).filter((pair): pair is [string, string] => typeof pair[1] === 'string'));
  const renames = {} as { [S in InterfaceSection]: Rename[] };
  const members = {} as { [S in InterfaceSection]: PlainObject };
  for (const section of INTERFACE_SECTIONS) {
    renames[section] = [];
    members[section] = {};
    for (const [interfaceName, member] of sortedEntries(propertyOf(iface.value, section))) {
      const options = propertyOf(propertyOf(entry, section), interfaceName);
      const name = memberRename(entry, section, interfaceName) ?? interfaceName;
      const withEntities = pointRefsAt(member, entityMap);
      members[section][interfaceName] = withEntities;
      renames[section].push({ interfaceName, name });
      const target = resolved[section] as PlainObject;
      const own = Object.hasOwn(target, name) ? target[name] : undefined;
      target[name] = withOverrides(section, mergeMember(section, withEntities, own), options);
    }
  }
  return {
    alias: iface.alias,
    name: String(iface.value.name),
    version: String(iface.value.version),
    ...(typeof iface.value.title === 'string' ? { title: iface.value.title } : {}),
    manifestPath: iface.manifestPath,
    entities: [...entityMap].map(([interfaceName, name]) => ({ interfaceName, name })).sort((a, b) => compareNames(a.interfaceName, b.interfaceName)),
    renames,
    resolved: members,
  };
}

/**
 * The interface's member under a name the integration already has (its own,
 * or another interface's): the existing member's metadata wins, and each
 * schema the two share is united (unite-schemas.ts), as Botpress's
 * `extend()` merges them; a channel's message types and tags are merged too.
 */
function mergeMember(section: InterfaceSection, fromInterface: unknown, existing: unknown): unknown {
  if (!isPlainObject(existing) || !isPlainObject(fromInterface)) return existing ?? fromInterface;
  const merged: PlainObject = { ...fromInterface, ...existing };
  if (section === 'actions') {
    for (const part of ['input', 'output']) merged[part] = withUnitedSchema(propertyOf(existing, part), propertyOf(fromInterface, part));
  } else if (section === 'events') {
    merged.schema = uniteSchemas(existing.schema, fromInterface.schema);
  } else {
    const messages: PlainObject = { ...(propertyOf(fromInterface, 'messages') as PlainObject | undefined) };
    for (const [type, message] of entriesOf(propertyOf(existing, 'messages'))) {
      messages[type] = Object.hasOwn(messages, type) ? withUnitedSchema(message, messages[type]) : message;
    }
    merged.messages = messages;
    for (const key of TAG_CONTAINERS) Object.assign(merged, mergedTags(key, [fromInterface, existing]));
  }
  return merged;
}

/** `{ schema }` of the existing member with the interface's schema united into it. */
function withUnitedSchema(existing: unknown, fromInterface: unknown): unknown {
  if (!isPlainObject(existing) || !isPlainObject(fromInterface)) return existing ?? fromInterface;
  return { ...existing, schema: uniteSchemas(existing.schema, fromInterface.schema) };
}

const TAG_CONTAINERS = ['conversation', 'message'] as const;

/** `{ conversation: { tags } }` with the tags of every layer, later layers winning per tag; nothing when none has tags. */
function mergedTags(key: (typeof TAG_CONTAINERS)[number], layers: readonly unknown[]): PlainObject {
  const tags: PlainObject = {};
  let container: PlainObject | undefined;
  for (const layer of layers) {
    const own = propertyOf(layer, key);
    if (!isPlainObject(own)) continue;
    container = { ...container, ...own };
    Object.assign(tags, propertyOf(own, 'tags'));
  }
  return container === undefined ? {} : { [key]: { ...container, tags } };
}

/** The entry's overrides (title, description…; a channel's tags merge per tag) applied to the merged member. */
function withOverrides(section: InterfaceSection, member: unknown, options: unknown): unknown {
  if (!isPlainObject(member)) return member;
  const overridden: PlainObject = { ...member };
  for (const key of OVERRIDES[section]) {
    const value = propertyOf(options, key);
    if (value !== undefined) overridden[key] = value;
  }
  if (section === 'channels') for (const key of TAG_CONTAINERS) Object.assign(overridden, mergedTags(key, [member, options]));
  return overridden;
}

/** A deep copy of an interface member with `#/entities/<interfaceEntity>` refs pointed at the mapped entities. */
function pointRefsAt(member: unknown, entityMap: ReadonlyMap<string, string>): unknown {
  const copy: unknown = JSON.parse(JSON.stringify(member));
  for (const schema of memberSchemas(copy)) {
    walkSchema(schema, (node) => {
      const ref = node.$ref;
      if (typeof ref !== 'string' || !isEntityRef(ref)) return;
      const mapped = entityMap.get(ref.slice(ENTITY_REF_PREFIX.length));
      if (mapped !== undefined) node.$ref = ENTITY_REF_PREFIX + mapped;
    });
  }
  return copy;
}

/** The schemas of an action (input, output), an event, or a channel's message types. */
function memberSchemas(member: unknown): unknown[] {
  const schemas = [propertyOf(member, 'schema'), propertyOf(propertyOf(member, 'input'), 'schema'), propertyOf(propertyOf(member, 'output'), 'schema')];
  for (const [, message] of entriesOf(propertyOf(member, 'messages'))) schemas.push(propertyOf(message, 'schema'));
  return schemas.filter((schema) => schema !== undefined);
}

function sortedEntries(value: unknown): [string, unknown][] {
  return entriesOf(value).sort(([a], [b]) => compareNames(a, b));
}
