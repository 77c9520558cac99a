/**
 * The shared store: Postgres through node-postgres (`pg`), for several
 * host instances behind a load balancer. A pool of connections; a script
 * run as a transaction gets one connection for `BEGIN … COMMIT` (READ
 * COMMITTED; the scripts lock what they read-modify-write and rely on
 * unique constraints for get-or-create), other scripts send each statement
 * to the pool.
 */
import pg from 'pg';
import { StoreError } from './errors.js';
import { runAsync, type Database, type Script, type ScriptMode, type Statement } from './script.js';

const POOL_SIZE = 10;

/** Opens a pool and checks that the server answers; `where` names the database without its password. */
export async function openPostgres(url: string, where: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  // A connection the server drops while idle: the pool discards it and opens another when needed.
  pool.on('error', () => {});
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new StoreError(`Cannot connect to the Postgres database ${where}: ${(error as Error).message}`);
  }
  return new PostgresDatabase(pool);
}

class PostgresDatabase implements Database {
  readonly dialect = 'postgres';
  readonly #pool: pg.Pool;
  readonly #numbered = new Map<string, string>();

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async run<T>(script: () => Script<T>, mode: ScriptMode): Promise<T> {
    if (mode === 'single') return runAsync(script(), (statement) => this.#answer(this.#pool, statement));
    const connection = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      await connection.query('BEGIN');
      const result = await runAsync(script(), (statement) => this.#answer(connection, statement));
      await connection.query('COMMIT');
      return result;
    } catch (error) {
      await connection.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      // A connection that could not roll back is closed rather than reused.
      connection.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  async #answer(queryable: pg.Pool | pg.PoolClient, statement: Statement): Promise<unknown> {
    const result = await queryable.query(this.#number(statement.sql), statement.params as unknown[]);
    switch (statement.kind) {
      case 'all':
        return result.rows;
      case 'get':
        return result.rows[0];
      case 'run':
        return result.rowCount ?? 0;
    }
  }

  /** `?` placeholders as Postgres writes them (`$1`, `$2`…); the store's SQL has no `?` elsewhere. */
  #number(sql: string): string {
    let numbered = this.#numbered.get(sql);
    if (numbered === undefined) {
      let n = 0;
      numbered = sql.replace(/\?/g, () => `$${++n}`);
      this.#numbered.set(sql, numbered);
    }
    return numbered;
  }
}
