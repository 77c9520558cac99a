/**
 * The members that have handler files (actions, channel message types), each
 * with a fingerprint of its schemas: what a run remembers (in the run record)
 * so that the next one can tell a rename (a member gone, one with the same
 * schemas new) from a removal and an addition. Keys: `actions/<action>`,
 * `channels/<channel>/<type>`. Without a record, the previous run's
 * definition.json gives the same, in its own (sorted) key order.
 *
 * A fingerprint is of the schemas' JSON as written (JSON.stringify, in the
 * manifest's key order): every full run computes one per member for the
 * record, and sorting keys first cost ~40–100 ms on 1000 actions. Comparing
 * with definition.json, whose keys are sorted, both sides are sorted
 * (`sortedMembers`); renaming a member does not reorder its schema.
 */
import { sortedJson } from '../emit/schema/sorted-json.js';
import type { IntegrationModel } from '../model/integration-model.js';
import { entriesOf, isPlainObject, propertyOf } from '../model/values.js';
import { fingerprintText } from '../write/fingerprint.js';

/** Member key → fingerprint of its schemas. */
export type MemberHashes = ReadonlyMap<string, string>;

export type MemberKey = { readonly action: string } | { readonly channel: string; readonly type: string };

export function memberKey(member: MemberKey): string {
  return 'action' in member ? `actions/${member.action}` : `channels/${member.channel}/${member.type}`;
}

/** The key's parts; undefined for a key that is not a member key. */
export function parseMemberKey(key: string): MemberKey | undefined {
  const parts = key.split('/');
  if (parts[0] === 'actions' && parts.length === 2) return { action: parts[1]! };
  if (parts[0] === 'channels' && parts.length === 3) return { channel: parts[1]!, type: parts[2]! };
  return undefined;
}

/** A fingerprint of JSON text; `sorted:` marks one of sorted JSON (from definition.json). */
type Json = (value: unknown) => string;
const asWritten: Json = (value) => JSON.stringify(value) ?? 'null';
const SORTED_PREFIX = 'sorted:';

/** The current manifest's members with the fingerprints of their schemas (as written; sorted to compare with a definition). */
export function currentMembers(model: IntegrationModel, sorted = false): Map<string, string> {
  const json: Json = sorted ? sortedJson : asWritten;
  const prefix = sorted ? SORTED_PREFIX : '';
  const members = new Map<string, string>();
  for (const action of model.actions) members.set(memberKey({ action: action.name }), prefix + fingerprintText(json({ input: action.input, output: action.output })));
  for (const channel of model.channels) {
    for (const message of channel.messages) members.set(memberKey({ channel: channel.name, type: message.name }), prefix + fingerprintText(json(message.schema)));
  }
  return members;
}

/** Whether these fingerprints are of sorted JSON (a definition's): then the current ones must be too. */
export function isSortedHistory(members: MemberHashes): boolean {
  return [...members.values()].some((hash) => hash.startsWith(SORTED_PREFIX));
}

/** The members of a resolved definition (a previous run's definition.json, parsed), fingerprinted as sorted JSON. */
export function definitionMembers(definition: unknown): Map<string, string> {
  const members = new Map<string, string>();
  const hash = (value: unknown) => SORTED_PREFIX + fingerprintText(sortedJson(value));
  for (const [action, value] of entriesOf(propertyOf(definition, 'actions'))) {
    members.set(memberKey({ action }), hash({ input: schemaOf(propertyOf(value, 'input')), output: schemaOf(propertyOf(value, 'output')) }));
  }
  for (const [channel, value] of entriesOf(propertyOf(definition, 'channels'))) {
    for (const [type, message] of entriesOf(propertyOf(value, 'messages'))) members.set(memberKey({ channel, type }), hash(schemaOf(message)));
  }
  return members;
}

function schemaOf(holder: unknown): unknown {
  const schema = propertyOf(holder, 'schema');
  return isPlainObject(schema) || typeof schema === 'boolean' ? schema : {};
}
