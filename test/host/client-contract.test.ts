/**
 * The client-contract suite against the in-memory client (the reference)
 * and the SQLite store (a temporary file; a second store on the same file
 * for the tests across instances). Postgres runs the same suite in
 * store-postgres.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openStore, type Store } from '../../packages/host/src/index.js';
import { InMemoryClient, type ClientDefinition } from '../../packages/runtime/src/index.js';
import { clientContractSuite } from './client-contract.suite.js';

const inMemory = new Map<string, InMemoryClient>();
clientContractSuite('in-memory client', () => ({
  async client(namespace: string, definition?: ClientDefinition) {
    let client = inMemory.get(namespace);
    if (client === undefined) inMemory.set(namespace, (client = new InMemoryClient(definition)));
    return client;
  },
}));

let folder: string;
let sqlite: Store;
const location = () => join(folder, '.intc', 'state.db');
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'intc-store-'));
  sqlite = await openStore(location());
});
afterAll(async () => {
  await sqlite?.close();
  rmSync(folder, { recursive: true, force: true });
});
clientContractSuite('SQLite store', () => sqlite, () => openStore(location()));
