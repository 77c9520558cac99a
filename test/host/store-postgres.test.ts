/**
 * The Postgres store against a real server (see postgres-server.ts: the one
 * INTC_TEST_POSTGRES_URL names, else a throwaway cluster): the client
 * contract suite and the store suite (two pools and two processes on one
 * database among them). INTC_SKIP_POSTGRES=1 skips this file.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { openStore, type Store } from '../../packages/host/src/index.js';
import { removeWorkerBundle } from './child-process.js';
import { clientContractSuite } from './client-contract.suite.js';
import { SKIP_POSTGRES, startTestPostgres, type TestPostgres } from './postgres-server.js';
import { storeSuite } from './store.suite.js';

describe.skipIf(SKIP_POSTGRES)('Postgres', () => {
  let server: TestPostgres | undefined;
  let shared = '';
  let store: Store | undefined;

  beforeAll(async () => {
    server = await startTestPostgres();
    shared = await server.createDatabase();
    store = await openStore(shared);
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await server?.stop();
    await removeWorkerBundle();
  }, 60_000);

  clientContractSuite('Postgres store', () => store!, () => openStore(shared));
  storeSuite('Postgres', () => ({ newLocation: () => server!.createDatabase(), sharedLocation: async () => shared }));
});
