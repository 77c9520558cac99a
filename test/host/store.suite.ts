/**
 * What a database-backed store adds to the client contract, run against
 * SQLite and Postgres: records outlive the store that wrote them, versioned
 * migrations (applied once, even by two stores opening a new database at
 * once; a database from a newer intc refused), and no lost write when two
 * processes increment one conversation's state concurrently (two store
 * instances in one process: the contract suite).
 */
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isPostgresUrl, latestSchemaVersion, openStore, StoreError, type Store } from '../../packages/host/src/index.js';
import { startWorker } from './child-process.js';
import { freshNamespace } from './client-contract.suite.js';

export interface StoreSubject {
  /** Where a new, empty database is (a file path or a URL): for the tests of migrations. */
  newLocation(): Promise<string>;
  /** A database the other tests share, each in namespaces of its own. */
  sharedLocation(): Promise<string>;
}

/** Runs one statement on the database directly (to play a newer intc, or to count migrations). */
async function rawQuery(location: string, sql: string): Promise<unknown[]> {
  if (isPostgresUrl(location)) {
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }
  const db = new BetterSqlite3(location);
  try {
    const statement = db.prepare(sql);
    return statement.reader ? statement.all() : (statement.run(), []);
  } finally {
    db.close();
  }
}

async function withStore<T>(location: string, use: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(location);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

export function storeSuite(name: string, subject: () => StoreSubject): void {
  describe(`store: ${name}`, () => {
    it('everything written is there after the store is closed and opened again', async () => {
      const location = await subject().sharedLocation();
      const namespace = freshNamespace();
      const written = await withStore(location, async (store) => {
        const client = await store.client(namespace);
        const { conversation } = await client.getOrCreateConversation({ channel: 'chat', tags: { chatId: '1' } });
        const { user } = await client.getOrCreateUser({ tags: { handle: 'ada' }, name: 'Ada' });
        const { message } = await client.createMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text: 'hi' } });
        const { event } = await client.createEvent({ type: 'pinged', payload: { at: 'now' }, messageId: message.id });
        const { state } = await client.setState({ type: 'user', id: user.id, name: 'profile', payload: { nickname: 'ada' } });
        return { conversation, user, message, event, state };
      });
      await withStore(location, async (store) => {
        const client = await store.client(namespace);
        expect((await client.getOrCreateConversation({ channel: 'chat', tags: { chatId: '1' } })).conversation).toEqual(written.conversation);
        expect((await client.getUser({ id: written.user.id })).user).toEqual(written.user);
        expect((await client.listMessages()).messages).toEqual([written.message]);
        expect((await client.getState(written.state)).state).toEqual(written.state);
        // New records never reuse an id.
        const next = (await client.getOrCreateConversation({ channel: 'chat', tags: { chatId: '2' } })).conversation;
        expect(next.id).not.toBe(written.conversation.id);
        expect((await client.createEvent({ type: 'pinged', payload: {} })).event.id).not.toBe(written.event.id);
      });
    });

    it('lists the latest records of a namespace for inspection, and tells state changes to its observers', async () => {
      const location = await subject().sharedLocation();
      await withStore(location, async (store) => {
        const client = await store.client(freshNamespace());
        const changed: unknown[] = [];
        client.onStateChanged((state) => changed.push(state.payload));
        const conversations = [];
        for (const chatId of ['1', '2', '3']) conversations.push((await client.getOrCreateConversation({ channel: 'chat', tags: { chatId } })).conversation);
        const { user } = await client.getOrCreateUser({ tags: { handle: 'ada' } });
        const { message } = await client.createMessage({ conversationId: conversations[0]!.id, userId: user.id, type: 'text', payload: { text: 'hi' } });
        const { event } = await client.createEvent({ type: 'pinged', payload: { n: 1 }, conversationId: conversations[0]!.id });
        await client.getOrSetState({ type: 'user', id: user.id, name: 'profile', payload: { nickname: 'a' } });
        await client.getOrSetState({ type: 'user', id: user.id, name: 'profile', payload: { nickname: 'ignored' } });
        await client.setState({ type: 'user', id: user.id, name: 'profile', payload: { nickname: 'b' } });
        await client.updateState({ type: 'conversation', id: conversations[0]!.id, name: 'count', update: (n) => ((n as number | undefined) ?? 0) + 1 });

        expect(await client.listConversations(2)).toEqual(conversations.slice(1));
        expect(await client.listUsers()).toEqual([user]);
        expect(await client.listRecentMessages()).toEqual([message]);
        expect(await client.listEvents()).toEqual([event]);
        expect(await client.listStates()).toEqual([
          { type: 'conversation', id: conversations[0]!.id, name: 'count', payload: 1 },
          { type: 'user', id: user.id, name: 'profile', payload: { nickname: 'b' } },
        ]);
        expect(changed).toEqual([{ nickname: 'a' }, { nickname: 'b' }, 1]);
      });
    });

    it('migrations: a new database gets each version once, even when two stores open it at once; opening again applies nothing', async () => {
      const location = await subject().newLocation();
      const stores = await Promise.all([openStore(location), openStore(location)]);
      await Promise.all(stores.map((store) => store.close()));
      await withStore(location, async () => {});
      const rows = (await rawQuery(location, 'SELECT version, name FROM intc_schema_migrations ORDER BY version')) as { version: number }[];
      expect(rows.map((row) => Number(row.version))).toEqual(Array.from({ length: latestSchemaVersion() }, (_, i) => i + 1));
    });

    it('refuses a database that a newer intc migrated, and one whose history it does not know', async () => {
      const newer = await subject().newLocation();
      await withStore(newer, async () => {});
      await rawQuery(newer, "INSERT INTO intc_schema_migrations (version, name, applied_at) VALUES (999, 'from the future', 'then')");
      const refused = openStore(newer);
      await expect(refused).rejects.toThrow(StoreError);
      await expect(openStore(newer)).rejects.toThrow(
        `has schema version 999, written by a newer intc; this one knows versions up to ${latestSchemaVersion()}. Upgrade intc, or choose another database with --database.`,
      );

      const foreign = await subject().newLocation();
      await withStore(foreign, async () => {});
      await rawQuery(foreign, "UPDATE intc_schema_migrations SET name = 'something else' WHERE version = 1");
      await expect(openStore(foreign)).rejects.toThrow('records migration 1 as "something else"');
    });

    it('two processes incrementing one conversation state lose no write, and get-or-create by tags gives them the same conversations', async () => {
      const location = await subject().sharedLocation();
      const namespace = freshNamespace();
      const each = 50;
      const workers = await Promise.all([0, 1].map(() => startWorker(['increment', location, namespace, String(each)])));
      const results = await Promise.all(workers.map((worker) => worker.exited));
      for (const result of results) expect(result, result.stderr).toEqual({ code: 0, stderr: '' });
      const linesOf = (prefix: string) => workers.map((worker) => worker.lines.find((line) => line.startsWith(prefix)));
      const [conversationA, conversationB] = linesOf('conversation ');
      expect(conversationA).toBeDefined();
      expect(conversationB).toBe(conversationA);
      const [racedA, racedB] = linesOf('raced ');
      expect(racedA?.split(',')).toHaveLength(20);
      expect(racedB).toBe(racedA);
      await withStore(location, async (store) => {
        const client = await store.client(namespace);
        const id = conversationA!.slice('conversation '.length);
        expect((await client.getState({ type: 'conversation', id, name: 'counter' })).state.payload).toEqual({ count: 2 * each });
      });
    });
  });
}
