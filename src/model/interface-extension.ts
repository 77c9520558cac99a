/**
 * Extending interfaces, the YAML form of the seed's
 * `integration.extend(interface, ({ entities }) => …)`: each interface's
 * actions, events and channels are copied into the integration under their
 * new names, their `$ref: '#/entities/<interfaceEntity>'` pointed at the
 * integration's mapped entity, with the entry's overrides applied.
 *
 * Precedence: the interface's member < an own member of the same name (its
 * schemas win; validation has proved they fit, see interface-conformance) <
 * the overrides in the `interfaces:` entry. Two interfaces mapped onto one
 * name merge the same way, the first alias (sorted) keeping its schemas.
 */
import { ENTITY_REF_PREFIX, isEntityRef } from '../validate/json-pointer.js';
import { walkSchema } from '../validate/walk-schema.js';
import { compareNames } from './integration-model.js';
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

const OVERRIDES: { readonly [S in InterfaceSection]: readonly string[] } = {
  actions: ['title', 'description', 'billable', 'cacheable'],
  events: ['title', 'description'],
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

/** The interface's member under a name the integration already has (its own, or another interface's). */
function mergeMember(section: InterfaceSection, fromInterface: unknown, existing: unknown): unknown {
  if (!isPlainObject(existing) || !isPlainObject(fromInterface)) return existing ?? fromInterface;
  if (section !== 'channels') return { ...fromInterface, ...existing };
  return {
    ...fromInterface,
    ...existing,
    messages: { ...(propertyOf(fromInterface, 'messages') as PlainObject | undefined), ...(propertyOf(existing, 'messages') as PlainObject | undefined) },
    ...mergedTags('conversation', fromInterface, existing),
    ...mergedTags('message', fromInterface, existing),
  };
}

function mergedTags(key: 'conversation' | 'message', fromInterface: PlainObject, existing: PlainObject): PlainObject {
  const tags = { ...(propertyOf(propertyOf(fromInterface, key), 'tags') as PlainObject | undefined), ...(propertyOf(propertyOf(existing, key), 'tags') as PlainObject | undefined) };
  return Object.keys(tags).length === 0 ? {} : { [key]: { ...(propertyOf(existing, key) as PlainObject | undefined), tags } };
}

function withOverrides(section: InterfaceSection, member: unknown, options: unknown): unknown {
  if (!isPlainObject(member)) return member;
  const overridden: PlainObject = { ...member };
  for (const key of OVERRIDES[section]) {
    const value = propertyOf(options, key);
    if (value !== undefined) overridden[key] = value;
  }
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
