/**
 * The store's operations as scripts (see script.ts), one per contract
 * method, in SQL both dialects accept (`?` placeholders, `ON CONFLICT`,
 * `RETURNING`). Every row belongs to a namespace; a lookup by id also
 * checks the namespace, so one installation never sees another's records.
 *
 * Get-or-create by tags is the in-memory client's: the first record (by
 * creation) that has every tag asked for, else a new one; no tags match
 * nothing. It runs as one transaction. The exact tag set is also unique per
 * namespace (and channel), so two processes creating the same one at once
 * (Postgres) create one record: the second insert waits for the first to
 * commit, does nothing, and reads the record the first made.
 */
import {
  checkMessageChannel,
  definedTags,
  eventTargets,
  recordNotFound,
  stateNotFound,
  storedEventPayload,
  storedMessagePayload,
  storedStatePayload,
  updatedStatePayload,
  type ClientContract,
  type ClientDefinition,
  type ConversationRecord,
  type EventRecord,
  type EventTargets,
  type MessageRecord,
  type StateKey,
  type StateRecord,
  type StateUpdate,
  type TagValues,
  type UserRecord,
} from '@intc/runtime';
import { StoreError } from './errors.js';
import {
  conversationOf,
  formatId,
  messageOf,
  parseId,
  stateOf,
  tagKey,
  toJson,
  userOf,
  eventOf,
  type ConversationRow,
  type EventRow,
  type MessageRow,
  type RecordKind,
  type UserRow,
} from './records.js';
import { all, get, run, type Dialect, type Script, type SqlValue } from './script.js';

/** The namespace's id, created on first use. */
export function* namespaceId(name: string): Script<SqlValue> {
  yield* run('INSERT INTO intc_namespaces (name) VALUES (?) ON CONFLICT (name) DO NOTHING', [name]);
  const row = yield* get<{ id: SqlValue }>('SELECT id FROM intc_namespaces WHERE name = ?', [name]);
  if (row === undefined) throw new StoreError(`The namespace ${JSON.stringify(name)} was not created.`);
  return row.id;
}

// ---- conversations and users ---------------------------------------------

/** A table of records found and created by tags, and the table holding their tags. */
interface TaggedTable {
  readonly kind: 'conversation' | 'user';
  readonly table: string;
  readonly tagTable: string;
  /** The tag table's column naming the record. */
  readonly owner: string;
  readonly columns: readonly string[];
  /** Columns that, with the namespace and the tag key, identify a record (a conversation's channel). */
  readonly scope: readonly string[];
}

const CONVERSATIONS: TaggedTable = {
  kind: 'conversation',
  table: 'intc_conversations',
  tagTable: 'intc_conversation_tags',
  owner: 'conversation_id',
  columns: ['id', 'channel', 'tags'],
  scope: ['channel'],
};

const USERS: TaggedTable = {
  kind: 'user',
  table: 'intc_users',
  tagTable: 'intc_user_tags',
  owner: 'user_id',
  columns: ['id', 'name', 'tags'],
  scope: [],
};

/** Run as a transaction. */
export function* getOrCreateConversation(namespace: SqlValue, channel: string, tags: TagValues): Script<ConversationRecord> {
  return conversationOf(yield* getOrCreateTagged<ConversationRow>(CONVERSATIONS, namespace, [channel], definedTags(tags), {}));
}

/** Run as a transaction. */
export function* getOrCreateUser(namespace: SqlValue, tags: TagValues, name: string | undefined): Script<UserRecord> {
  return userOf(yield* getOrCreateTagged<UserRow>(USERS, namespace, [], definedTags(tags), { name: name ?? null }));
}

export function* conversationById(namespace: SqlValue, id: string): Script<ConversationRecord> {
  return conversationOf(yield* taggedById<ConversationRow>(CONVERSATIONS, namespace, id));
}

export function* userById(namespace: SqlValue, id: string): Script<UserRecord> {
  return userOf(yield* taggedById<UserRow>(USERS, namespace, id));
}

function* getOrCreateTagged<R extends object>(
  table: TaggedTable,
  namespace: SqlValue,
  scope: readonly SqlValue[],
  tags: Record<string, string>,
  extra: { readonly [column: string]: SqlValue },
): Script<R> {
  const found = yield* findByTags<R>(table, namespace, scope, tags);
  if (found !== undefined) return found;
  const key = tagKey(tags);
  const columns = ['namespace_id', ...table.scope, 'tags', 'tag_key', ...Object.keys(extra)];
  const inserted = yield* get<R & { id: SqlValue }>(
    `INSERT INTO ${table.table} (${columns.join(', ')}) VALUES (${marks(columns.length)})` +
      ` ON CONFLICT (${['namespace_id', ...table.scope, 'tag_key'].join(', ')}) DO NOTHING RETURNING ${table.columns.join(', ')}`,
    [namespace, ...scope, JSON.stringify(tags), key, ...Object.values(extra)],
  );
  if (inserted === undefined) {
    // The same tags, created by another process since the lookup above (Postgres; SQLite's
    // transaction holds the write lock).
    const where = ['namespace_id', ...table.scope, 'tag_key'].map((column) => `${column} = ?`).join(' AND ');
    const winner = yield* get<R>(`SELECT ${table.columns.join(', ')} FROM ${table.table} WHERE ${where}`, [namespace, ...scope, key]);
    if (winner === undefined) throw new StoreError(`A ${table.kind} with these tags was neither found nor created.`);
    return winner;
  }
  const names = Object.keys(tags);
  if (names.length > 0) {
    yield* run(
      `INSERT INTO ${table.tagTable} (${table.owner}, namespace_id, name, value) VALUES ${names.map(() => '(?, ?, ?, ?)').join(', ')}`,
      names.flatMap((name) => [inserted.id, namespace, name, tags[name]!]),
    );
  }
  return inserted;
}

/** The first record (by id) having every tag; none when no tag is asked for. */
function* findByTags<R extends object>(
  table: TaggedTable,
  namespace: SqlValue,
  scope: readonly SqlValue[],
  tags: Record<string, string>,
): Script<R | undefined> {
  const entries = Object.entries(tags);
  if (entries.length === 0) return undefined;
  const joins = entries.map((_, i) => `JOIN ${table.tagTable} t${i} ON t${i}.${table.owner} = r.id`);
  const conditions = [
    'r.namespace_id = ?',
    ...table.scope.map((column) => `r.${column} = ?`),
    ...entries.map((_, i) => `t${i}.namespace_id = ? AND t${i}.name = ? AND t${i}.value = ?`),
  ];
  const sql =
    `SELECT ${table.columns.map((column) => `r.${column}`).join(', ')} FROM ${table.table} r ${joins.join(' ')}` +
    ` WHERE ${conditions.join(' AND ')} ORDER BY r.id LIMIT 1`;
  return yield* get<R>(sql, [namespace, ...scope, ...entries.flatMap(([name, value]) => [namespace, name, value])]);
}

function* taggedById<R extends object>(table: TaggedTable, namespace: SqlValue, id: string): Script<R> {
  const row = yield* byId<R>(table.kind, `SELECT ${table.columns.join(', ')} FROM ${table.table}`, namespace, id);
  if (row === undefined) throw recordNotFound(table.kind, id);
  return row;
}

/** The row of that kind with that id in the namespace (none for an id that is not of that kind). */
function* byId<R extends object>(kind: RecordKind, select: string, namespace: SqlValue, id: string): Script<R | undefined> {
  const rowId = parseId(kind, id);
  if (rowId === undefined) return undefined;
  return yield* get<R>(`${select} WHERE id = ? AND namespace_id = ?`, [rowId, namespace]);
}

// ---- messages ---------------------------------------------------------------

export type MessageInput = Parameters<ClientContract['createMessage']>[0];

const MESSAGE_COLUMNS = 'SELECT id, conversation_id, user_id, type, payload, tags FROM intc_messages';

/** Checks as the in-memory client does, in its order: conversation, channel, user, then type and payload. */
export function* createMessage(namespace: SqlValue, input: MessageInput, definition: ClientDefinition | undefined): Script<MessageRecord> {
  const conversation = yield* conversationById(namespace, input.conversationId);
  checkMessageChannel(conversation, input.channel);
  const user = yield* userById(namespace, input.userId);
  const payload = storedMessagePayload(definition, conversation.channel, input.type, input.payload);
  const tags = definedTags(input.tags ?? {});
  const row = yield* get<{ id: SqlValue }>(
    'INSERT INTO intc_messages (namespace_id, conversation_id, user_id, type, payload, tags) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
    [namespace, parseId('conversation', conversation.id)!, parseId('user', user.id)!, input.type, toJson(payload), JSON.stringify(tags)],
  );
  return { id: formatId('message', row!.id), conversationId: conversation.id, userId: user.id, type: input.type, payload, tags };
}

export function* messageById(namespace: SqlValue, id: string): Script<MessageRecord> {
  const row = yield* byId<MessageRow>('message', MESSAGE_COLUMNS, namespace, id);
  if (row === undefined) throw recordNotFound('message', id);
  return messageOf(row);
}

/** In the order created; an id that names no conversation of the namespace has no messages. */
export function* listMessages(namespace: SqlValue, conversationId: string | undefined): Script<MessageRecord[]> {
  if (conversationId === undefined) {
    return (yield* all<MessageRow>(`${MESSAGE_COLUMNS} WHERE namespace_id = ? ORDER BY id`, [namespace])).map(messageOf);
  }
  const rowId = parseId('conversation', conversationId);
  if (rowId === undefined) return [];
  const rows = yield* all<MessageRow>(`${MESSAGE_COLUMNS} WHERE namespace_id = ? AND conversation_id = ? ORDER BY id`, [namespace, rowId]);
  return rows.map(messageOf);
}

// ---- events -----------------------------------------------------------------

export function* createEvent(
  namespace: SqlValue,
  input: EventTargets & { readonly type: string; readonly payload: unknown },
  definition: ClientDefinition | undefined,
): Script<EventRecord> {
  const payload = storedEventPayload(definition, input.type, input.payload);
  const targets = eventTargets(input);
  const row = yield* get<{ id: SqlValue }>(
    'INSERT INTO intc_events (namespace_id, type, payload, conversation_id, user_id, message_id) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
    [namespace, input.type, toJson(payload), targets.conversationId ?? null, targets.userId ?? null, targets.messageId ?? null],
  );
  return { ...targets, id: formatId('event', row!.id), type: input.type, payload };
}

// ---- states -----------------------------------------------------------------

const STATE_KEY = 'namespace_id = ? AND scope = ? AND owner_id = ? AND name = ?';

function stateParams(namespace: SqlValue, key: StateKey): SqlValue[] {
  return [namespace, key.type, key.id, key.name];
}

function* storedState(namespace: SqlValue, key: StateKey): Script<{ payload: string | null } | undefined> {
  return yield* get<{ payload: string | null }>(`SELECT payload FROM intc_states WHERE ${STATE_KEY}`, stateParams(namespace, key));
}

export function* getState(namespace: SqlValue, key: StateKey): Script<StateRecord> {
  const row = yield* storedState(namespace, key);
  if (row === undefined) throw stateNotFound(key);
  return stateOf(key, row.payload);
}

export function* setState(namespace: SqlValue, key: StateKey, payload: unknown): Script<StateRecord> {
  const json = toJson(payload);
  yield* run(
    'INSERT INTO intc_states (namespace_id, scope, owner_id, name, payload) VALUES (?, ?, ?, ?, ?)' +
      ' ON CONFLICT (namespace_id, scope, owner_id, name) DO UPDATE SET payload = excluded.payload',
    [...stateParams(namespace, key), json],
  );
  return stateOf(key, json);
}

/**
 * The stored state; else the payload (checked only then, as in memory) stored unless another writer got there first.
 * `created`: this call stored it.
 */
export function* getOrSetState(
  namespace: SqlValue,
  key: StateKey & { readonly payload: unknown },
  definition: ClientDefinition | undefined,
): Script<{ state: StateRecord; created: boolean }> {
  const existing = yield* storedState(namespace, key);
  if (existing !== undefined) return { state: stateOf(key, existing.payload), created: false };
  const json = toJson(storedStatePayload(definition, key.name, key.payload));
  const changed = yield* run(
    'INSERT INTO intc_states (namespace_id, scope, owner_id, name, payload) VALUES (?, ?, ?, ?, ?) ON CONFLICT (namespace_id, scope, owner_id, name) DO NOTHING',
    [...stateParams(namespace, key), json],
  );
  return { state: yield* getState(namespace, key), created: changed > 0 };
}

/**
 * Run as a transaction: reads the state with its row locked (a row is
 * inserted first when there is none, so a concurrent first update waits for
 * this one instead of overwriting it; it never commits as it is), computes
 * the next payload and writes it. Concurrent updates of one state apply one
 * after the other, so none is lost.
 */
export function* updateState(
  dialect: Dialect,
  namespace: SqlValue,
  key: StateKey,
  update: StateUpdate,
  definition: ClientDefinition | undefined,
): Script<StateRecord> {
  const params = stateParams(namespace, key);
  const created = yield* get(
    'INSERT INTO intc_states (namespace_id, scope, owner_id, name, payload) VALUES (?, ?, ?, ?, NULL) ON CONFLICT (namespace_id, scope, owner_id, name) DO NOTHING RETURNING name',
    params,
  );
  const locked = created === undefined ? yield* get<{ payload: string | null }>(`SELECT payload FROM intc_states WHERE ${STATE_KEY}${dialect === 'postgres' ? ' FOR UPDATE' : ''}`, params) : undefined;
  const current = locked === undefined ? undefined : stateOf(key, locked.payload).payload;
  const json = toJson(updatedStatePayload(definition, key.name, update, current));
  yield* run(`UPDATE intc_states SET payload = ? WHERE ${STATE_KEY}`, [json, ...params]);
  return stateOf(key, json);
}

function marks(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

// ---- inspection (the dev console; not part of the client contract) ----------

/** The latest `limit` records of the namespace, oldest first. */
function* latest<R extends object>(select: string, namespace: SqlValue, limit: number, order = 'id'): Script<R[]> {
  const rows = yield* all<R>(`${select} WHERE namespace_id = ? ORDER BY ${order} DESC LIMIT ?`, [namespace, limit]);
  return rows.reverse();
}

export function* listConversations(namespace: SqlValue, limit: number): Script<ConversationRecord[]> {
  return (yield* latest<ConversationRow>(`SELECT ${CONVERSATIONS.columns.join(', ')} FROM ${CONVERSATIONS.table}`, namespace, limit)).map(conversationOf);
}

export function* listUsers(namespace: SqlValue, limit: number): Script<UserRecord[]> {
  return (yield* latest<UserRow>(`SELECT ${USERS.columns.join(', ')} FROM ${USERS.table}`, namespace, limit)).map(userOf);
}

export function* listRecentMessages(namespace: SqlValue, limit: number): Script<MessageRecord[]> {
  return (yield* latest<MessageRow>(MESSAGE_COLUMNS, namespace, limit)).map(messageOf);
}

export function* listEvents(namespace: SqlValue, limit: number): Script<EventRecord[]> {
  const rows = yield* latest<EventRow>('SELECT id, type, payload, conversation_id, user_id, message_id FROM intc_events', namespace, limit);
  return rows.map(eventOf);
}

/** Every state of the namespace (a few per integration, conversation or user), by scope, owner and name. */
export function* listStates(namespace: SqlValue, limit: number): Script<StateRecord[]> {
  const rows = yield* all<{ scope: StateKey['type']; owner_id: string; name: string; payload: string | null }>(
    'SELECT scope, owner_id, name, payload FROM intc_states WHERE namespace_id = ? AND payload IS NOT NULL ORDER BY scope, owner_id, name LIMIT ?',
    [namespace, limit],
  );
  return rows.map((row) => stateOf({ type: row.scope, id: row.owner_id, name: row.name }, row.payload));
}
