/**
 * The entry of the validators worker (bundled as dist/intc-validators-worker.cjs;
 * see worker-pool.ts): emits `validators.ts` while the main thread validates
 * and emits `types.ts`. Ajv is loaded as soon as the thread starts.
 *
 * Told the manifests of a run before they are validated, the worker reads
 * and parses them itself and emits ahead, so the slowest emitter overlaps
 * validation too. An emit request then gets that result only when it was
 * made from the same text the main thread validated (same text, same parser,
 * same model, same bytes); otherwise it is emitted from the request's model.
 * Nothing emitted ahead is ever used for a manifest that failed validation:
 * the main thread only asks for manifests without errors.
 */
import { statSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { GeneratedFile } from '../emit/generated-file.js';
import { standaloneValidators } from '../emit/schema/ajv-standalone.js';
import { emitValidators } from '../emit/validators.js';
import { loadManifest } from '../load/load-manifest.js';
import { manifestInFolder } from '../load/manifest-in-folder.js';
import { DEFAULT_MAX_FILE_BYTES } from '../load/read-source.js';
import { toIntegrationModel, type IntegrationModel } from '../model/integration-model.js';
import { isPlainObject } from '../model/values.js';

/** Main thread → worker. */
export type WorkerRequest =
  /** Emit ahead for these manifests (absolute paths of files or folders), as `intc generate` will load them. */
  | { readonly kind: 'ahead'; readonly manifests: readonly string[]; readonly maxFileBytes: number | undefined }
  /** `validators.ts` of a validated model; `manifestText` is the text it was parsed from, when known. */
  | { readonly kind: 'emit'; readonly id: number; readonly model: IntegrationModel; readonly manifestText: string | undefined };

/** Worker → main thread: the files, or that they could not be made here. */
export type WorkerReply =
  | { readonly id: number; readonly files: readonly GeneratedFile[]; readonly emittedAhead: boolean }
  | { readonly id: number; readonly failed: string };

/** Manifest path → the text it was read with and what was emitted from it. */
const ahead = new Map<string, { readonly text: string; readonly files: GeneratedFile[] }>();
/**
 * Manifest files still to emit ahead: the first right away, each other one
 * in a later turn of the event loop, so a request that comes meanwhile (for
 * a manifest already done) is answered first.
 */
const queue: string[] = [];
let maxBytes = DEFAULT_MAX_FILE_BYTES;

function emitAhead(manifests: readonly string[], maxFileBytes: number | undefined): void {
  ahead.clear();
  queue.length = 0;
  for (const given of manifests) {
    const path = isDirectory(given) ? manifestInFolder(given) : given;
    if (path !== undefined && !queue.includes(path)) queue.push(path);
  }
  maxBytes = maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  emitNextAhead();
}

function emitNextAhead(): void {
  const path = queue.shift();
  if (path === undefined) return;
  try {
    const loaded = loadManifest(path, { maxBytes });
    const manifest = loaded.manifest;
    // An integration that extends interfaces depends on other files: it is emitted from the request's model.
    const standalone = isPlainObject(manifest?.value) && manifest.value.interfaces === undefined;
    if (manifest?.kind === 'integration' && standalone && loaded.text !== undefined && !loaded.diagnostics.some((d) => d.severity === 'error')) {
      ahead.set(manifest.file.path, { text: loaded.text, files: emitValidators(toIntegrationModel(manifest.value, manifest.file.path)) });
    }
  } catch {
    // A manifest validation will reject: nothing to emit ahead.
  }
  if (queue.length > 0) setImmediate(emitNextAhead);
}

function emit(request: Extract<WorkerRequest, { kind: 'emit' }>): WorkerReply {
  const { id, model, manifestText } = request;
  const early = ahead.get(model.manifestPath);
  ahead.delete(model.manifestPath);
  // Asked before its turn: emitted from the model below, not again ahead.
  const queued = queue.indexOf(model.manifestPath);
  if (queued >= 0) queue.splice(queued, 1);
  if (early !== undefined && manifestText !== undefined && early.text === manifestText) return { id, files: early.files, emittedAhead: true };
  try {
    return { id, files: emitValidators(model), emittedAhead: false };
  } catch (error) {
    // The main thread emits again in-process, which reports the error with its stack.
    return { id, failed: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** A small compile that loads Ajv and ajv-formats (each call starts its own name counters, so it changes no later output). */
function warmUp(): void {
  try {
    standaloneValidators([{ type: 'object', properties: { id: { type: 'string', format: 'uri', minLength: 1 } }, required: ['id'] }], []);
  } catch {
    // The first request meets the same problem and reports it.
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

if (parentPort !== null) {
  const port = parentPort;
  port.on('message', (request: WorkerRequest) => {
    if (request.kind === 'ahead') emitAhead(request.manifests, request.maxFileBytes);
    else port.postMessage(emit(request));
  });
  warmUp();
}
