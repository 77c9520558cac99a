/**
 * `openStore(location)`: a `postgres://` or `postgresql://` URL opens
 * Postgres, anything else is the path of a SQLite file (created with its
 * folder; the host's default is `.intc/state.db` beside the manifest). The
 * schema is migrated before the store is handed over. Each driver is loaded
 * only when used, so a SQLite user never loads `pg` and a Postgres user
 * never loads the native SQLite module.
 */
import { StoreError } from './errors.js';
import { migrate } from './migrations.js';
import type { Database } from './script.js';
import { Store } from './store.js';

export async function openStore(location: string): Promise<Store> {
  const where = describeLocation(location);
  const database = await openDatabase(location, where);
  try {
    await database.run(() => migrate(database.dialect, where), 'transaction');
  } catch (error) {
    await database.close();
    throw error;
  }
  return new Store(database, where);
}

async function openDatabase(location: string, where: string): Promise<Database> {
  if (isPostgresUrl(location)) {
    const { openPostgres } = await import('./postgres-database.js');
    return openPostgres(location, where);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new StoreError(`Unsupported database ${where}: give a postgres:// (or postgresql://) URL, or the path of a SQLite file.`);
  }
  if (location === '') throw new StoreError('The database location is empty: give the path of a SQLite file or a postgres:// URL.');
  const { openSqlite } = await import('./sqlite-database.js');
  return openSqlite(location);
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The location as messages show it: a URL's password replaced by `***`. */
export function describeLocation(location: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return location;
  try {
    const url = new URL(location);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return location.replace(/\/\/[^@/]*@/, '//***@');
  }
}
