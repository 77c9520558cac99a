/**
 * What will become `@intc/host`: the store that keeps conversations, users,
 * messages, events and states in a database (SQLite by default, Postgres for
 * several instances), behind the runtime's client contract. The HTTP host
 * (`intc dev`, `intc serve`) will live here too. Imports only the runtime's
 * public API, node built-ins and its drivers.
 */
export { StoreError } from './store/errors.js';
export { latestVersion as latestSchemaVersion } from './store/migrations.js';
export { describeLocation, isPostgresUrl, openStore } from './store/open-store.js';
export type { Dialect } from './store/script.js';
export { Store } from './store/store.js';
export { StoreClient } from './store/store-client.js';
