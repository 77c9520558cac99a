/**
 * The members that have handler files (actions, channel message types), each
 * with a fingerprint of its schemas: what a run remembers (in the run record)
 * so that the next one can tell a rename (a member gone, one with the same
 * schemas new) from a removal and an addition. Keys: `actions/<action>`,
 * `channels/<channel>/<type>`. Without a record, the previous run's
 * definition.json gives the same.
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

/** The current manifest's members with the fingerprints of their schemas. */
export function currentMembers(model: IntegrationModel): Map<string, string> {
  const members = new Map<string, string>();
  for (const action of model.actions) members.set(memberKey({ action: action.name }), actionHash(action.input, action.output));
  for (const channel of model.channels) {
    for (const message of channel.messages) members.set(memberKey({ channel: channel.name, type: message.name }), schemaHash(message.schema));
  }
  return members;
}

/** The members of a resolved definition (a previous run's definition.json, parsed). */
export function definitionMembers(definition: unknown): Map<string, string> {
  const members = new Map<string, string>();
  for (const [action, value] of entriesOf(propertyOf(definition, 'actions'))) {
    members.set(memberKey({ action }), actionHash(schemaOf(propertyOf(value, 'input')), schemaOf(propertyOf(value, 'output'))));
  }
  for (const [channel, value] of entriesOf(propertyOf(definition, 'channels'))) {
    for (const [type, message] of entriesOf(propertyOf(value, 'messages'))) members.set(memberKey({ channel, type }), schemaHash(schemaOf(message)));
  }
  return members;
}

function schemaOf(holder: unknown): unknown {
  const schema = propertyOf(holder, 'schema');
  return isPlainObject(schema) || typeof schema === 'boolean' ? schema : {};
}

function actionHash(input: unknown, output: unknown): string {
  return fingerprintText(sortedJson({ input, output }));
}

function schemaHash(schema: unknown): string {
  return fingerprintText(sortedJson(schema));
}
