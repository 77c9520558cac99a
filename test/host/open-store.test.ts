/**
 * `openStore(location)`: which database a location means, and the errors
 * for one it cannot open (a StoreError naming it, never a password).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeLocation, isPostgresUrl, openStore, StoreError } from '../../packages/host/src/index.js';

const folder = mkdtempSync(join(tmpdir(), 'intc-open-store-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('openStore', () => {
  it('postgres:// and postgresql:// URLs are Postgres; anything else is a SQLite file, created with its folder', async () => {
    expect(['postgres://h/db', 'postgresql://u@h:5432/db', 'POSTGRES://h/db'].map(isPostgresUrl)).toEqual([true, true, true]);
    expect(['state.db', '.intc/state.db', '/abs/postgres.db', 'postgres.db', 'file.db?x=postgres://'].map(isPostgresUrl)).toEqual([false, false, false, false, false]);
    const store = await openStore(join(folder, 'a', 'b', 'state.db'));
    expect(store.dialect).toBe('sqlite');
    expect(store.location).toBe(join(folder, 'a', 'b', 'state.db'));
    await store.close();
  });

  it('a URL of another kind, an empty location or a file that cannot be opened is a StoreError naming it', async () => {
    await expect(openStore('mysql://root:pw@localhost/db')).rejects.toThrow(
      new StoreError('Unsupported database mysql://root:***@localhost/db: give a postgres:// (or postgresql://) URL, or the path of a SQLite file.'),
    );
    await expect(openStore('')).rejects.toThrow(StoreError);
    const file = join(folder, 'a-file');
    writeFileSync(file, 'not a folder');
    await expect(openStore(join(file, 'state.db'))).rejects.toThrow(`Cannot open the SQLite database ${join(file, 'state.db')}:`);
    writeFileSync(join(folder, 'garbage.db'), 'this is not a SQLite database, just text that is long enough to have a header........');
    await expect(openStore(join(folder, 'garbage.db'))).rejects.toThrow(new StoreError(`Cannot open the SQLite database ${join(folder, 'garbage.db')}: file is not a database`));
  });

  it('a Postgres server that does not answer is a StoreError without the password', async () => {
    const refused = openStore('postgres://intc:s3cret-pass@127.0.0.1:1/db');
    await expect(refused).rejects.toThrow(StoreError);
    const message = await openStore('postgres://intc:s3cret-pass@127.0.0.1:1/db').catch((error: Error) => error.message);
    expect(message).toMatch(/^Cannot connect to the Postgres database postgres:\/\/intc:\*\*\*@127\.0\.0\.1:1\/db: /);
    expect(message).not.toContain('s3cret');
  });

  it('describeLocation hides a URL password, and leaves paths alone', () => {
    expect(describeLocation('postgres://u:p%40ss@h:5432/db?sslmode=require')).toBe('postgres://u:***@h:5432/db?sslmode=require');
    expect(describeLocation('postgres://u@h/db')).toBe('postgres://u@h/db');
    expect(describeLocation('/tmp/x:y@z.db')).toBe('/tmp/x:y@z.db');
  });

  it('a namespace needs a name', async () => {
    const store = await openStore(join(folder, 'ns', 'state.db'));
    await expect(store.client('')).rejects.toThrow(StoreError);
    await store.close();
  });
});
