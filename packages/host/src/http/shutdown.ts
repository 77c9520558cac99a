/**
 * Graceful shutdown: stop accepting connections, let the requests in
 * flight finish (their responses say `Connection: close`), cut whatever is
 * still open at the deadline, then let the caller close the database. The
 * first SIGTERM or SIGINT starts it; a second one exits at once.
 */
import type { Server, ServerResponse } from 'node:http';

export class InFlight {
  readonly #responses = new Set<ServerResponse>();
  #idle: (() => void) | undefined;
  #draining = false;

  /** Counts the response until it is finished or its connection closes. */
  track(res: ServerResponse): void {
    this.#responses.add(res);
    res.once('close', () => {
      this.#responses.delete(res);
      if (this.#responses.size === 0) this.#idle?.();
    });
  }

  get draining(): boolean {
    return this.#draining;
  }

  get size(): number {
    return this.#responses.size;
  }

  /**
   * Stops `server` accepting, waits for the tracked responses up to
   * `deadlineMs`, then closes every connection left. Resolves with how many
   * requests were still running at the deadline (0: all finished).
   */
  async drain(server: Server, deadlineMs: number): Promise<number> {
    this.#draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<void>((resolve) => {
      this.#idle = resolve;
      if (this.#responses.size === 0) resolve();
    });
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, deadlineMs);
    });
    await Promise.race([idle, deadline]);
    clearTimeout(timer);
    const cut = this.#responses.size;
    server.closeAllConnections();
    await closed;
    return cut;
  }
}

/** Calls `stop` on the first SIGTERM or SIGINT; a second signal exits with 1 at once. Returns a function that stops listening. */
export function onShutdownSignals(stop: (signal: NodeJS.Signals) => void): () => void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    stop(signal);
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return () => {
    process.removeListener('SIGTERM', handler);
    process.removeListener('SIGINT', handler);
  };
}
