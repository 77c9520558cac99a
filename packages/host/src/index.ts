/**
 * What will become `@intc/host`: the HTTP host of `intc dev` and `intc
 * serve` (http/: routes, request reading, responses, request logs,
 * graceful shutdown, the project loader, the dev console's API) and the
 * store that keeps conversations, users, messages, events and states in a
 * database (store/: SQLite by default, Postgres for several instances),
 * behind the runtime's client contract. Imports only the runtime's public
 * API, node built-ins and its drivers.
 */
export { findBuiltEntry } from './http/built-entry.js';
export { configurationVariable } from './http/environment.js';
export { HttpError, ProjectError } from './http/host-errors.js';
export { DEFAULT_LIMITS, Host, type HostLimits, type HostOptions } from './http/host.js';
export type { HostedInstance, StartedProject, Target } from './http/project-loader.js';
export { importDefault, readJsonFile, type HostedBotUnit, type HostedIntegrationUnit, type HostedUnit, type HostProject, type ModuleLoader } from './http/project.js';
export { formatBytes, parseByteSize } from './http/read-request.js';
export { HostLog, type LogFormat, type RequestEntry } from './http/request-log.js';
export { onShutdownSignals } from './http/shutdown.js';
export { StoreError } from './store/errors.js';
export { latestVersion as latestSchemaVersion } from './store/migrations.js';
export { describeLocation, isPostgresUrl, openStore } from './store/open-store.js';
export type { Dialect } from './store/script.js';
export { Store } from './store/store.js';
export { StoreClient } from './store/store-client.js';
export { runHostCli, runServe, type HostCliIo } from './cli/host-cli.js';
export { projectFromFolders, type LoaderOf, type ProjectFolder } from './http/project-folders.js';
export { closeOnSignals, describeListenError, startHost, type StartedHost, type StartOptions } from './serve.js';
export { SERVE_USAGE } from './cli/serve-options.js';
