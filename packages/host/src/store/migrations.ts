/**
 * The store's schema, as numbered migrations. `migrate` runs at open, in one
 * transaction that takes the write lock first (so two processes opening one
 * database at once apply each migration once): it creates the migrations
 * table, applies the versions the database lacks in order and records
 * them, and refuses a database that a newer intc has migrated further (or
 * whose history names a migration differently). Never edit a migration that
 * has shipped: add the next one.
 *
 * Every table starts with `intc_` so the store can share a Postgres database
 * with other tables. Records of every installation share the tables, each
 * row keyed by its namespace (one per integration or bot alias).
 */
import { StoreError } from './errors.js';
import { all, get, run, type Dialect, type Script } from './script.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: (types: ColumnTypes) => readonly string[];
}

/** What differs between the dialects' DDL. */
export interface ColumnTypes {
  /** An id column: a 64-bit integer the database assigns, never reused. */
  readonly id: string;
  /** A column holding such an id. */
  readonly idRef: string;
}

const COLUMN_TYPES: { readonly [D in Dialect]: ColumnTypes } = {
  sqlite: { id: 'INTEGER PRIMARY KEY AUTOINCREMENT', idRef: 'INTEGER' },
  postgres: { id: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', idRef: 'BIGINT' },
};

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'conversations, users, messages, events and states',
    statements: ({ id, idRef }) => [
      `CREATE TABLE intc_namespaces (id ${id}, name TEXT NOT NULL UNIQUE)`,
      // tag_key: the exact tags a conversation was created with (canonical JSON), NULL for none: two
      // get-or-create calls with the same tags racing in two processes create one conversation.
      `CREATE TABLE intc_conversations (
        id ${id},
        namespace_id ${idRef} NOT NULL REFERENCES intc_namespaces (id),
        channel TEXT NOT NULL,
        tags TEXT NOT NULL,
        tag_key TEXT,
        UNIQUE (namespace_id, channel, tag_key)
      )`,
      `CREATE TABLE intc_conversation_tags (
        conversation_id ${idRef} NOT NULL REFERENCES intc_conversations (id),
        namespace_id ${idRef} NOT NULL,
        name TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (conversation_id, name)
      )`,
      'CREATE INDEX intc_conversation_tags_by_value ON intc_conversation_tags (namespace_id, name, value, conversation_id)',
      `CREATE TABLE intc_users (
        id ${id},
        namespace_id ${idRef} NOT NULL REFERENCES intc_namespaces (id),
        name TEXT,
        tags TEXT NOT NULL,
        tag_key TEXT,
        UNIQUE (namespace_id, tag_key)
      )`,
      `CREATE TABLE intc_user_tags (
        user_id ${idRef} NOT NULL REFERENCES intc_users (id),
        namespace_id ${idRef} NOT NULL,
        name TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (user_id, name)
      )`,
      'CREATE INDEX intc_user_tags_by_value ON intc_user_tags (namespace_id, name, value, user_id)',
      `CREATE TABLE intc_messages (
        id ${id},
        namespace_id ${idRef} NOT NULL REFERENCES intc_namespaces (id),
        conversation_id ${idRef} NOT NULL REFERENCES intc_conversations (id),
        user_id ${idRef} NOT NULL REFERENCES intc_users (id),
        type TEXT NOT NULL,
        payload TEXT,
        tags TEXT NOT NULL
      )`,
      'CREATE INDEX intc_messages_by_conversation ON intc_messages (namespace_id, conversation_id, id)',
      'CREATE INDEX intc_messages_by_namespace ON intc_messages (namespace_id, id)',
      // Targets are kept as given: the contract does not require them to exist.
      `CREATE TABLE intc_events (
        id ${id},
        namespace_id ${idRef} NOT NULL REFERENCES intc_namespaces (id),
        type TEXT NOT NULL,
        payload TEXT,
        conversation_id TEXT,
        user_id TEXT,
        message_id TEXT
      )`,
      'CREATE INDEX intc_events_by_namespace ON intc_events (namespace_id, id)',
      // payload NULL: a state set to `undefined` (JSON has no such value).
      `CREATE TABLE intc_states (
        namespace_id ${idRef} NOT NULL REFERENCES intc_namespaces (id),
        scope TEXT NOT NULL CHECK (scope IN ('integration', 'conversation', 'user')),
        owner_id TEXT NOT NULL,
        name TEXT NOT NULL,
        payload TEXT,
        PRIMARY KEY (namespace_id, scope, owner_id, name)
      )`,
    ],
  },
];

/** The Postgres advisory lock key migrations hold (an arbitrary number, "intc" in ASCII). */
const MIGRATION_LOCK = 0x696e7463;

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS intc_schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/** Run as a transaction: brings the database to the latest version this code knows. */
export function* migrate(dialect: Dialect, where: string, migrations: readonly Migration[] = MIGRATIONS): Script<number> {
  // Postgres: two instances starting at once would race on CREATE TABLE IF NOT EXISTS; SQLite's
  // BEGIN IMMEDIATE already serializes them.
  if (dialect === 'postgres') yield* get(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
  yield* run(CREATE_MIGRATIONS_TABLE);
  const applied = yield* all<{ version: number | string; name: string }>('SELECT version, name FROM intc_schema_migrations ORDER BY version');
  checkHistory(
    applied.map((row) => ({ version: Number(row.version), name: row.name })),
    migrations,
    where,
  );
  const done = new Set(applied.map((row) => Number(row.version)));
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    for (const statement of migration.statements(COLUMN_TYPES[dialect])) yield* run(statement);
    yield* run('INSERT INTO intc_schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
      migration.version,
      migration.name,
      new Date().toISOString(),
    ]);
  }
  return latestVersion(migrations);
}

export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return Math.max(0, ...migrations.map((m) => m.version));
}

function checkHistory(applied: readonly { version: number; name: string }[], migrations: readonly Migration[], where: string): void {
  const latest = latestVersion(migrations);
  const newest = Math.max(0, ...applied.map((a) => a.version));
  if (newest > latest) {
    throw new StoreError(
      `The database ${where} has schema version ${newest}, written by a newer intc; this one knows versions up to ${latest}. ` +
        'Upgrade intc, or choose another database with --database.',
    );
  }
  const known = new Map(migrations.map((m) => [m.version, m.name]));
  for (const { version, name } of applied) {
    if (known.get(version) !== name) {
      throw new StoreError(
        `The database ${where} records migration ${version} as ${JSON.stringify(name)}, which this intc does not know as such ` +
          `(${JSON.stringify(known.get(version) ?? 'none')}). It was not made by this line of intc releases; choose another database with --database.`,
      );
    }
  }
}
