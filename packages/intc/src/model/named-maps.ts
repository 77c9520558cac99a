import type { ManifestKind } from './manifest-kind.js';
import { aliasRule, camelCaseRule, screamingSnakeCaseRule, tagRule, type NamingRule } from './naming.js';
import { matchPathPattern, type PathPattern } from './path-pattern.js';
import { keysOf } from './values.js';
import type { PathSegment } from '../load/source-file.js';

/** A map in a manifest whose keys are names the user chose (actions, secrets…). */
export interface NamedMap {
  /** Path to the map; `*` stands for every key at that point. */
  readonly pattern: PathPattern;
  /** What one name is, for messages: "Action", "Secret"… */
  readonly label: string;
  readonly rule: NamingRule;
  /** Its names become file names (handler stubs, generated modules): Windows' device names are refused. */
  readonly namesFiles?: true;
  /** Its names become JavaScript bindings in generated code (so never a reserved word). */
  readonly namesBindings?: true;
  /**
   * Its names are only ever string keys (tags): never a file or a type name,
   * so `userId` and `user_id` are two names, as in Botpress, not a collision.
   */
  readonly keysOnly?: true;
}

const channelMaps: NamedMap[] = [
  { pattern: ['channels'], label: 'Channel', rule: camelCaseRule, namesFiles: true },
  { pattern: ['channels', '*', 'messages'], label: 'Message type', rule: camelCaseRule, namesFiles: true },
  { pattern: ['channels', '*', 'conversation', 'tags'], label: 'Conversation tag', rule: tagRule, keysOnly: true },
  { pattern: ['channels', '*', 'message', 'tags'], label: 'Message tag', rule: tagRule, keysOnly: true },
];

export const NAMED_MAPS: Record<ManifestKind, readonly NamedMap[]> = {
  integration: [
    { pattern: ['actions'], label: 'Action', rule: camelCaseRule, namesFiles: true },
    ...channelMaps,
    { pattern: ['user', 'tags'], label: 'User tag', rule: tagRule, keysOnly: true },
    { pattern: ['events'], label: 'Event', rule: camelCaseRule },
    { pattern: ['states'], label: 'State', rule: camelCaseRule },
    { pattern: ['entities'], label: 'Entity', rule: camelCaseRule },
    { pattern: ['configurations'], label: 'Configuration', rule: camelCaseRule },
    { pattern: ['secrets'], label: 'Secret', rule: screamingSnakeCaseRule },
    { pattern: ['interfaces'], label: 'Interface alias', rule: camelCaseRule, namesFiles: true, namesBindings: true },
    { pattern: ['interfaces', '*', 'entities'], label: 'Interface entity', rule: camelCaseRule },
    { pattern: ['interfaces', '*', 'actions'], label: 'Interface action', rule: camelCaseRule },
    { pattern: ['interfaces', '*', 'events'], label: 'Interface event', rule: camelCaseRule },
    { pattern: ['interfaces', '*', 'channels'], label: 'Interface channel', rule: camelCaseRule },
    { pattern: ['interfaces', '*', 'channels', '*', 'conversation', 'tags'], label: 'Conversation tag', rule: tagRule, keysOnly: true },
    { pattern: ['interfaces', '*', 'channels', '*', 'message', 'tags'], label: 'Message tag', rule: tagRule, keysOnly: true },
  ],
  interface: [
    { pattern: ['entities'], label: 'Entity', rule: camelCaseRule },
    { pattern: ['actions'], label: 'Action', rule: camelCaseRule, namesFiles: true },
    { pattern: ['events'], label: 'Event', rule: camelCaseRule },
    ...channelMaps,
  ],
  bot: [{ pattern: ['integrations'], label: 'Integration alias', rule: aliasRule }],
};

export interface NamedMapInstance {
  readonly map: NamedMap;
  /** Path of this instance of the map (wildcards filled in). */
  readonly path: readonly PathSegment[];
  readonly names: readonly string[];
}

/** Every instance of every named map in a manifest value. */
export function findNamedMaps(kind: ManifestKind, value: unknown): NamedMapInstance[] {
  const found: NamedMapInstance[] = [];
  for (const map of NAMED_MAPS[kind]) {
    matchPathPattern(value, map.pattern, (path, node) => found.push({ map, path, names: keysOf(node) }));
  }
  return found;
}
