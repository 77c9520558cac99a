/**
 * Starting and stopping a host, as `intc serve` and `intc dev` both do:
 * open the store, listen, load the project, and on SIGTERM/SIGINT (or an
 * abort) close gracefully. What differs is the caller's: the project's
 * modules (built JavaScript, or bundles of the TypeScript), the log format,
 * registration, and dev's reloads.
 */
import type { Environment } from '@intc/runtime';
import { Host, type HostLimits } from './http/host.js';
import { HostLog, type LogFormat } from './http/request-log.js';
import { onShutdownSignals } from './http/shutdown.js';
import { describeLocation, openStore } from './store/open-store.js';

export interface StartOptions {
  readonly mode: 'dev' | 'serve';
  readonly host: string;
  readonly port: number;
  /** A SQLite file or a postgres:// URL. */
  readonly database: string;
  readonly publicUrl?: string | undefined;
  readonly env: Environment;
  readonly log: LogFormat;
  readonly write: (line: string) => void;
  readonly limits?: Partial<HostLimits>;
}

export interface StartedHost {
  readonly host: Host;
  readonly log: HostLog;
}

/** Opens the store and listens; throws `StoreError` (the database) or the listen error (the port), closing what it opened. */
export async function startHost(options: StartOptions): Promise<StartedHost> {
  const log = new HostLog(options.log, options.write);
  const store = await openStore(options.database);
  try {
    const host = await Host.start({ host: options.host, port: options.port, publicUrl: options.publicUrl, store, env: options.env, mode: options.mode, log, limits: options.limits ?? {} });
    log.info(`Listening on ${host.url} (database: ${describeLocation(options.database)})`, { url: host.url, database: describeLocation(options.database) });
    return { host, log };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** Resolves once the host has closed: after the first SIGTERM or SIGINT, or when `signal` aborts. */
export function closeOnSignals(host: Host, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      removeSignals();
      signal?.removeEventListener('abort', stop);
      void host.close().then(resolve);
    };
    const removeSignals = onShutdownSignals(stop);
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop, { once: true });
  });
}

/** What a listen error means for the user (a port in use, an address not on this machine), or undefined for others. */
export function describeListenError(error: unknown, host: string, port: number): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'EADDRINUSE') return `Port ${port} on ${host} is in use: stop what listens there, or pass --port <another> (0: any free port).`;
  if (code === 'EADDRNOTAVAIL') return `${host} is not an address of this machine: pass --host 127.0.0.1, or 0.0.0.0 for every interface.`;
  if (code === 'EACCES') return `Not allowed to listen on port ${port}: use a port above 1023.`;
  return undefined;
}
