/**
 * The HTTP host: one `node:http` server in front of a project's targets
 * (its integrations and bot aliases) and the store they keep their records
 * in. `load()` starts a project and swaps it in whole (a request uses the
 * targets it started with, so a reload never changes one midway); a
 * project that fails to load leaves the last good one serving. `close()`
 * shuts down gracefully and closes the store.
 *
 * Timeouts: a client gets `headersTimeoutMs` to send its headers and
 * `requestTimeoutMs` for the whole request (Node answers 408); a handler
 * gets `handlerTimeoutMs` (504). Bodies over `maxBodyBytes` are refused
 * (413). Every request is logged once, when its response is sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Environment } from '@intc/runtime';
import type { Store } from '../store/store.js';
import { consolePage } from '../console/page.js';
import { DevConsole, type LoadStatus } from './dev-api.js';
import { dispatchToTarget } from './dispatch.js';
import { HttpError, ProjectError } from './host-errors.js';
import { loadProject, startProject, type StartedProject, type Target } from './project-loader.js';
import type { HostProject } from './project.js';
import type { HostLog, RequestEntry } from './request-log.js';
import { sendError, sendHtml, sendJson } from './respond.js';
import { routeOf, type Route } from './router.js';
import { InFlight } from './shutdown.js';

export interface HostLimits {
  readonly maxBodyBytes: number;
  readonly handlerTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  /** How long `close()` waits for requests in flight before cutting them. */
  readonly shutdownTimeoutMs: number;
}

export const DEFAULT_LIMITS: HostLimits = {
  maxBodyBytes: 1024 * 1024,
  handlerTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  shutdownTimeoutMs: 10_000,
};

export interface HostOptions {
  /** The address to listen on (`127.0.0.1` by default in the CLI). */
  readonly host: string;
  /** 0: any free port. */
  readonly port: number;
  /** The base URL the platforms reach this host at (webhook URLs are `<publicUrl>/webhooks/<name>`); default: the address listened on. */
  readonly publicUrl?: string | undefined;
  /** The store the targets keep their records in; `close()` closes it. */
  readonly store: Store;
  /** Where configurations, secrets and placeholders are read from. */
  readonly env: Environment;
  /** `dev` adds the dev console's API and page. */
  readonly mode: 'dev' | 'serve';
  readonly log: HostLog;
  readonly limits?: Partial<HostLimits>;
}

export class Host {
  readonly #options: HostOptions;
  readonly #limits: HostLimits;
  readonly #server: Server;
  readonly #inFlight = new InFlight();
  readonly #console: DevConsole | undefined;
  #project: StartedProject | undefined;
  #status: LoadStatus = { loaded: false };
  #closing: Promise<void> | undefined;

  private constructor(options: HostOptions) {
    this.#options = options;
    this.#limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.#console = options.mode === 'dev' ? new DevConsole() : undefined;
    this.#server = createServer(
      {
        headersTimeout: Math.min(this.#limits.headersTimeoutMs, this.#limits.requestTimeoutMs),
        requestTimeout: this.#limits.requestTimeoutMs,
        // How often Node checks those timeouts (30 s by default: too coarse for short limits).
        connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(Math.min(this.#limits.headersTimeoutMs, this.#limits.requestTimeoutMs) / 4))),
      },
      (req, res) => void this.#onRequest(req, res),
    );
  }

  /** Listens; resolves once the port is bound. */
  static async start(options: HostOptions): Promise<Host> {
    const host = new Host(options);
    await new Promise<void>((resolve, reject) => {
      host.#server.once('error', reject);
      host.#server.listen(options.port, options.host, () => {
        host.#server.removeListener('error', reject);
        resolve();
      });
    });
    return host;
  }

  /** `http://<address>:<port>`, as listened on. */
  get url(): string {
    const { address, port } = this.#server.address() as AddressInfo;
    return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  }

  /** The base of every webhook URL handed to register handlers. */
  get webhookBase(): string {
    return `${(this.#options.publicUrl ?? this.url).replace(/\/+$/, '')}/webhooks`;
  }

  get targets(): ReadonlyMap<string, Target> {
    return this.#project?.targets ?? new Map();
  }

  /**
   * Loads and starts the project, then serves it in place of the last one.
   * Throws (`ProjectError`, or what a module threw while loading) and keeps
   * serving the last good project when it cannot.
   */
  async load(project: HostProject): Promise<StartedProject> {
    try {
      const loaded = await loadProject(project);
      const started = await startProject(loaded, {
        store: this.#options.store,
        env: this.#options.env,
        webhookBase: this.webhookBase,
        sink: (unit) => this.#console?.teeLog(unit, this.#options.log.sinkFor(unit)) ?? this.#options.log.sinkFor(unit),
        ...(this.#console === undefined ? {} : { observe: (name: string, client: Parameters<DevConsole['observe']>[1]) => this.#console!.observe(name, client) }),
      });
      for (const target of started.targets.values()) this.#console?.watchOutgoing(target);
      this.#project = started;
      this.#status = { loaded: true };
      this.#console?.publish('reload', { ok: true, targets: [...started.targets.keys()] });
      return started;
    } catch (error) {
      const message = error instanceof ProjectError ? error.message : describeLoadError(error);
      this.#status = { loaded: this.#project !== undefined, error: message };
      this.#console?.publish('reload', { ok: false, error: message });
      throw error instanceof ProjectError ? error : new ProjectError(message);
    }
  }

  /** Runs every target's register handler with its webhook URL (in name order); a failure is logged, not thrown. */
  async registerAll(): Promise<void> {
    for (const target of this.targets.values()) {
      try {
        await target.instance.register();
        this.#options.log.info(`Registered ${target.name}: webhooks go to ${target.instance.webhookUrl}`, { target: target.name, webhookUrl: target.instance.webhookUrl });
      } catch (error) {
        const message = target.instance.redact(error instanceof Error ? error.message : String(error));
        this.#options.log.error(`Could not register ${target.name}: ${message}`, { target: target.name });
      }
    }
  }

  /** Stops accepting, lets requests in flight finish (up to the shutdown timeout), then closes the store. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#console?.closeStreams();
      const cut = await this.#inFlight.drain(this.#server, this.#limits.shutdownTimeoutMs);
      await this.#options.store.close();
      this.#options.log.info(cut === 0 ? 'Stopped.' : `Stopped; ${cut} request${cut === 1 ? '' : 's'} still running at the deadline ${cut === 1 ? 'was' : 'were'} cut.`, { cut });
    })();
    return this.#closing;
  }

  async #onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const route = routeOf(method, req.url ?? '/');
    const project = this.#project;
    const streaming = route.kind === 'dev-api' && route.endpoint === 'stream';
    if (!streaming) this.#inFlight.track(res);
    if (this.#inFlight.draining) res.setHeader('connection', 'close');
    let error: HttpError | undefined;
    try {
      await this.#answer(route, req, res, project);
    } catch (caught) {
      error = caught instanceof HttpError ? caught : internalError(caught);
      if (res.headersSent) res.destroy();
      else sendError(res, error, error.status === 413 ? { connection: 'close' } : {});
    }
    if (!streaming) this.#options.log.request(entryOf(route, req, res, project, started, error));
  }

  async #answer(route: Route, req: IncomingMessage, res: ServerResponse, project: StartedProject | undefined): Promise<void> {
    switch (route.kind) {
      case 'healthz':
        return project === undefined
          ? sendJson(res, 503, { status: 'starting', ...(this.#status.error === undefined ? {} : { error: this.#status.error }) })
          : sendJson(res, 200, { status: 'ok' });
      case 'webhook':
      case 'action':
      case 'register':
      case 'unregister':
        if (project === undefined) throw notLoaded(this.#status);
        return dispatchToTarget(route, req, res, project, this.#limits);
      case 'dev-api':
        if (this.#console === undefined) throw notFound();
        return this.#console.handle(route.endpoint, route.query, req, res, project, this.#status);
      case 'dev-page':
        if (this.#console === undefined) throw notFound();
        return sendHtml(res, consolePage());
      case 'method-not-allowed':
        res.setHeader('allow', route.allow);
        throw new HttpError(405, 'method-not-allowed', `${route.pattern} takes ${route.allow}.`);
      case 'not-found':
        throw notFound();
    }
  }
}

function entryOf(route: Route, req: IncomingMessage, res: ServerResponse, project: StartedProject | undefined, started: number, error: HttpError | undefined): RequestEntry {
  const target = 'target' in route ? project?.targets.get(route.target) : undefined;
  const redact = (text: string) => target?.instance.redact(text) ?? text;
  const path = redact((req.url ?? '/').split('?')[0]!);
  return {
    method: req.method ?? 'GET',
    route: route.kind === 'dev-api' ? '/_intc/api/:endpoint' : route.pattern,
    path,
    ...('target' in route ? { target: route.target } : {}),
    ...(route.kind === 'action' ? { action: route.action } : {}),
    status: res.statusCode,
    durationMs: performance.now() - started,
    ...(error === undefined ? {} : { error: { code: error.code, message: redact(error.message) } }),
  };
}

function notLoaded(status: LoadStatus): HttpError {
  return new HttpError(503, 'not-loaded', `The project has not loaded yet${status.error === undefined ? '.' : `: ${status.error}`}`);
}

function notFound(): HttpError {
  return new HttpError(404, 'not-found', 'No such route: the host serves /webhooks/<name>, /actions/<name>/<action>, /register/<name>, /unregister/<name> and /healthz.');
}

/** A bug in the host, or a response Node refused (a handler's bad header): 500, without details. */
function internalError(error: unknown): HttpError {
  const detail = error instanceof Error ? error.name : typeof error;
  return new HttpError(500, 'internal-error', `The host could not answer (${detail}).`);
}

/** What a module threw while loading: its name, message and the first frame (the user's file and line). */
function describeLoadError(error: unknown): string {
  if (!(error instanceof Error)) return `A module threw ${String(error)} while loading.`;
  const frame = error.stack?.split('\n').find((line) => line.trim().startsWith('at '));
  return `${error.name}: ${error.message}${frame === undefined ? '' : ` (${frame.trim()})`}`;
}
