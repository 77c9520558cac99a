/**
 * `validators.ts` in a worker thread (validators-worker.ts), so the slowest
 * emitter runs beside validation and `types.ts` instead of after them. The
 * CLI starts the worker first thing in `intc generate` and tells it the
 * manifests (`emitAhead`), so the thread's start-up, Ajv's loading and the
 * emission itself overlap the main thread's validation. Only for large
 * manifests: on small ones the thread costs more than it saves (see
 * MIN_MANIFEST_BYTES).
 *
 * The worker is only an optimization: whenever it is missing (the library
 * run from its sources, without dist/intc-validators-worker.cjs), turned off
 * (INTC_NO_WORKER=1, or a single CPU), or fails (start-up, crash, out of
 * memory, an error it reports), `validators.ts` is emitted in-process by the
 * same function, so the output never depends on where it was made. The
 * thread never keeps the process alive: it is unref'd whenever no request is
 * pending, and `close()` ends it.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { GeneratedFile } from '../emit/generated-file.js';
import { emitValidators } from '../emit/validators.js';
import { manifestInFolder } from '../load/manifest-in-folder.js';
import type { IntegrationModel } from '../model/integration-model.js';
import type { WorkerReply, WorkerRequest } from './validators-worker.js';

/** Beside dist/cli/main.js (the CLI bundle's module URL) and dist/generate/worker-pool.js alike. */
const DEFAULT_WORKER_FILE = new URL('../intc-validators-worker.cjs', import.meta.url);

export interface ValidatorsWorkerOptions {
  /**
   * The manifests of the run (absolute paths of files or folders): below
   * `minManifestBytes` in all, no thread is started; their size sets the
   * thread's heap limit.
   */
  readonly manifests?: readonly string[];
  /** Default: MIN_MANIFEST_BYTES. */
  readonly minManifestBytes?: number;
  /** The worker's entry (default: dist/intc-validators-worker.cjs); when it does not exist, everything runs in-process. */
  readonly file?: string | URL;
  /** Instead of the limits derived from the manifests' size. */
  readonly resourceLimits?: ResourceLimits;
}

/** What `emitIntegration` needs from a worker: `validators.ts` of a model (and the text it was parsed from, when known). */
export interface ValidatorsEmitter {
  /** Whether `emit` runs in a thread; if not, `emitIntegration` emits in-process itself, after `types.ts`. */
  readonly threaded: boolean;
  emit(model: IntegrationModel, manifestText?: string): Promise<GeneratedFile[]>;
}

/** How the requests so far were answered. */
export interface ValidatorsWorkerCounts {
  /** By the thread, from the request's model. */
  thread: number;
  /** By the thread, with what it emitted ahead from the same text. */
  ahead: number;
  /** In-process: no thread, or it failed. */
  inProcess: number;
}

interface Pending {
  readonly resolve: (reply: Extract<WorkerReply, { files: unknown }>) => void;
  readonly reject: (reason: WorkerFailed) => void;
}

/** The worker could not answer; the caller emits in-process. */
class WorkerFailed extends Error {}

/** One worker thread, reused across requests (and `--watch` runs) until `close()`. */
export class ValidatorsWorker implements ValidatorsEmitter {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private readonly answered: ValidatorsWorkerCounts = { thread: 0, ahead: 0, inProcess: 0 };

  /** Starts the thread now (when there is one to start), so it is ready when the first model comes. */
  constructor(options: ValidatorsWorkerOptions = {}) {
    const file = options.file ?? DEFAULT_WORKER_FILE;
    const manifestBytes = options.manifests?.reduce((total, path) => total + manifestSize(path), 0);
    if (!workersWanted() || (manifestBytes ?? Infinity) < (options.minManifestBytes ?? MIN_MANIFEST_BYTES) || !existsSync(file)) return;
    try {
      this.worker = new Worker(file, { resourceLimits: options.resourceLimits ?? heapLimits(manifestBytes ?? 0), stdout: false, stderr: false });
    } catch {
      return;
    }
    this.worker.on('message', (reply: WorkerReply) => this.settle(reply));
    this.worker.on('error', () => this.fail());
    this.worker.on('exit', () => this.fail());
    // After the listeners: adding a 'message' listener refs the thread again.
    this.worker.unref();
  }

  /** Whether requests go to a thread (false: in-process). */
  get threaded(): boolean {
    return this.worker !== undefined;
  }

  get counts(): Readonly<ValidatorsWorkerCounts> {
    return { ...this.answered };
  }

  /**
   * Lets the thread read, parse and emit these manifests (files or folders,
   * relative to `cwd`) before they are validated; `emit` uses that result for
   * a model made from the same text.
   */
  emitAhead(manifests: readonly string[], cwd: string, maxFileBytes?: number): void {
    this.post({ kind: 'ahead', manifests: manifests.map((path) => resolve(cwd, path)), maxFileBytes });
  }

  /** `validators.ts` of one validated integration: from the thread, or in-process when it cannot answer. */
  async emit(model: IntegrationModel, manifestText?: string): Promise<GeneratedFile[]> {
    try {
      const reply = await this.request(model, manifestText);
      this.answered[reply.emittedAhead ? 'ahead' : 'thread']++;
      return [...reply.files];
    } catch (error) {
      if (!(error instanceof WorkerFailed)) throw error;
      this.answered.inProcess++;
      return emitValidators(model);
    }
  }

  /** Ends the thread; pending and later requests are emitted in-process. */
  close(): void {
    const worker = this.worker;
    if (worker === undefined) return;
    this.fail();
    void worker.terminate();
  }

  private request(model: IntegrationModel, manifestText: string | undefined): Promise<Extract<WorkerReply, { files: unknown }>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (!this.post({ kind: 'emit', id, model: withoutManifestValue(model), manifestText })) {
        reject(new WorkerFailed('no worker'));
        return;
      }
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker?.ref();
    });
  }

  /** Whether the message went to a thread. */
  private post(request: WorkerRequest): boolean {
    if (this.worker === undefined) return false;
    try {
      this.worker.postMessage(request);
      return true;
    } catch {
      return false;
    }
  }

  private settle(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (pending === undefined) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker?.unref();
    if ('files' in reply) pending.resolve(reply);
    else pending.reject(new WorkerFailed(reply.failed));
  }

  /** The thread is gone or unusable: every pending request falls back to in-process, and so do later ones. */
  private fail(): void {
    const worker = this.worker;
    this.worker = undefined;
    worker?.unref();
    for (const { reject } of this.pending.values()) reject(new WorkerFailed('the worker stopped'));
    this.pending.clear();
  }
}

/** A thread only pays off beside another core, and INTC_NO_WORKER=1 turns it off. */
function workersWanted(): boolean {
  return !process.env.INTC_NO_WORKER && availableParallelism() > 1;
}

/**
 * Below this much manifest text, `intc generate` emits in-process. Measured
 * on the 2-vCPU machine the targets are set for, where two allocation-heavy
 * threads each run at ~60% of their speed alone (as two hardware threads of
 * one core would) and V8's own compiler and GC threads already use much of
 * the second vCPU: on small manifests the thread's start-up and the
 * contention cost more than they save (Telegram: 0.37 s with it, 0.32 s
 * without; 100 actions: even; 1000 actions, ~1 MB: 3.16 s and 241 MB with
 * it, 2.95 s and 236 MB without); at 2–3 MB it saves 6–8 % of the time and
 * some peak memory.
 */
const MIN_MANIFEST_BYTES = 1.5 * 1024 * 1024;

/**
 * The thread's heap: a small young generation and an old one capped by the
 * size of the manifests make V8 collect sooner instead of growing the heap
 * (the live set stays small: the model, one Ajv instance and the text so
 * far), so the thread adds less to the process's peak memory (1000 actions:
 * ~235 MB instead of ~300 MB). A manifest that needs more than its share
 * makes the thread fail (ERR_WORKER_OUT_OF_MEMORY), and is emitted in-process.
 */
const YOUNG_GENERATION_MB = 16;
const MIN_OLD_GENERATION_MB = 64;
const OLD_GENERATION_BASE_MB = 32;
const OLD_GENERATION_MB_PER_MANIFEST_MB = 24;

function heapLimits(manifestBytes: number): ResourceLimits {
  const manifestMb = manifestBytes / (1024 * 1024);
  const old = Math.max(MIN_OLD_GENERATION_MB, Math.ceil(OLD_GENERATION_BASE_MB + OLD_GENERATION_MB_PER_MANIFEST_MB * manifestMb));
  return { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: old };
}

/** A manifest file's size, or that of the manifest a folder stands for; 0 when there is none. */
function manifestSize(path: string): number {
  try {
    const stats = statSync(path);
    if (!stats.isDirectory()) return stats.size;
    const inFolder = manifestInFolder(path);
    return inFolder === undefined ? 0 : statSync(inFolder).size;
  } catch {
    return 0;
  }
}

/**
 * The model as the worker needs it: without the manifest value, which
 * `emitValidators` never reads (the schemas are in the model's lists) and
 * which costs ~10× more to copy to the thread than the rest.
 */
function withoutManifestValue(model: IntegrationModel): IntegrationModel {
  return { ...model, manifest: {} };
}
