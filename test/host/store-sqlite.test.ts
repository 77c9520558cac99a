/**
 * The SQLite store: the store suite on temporary files, and durability: a
 * process writing a burst of states and messages, acknowledging each on
 * stdout once committed, is killed with SIGKILL mid-burst; every write it
 * acknowledged is there when the file is opened again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../packages/host/src/index.js';
import { removeWorkerBundle, startWorker } from './child-process.js';
import { freshNamespace } from './client-contract.suite.js';
import { storeSuite } from './store.suite.js';

const folder = mkdtempSync(join(tmpdir(), 'intc-store-sqlite-'));
let files = 0;
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await removeWorkerBundle();
});

storeSuite('SQLite', () => ({
  async newLocation() {
    files += 1;
    return join(folder, `db-${files}`, 'state.db');
  },
  sharedLocation: async () => join(folder, 'shared', 'state.db'),
}));

describe('SQLite store durability', () => {
  it('every write acknowledged before a kill -9 is there after reopening', async () => {
    const location = join(folder, 'killed', 'state.db');
    const namespace = freshNamespace();
    const worker = await startWorker(['write', location, namespace, '1000000']);
    await worker.waitFor(/^ack 150$/);
    worker.child.kill('SIGKILL');
    const { code } = await worker.exited;
    expect(code).toBeNull();
    const acknowledged = worker.lines.filter((line) => line.startsWith('ack ')).map((line) => Number(line.slice(4)));
    expect(acknowledged.length).toBeGreaterThan(150);
    expect(acknowledged).toEqual(acknowledged.map((_, i) => i));

    const store = await openStore(location);
    try {
      const client = await store.client(namespace);
      for (const i of acknowledged) {
        expect((await client.getState({ type: 'integration', id: 'writer', name: `k${i}` })).state.payload).toEqual({ i });
      }
      const messages = (await client.listMessages()).messages.map((message) => (message.payload as { i: number }).i);
      // The message of a write cut short may be there too, never one out of order or twice.
      expect(messages.slice(0, acknowledged.length)).toEqual(acknowledged);
      expect(messages.length - acknowledged.length).toBeLessThanOrEqual(1);
      // Still writable after the crash.
      await client.setState({ type: 'integration', id: 'writer', name: 'after', payload: { ok: true } });
    } finally {
      await store.close();
    }
  });
});
