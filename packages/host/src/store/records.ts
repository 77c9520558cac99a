/**
 * Rows ↔ the client contract's records. Ids look like the in-memory
 * client's (`conversation-12`): the kind, then the row's id, which the
 * database assigns and never reuses (unique across namespaces, so an id
 * never names another installation's record).
 */
import type { ConversationRecord, EventRecord, MessageRecord, StateRecord, TagValues, UserRecord } from '@intc/runtime';
import type { SqlValue } from './script.js';

export type RecordKind = 'conversation' | 'user' | 'message' | 'event';

const ROW_ID = /^([1-9][0-9]{0,14})$/;

export function formatId(kind: RecordKind, rowId: unknown): string {
  return `${kind}-${String(rowId)}`;
}

/** The row id an id names, or undefined when it is not an id of that kind (so nothing has it). */
export function parseId(kind: RecordKind, id: string): number | undefined {
  if (!id.startsWith(`${kind}-`)) return undefined;
  const digits = ROW_ID.exec(id.slice(kind.length + 1));
  return digits === null ? undefined : Number(digits[1]);
}

/** Payloads are stored as JSON text; `undefined` (which JSON cannot write) as NULL. */
export function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

export function fromJson(text: unknown): unknown {
  return text === null || text === undefined ? undefined : JSON.parse(String(text));
}

/**
 * The exact tag set as a key (sorted `[name, value]` pairs as JSON), unique
 * per namespace (and channel): NULL for no tags, which never matches.
 */
export function tagKey(tags: TagValues): string | null {
  const entries = Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? null : JSON.stringify(entries);
}

export interface ConversationRow {
  readonly id: SqlValue;
  readonly channel: string;
  readonly tags: string;
}

export interface UserRow {
  readonly id: SqlValue;
  readonly name: string | null;
  readonly tags: string;
}

export interface MessageRow {
  readonly id: SqlValue;
  readonly conversation_id: SqlValue;
  readonly user_id: SqlValue;
  readonly type: string;
  readonly payload: string | null;
  readonly tags: string;
}

export function conversationOf(row: ConversationRow): ConversationRecord {
  return { id: formatId('conversation', row.id), channel: row.channel, tags: JSON.parse(row.tags) as TagValues };
}

export function userOf(row: UserRow): UserRecord {
  const user = { id: formatId('user', row.id), tags: JSON.parse(row.tags) as TagValues };
  return row.name === null ? user : { ...user, name: row.name };
}

export function messageOf(row: MessageRow): MessageRecord {
  return {
    id: formatId('message', row.id),
    conversationId: formatId('conversation', row.conversation_id),
    userId: formatId('user', row.user_id),
    type: row.type,
    payload: fromJson(row.payload),
    tags: JSON.parse(row.tags) as TagValues,
  };
}

export function stateOf(key: Omit<StateRecord, 'payload'>, payload: string | null): StateRecord {
  return { type: key.type, id: key.id, name: key.name, payload: fromJson(payload) };
}

export interface EventRow {
  readonly id: SqlValue;
  readonly type: string;
  readonly payload: string | null;
  readonly conversation_id: string | null;
  readonly user_id: string | null;
  readonly message_id: string | null;
}

export function eventOf(row: EventRow): EventRecord {
  const targets = { conversationId: row.conversation_id, userId: row.user_id, messageId: row.message_id };
  const defined = Object.fromEntries(Object.entries(targets).filter(([, value]) => value !== null)) as { [K in keyof typeof targets]?: string };
  return { ...defined, id: formatId('event', row.id), type: row.type, payload: fromJson(row.payload) };
}
