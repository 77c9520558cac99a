/**
 * A store operation is written once, as a generator that yields the SQL
 * statements it runs and gets each one's result back (`yield* get(…)`), so
 * the same code runs synchronously on SQLite (better-sqlite3 answers at
 * once: a transaction never spans an `await`, so nothing else interleaves
 * with it and it holds the write lock for microseconds) and asynchronously
 * on Postgres (each statement awaited on the pool or the transaction's
 * connection).
 */

export type SqlValue = string | number | null;


/** One statement and how its result is wanted: every row, the first row, or the number of rows changed. */
export interface Statement {
  readonly kind: 'all' | 'get' | 'run';
  /** `?` placeholders (the Postgres driver numbers them). */
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

export type Script<T> = Generator<Statement, T, unknown>;

/**
 * How a script runs: `single` statements each on their own (every one
 * atomic; what they do together must be safe without a transaction), or
 * as one `transaction` that takes the write lock first (SQLite `BEGIN
 * IMMEDIATE`; Postgres `BEGIN`, rows locked by the script), committed
 * when the script returns and rolled back when it throws.
 */
export type ScriptMode = 'single' | 'transaction';

/** Where scripts run: one database, through one of the drivers. */
export interface Database {
  readonly dialect: Dialect;
  run<T>(script: () => Script<T>, mode: ScriptMode): Promise<T>;
  close(): Promise<void>;
}

export type Dialect = 'sqlite' | 'postgres';

export function* all<R extends object>(sql: string, params: readonly SqlValue[] = []): Script<R[]> {
  return (yield { kind: 'all', sql, params }) as R[];
}

export function* get<R extends object>(sql: string, params: readonly SqlValue[] = []): Script<R | undefined> {
  return (yield { kind: 'get', sql, params }) as R | undefined;
}

/** The number of rows the statement changed. */
export function* run(sql: string, params: readonly SqlValue[] = []): Script<number> {
  return (yield { kind: 'run', sql, params }) as number;
}

/** Runs a script whose statements are answered synchronously (SQLite). */
export function runSync<T>(script: Script<T>, answer: (statement: Statement) => unknown): T {
  let step = script.next();
  while (!step.done) step = script.next(answer(step.value));
  return step.value;
}

/** Runs a script whose statements are answered asynchronously (Postgres). */
export async function runAsync<T>(script: Script<T>, answer: (statement: Statement) => Promise<unknown>): Promise<T> {
  let step = script.next();
  while (!step.done) step = script.next(await answer(step.value));
  return step.value;
}
