/**
 * The embedded store: one SQLite file through better-sqlite3, whose
 * synchronous API runs each script to its end without yielding to the event
 * loop (so a transaction is never interleaved with other work and holds the
 * write lock only as long as its statements take).
 *
 * Durability: WAL journal with `synchronous = FULL`, so a commit returns
 * only after its WAL frames are fsynced. WAL with NORMAL would already
 * survive a `kill -9` (the frames are in the OS's cache, which outlives the
 * process) but not a power cut or an OS crash; FULL makes "acknowledged"
 * mean "on disk". Other processes may open the same file: `BEGIN
 * IMMEDIATE` takes the write lock at the start of a transaction, and a
 * writer waits up to `BUSY_TIMEOUT_MS` for another's to end.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { StoreError } from './errors.js';
import { runSync, type Database, type Script, type ScriptMode, type Statement } from './script.js';

const BUSY_TIMEOUT_MS = 5000;

/** Opens (or creates, with its folder) the file at `path`. */
export function openSqlite(path: string): Database {
  let db: BetterSqlite3.Database | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new BetterSqlite3(path, { timeout: BUSY_TIMEOUT_MS });
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal' && path !== ':memory:') throw new Error(`write-ahead logging is unavailable (journal mode ${String(mode)})`);
    db.pragma('synchronous = FULL');
    return new SqliteDatabase(db);
  } catch (error) {
    db?.close();
    throw new StoreError(`Cannot open the SQLite database ${path}: ${(error as Error).message}`);
  }
}

class SqliteDatabase implements Database {
  readonly dialect = 'sqlite';
  readonly #db: BetterSqlite3.Database;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();
  readonly #transaction: BetterSqlite3.Transaction<(script: Script<unknown>) => unknown>;

  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
    this.#transaction = db.transaction((script: Script<unknown>) => runSync(script, (statement) => this.#answer(statement)));
  }

  async run<T>(script: () => Script<T>, mode: ScriptMode): Promise<T> {
    if (mode === 'transaction') return this.#transaction.immediate(script()) as T;
    return runSync(script(), (statement) => this.#answer(statement));
  }

  async close(): Promise<void> {
    this.#db.close();
  }

  #answer(statement: Statement): unknown {
    const prepared = this.#prepare(statement.sql);
    switch (statement.kind) {
      case 'all':
        return prepared.all(...statement.params);
      case 'get':
        return prepared.get(...statement.params);
      case 'run':
        return prepared.run(...statement.params).changes;
    }
  }

  #prepare(sql: string): BetterSqlite3.Statement {
    let prepared = this.#statements.get(sql);
    if (prepared === undefined) {
      prepared = this.#db.prepare(sql);
      this.#statements.set(sql, prepared);
    }
    return prepared;
  }
}
