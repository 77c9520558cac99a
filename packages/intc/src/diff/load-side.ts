/**
 * One side of `intc diff`: a manifest file, a folder holding one, or
 * `<ref>:<path>` read from git. It is validated with everything it
 * references, like `intc validate` would, and resolved into the model the
 * generator uses (interfaces merged in). A side with errors cannot be
 * compared: its diagnostics come back instead.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../cli/find-manifests.js';
import { countErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { displayPath } from '../diagnostics/format-text.js';
import { integrationModelOf } from '../generate/integration-model-of.js';
import type { LoadedManifest } from '../load/load-manifest.js';
import { DEFAULT_MAX_FILE_BYTES } from '../load/read-source.js';
import { interfaceEntries } from '../model/interface-extension.js';
import type { IntegrationModel } from '../model/integration-model.js';
import { validate } from '../pipeline.js';
import { checkoutFromGit, parseGitSpec } from './git-snapshot.js';

export interface LoadSideOptions {
  readonly cwd: string;
  readonly maxFileBytes?: number;
}

/** A side that validated: its model, and the manifests its members were written in (for positions). */
export interface DiffSide {
  readonly model: IntegrationModel;
  /** The integration manifest as written. */
  readonly manifest: LoadedManifest;
  /** The interface manifest of each `interfaces:` alias. */
  readonly interfaces: ReadonlyMap<string, LoadedManifest>;
  /** How a file of this side is shown: relative to the current folder, or `<ref>:<path>`. */
  display(file: string): string;
  /** True when the side was read from git (its positions are not in the work tree). */
  readonly fromGit: boolean;
}

export type SideLoad =
  | { readonly ok: true; readonly side: DiffSide }
  | {
      readonly ok: false;
      readonly diagnostics: readonly Diagnostic[];
      readonly sources: ReadonlyMap<string, string>;
      display(file: string): string;
      readonly fromGit: boolean;
    };

/**
 * Loads one side. A path that exists is read from disk; else `<ref>:<path>`
 * is read from git. Bad arguments (no such revision, not an integration
 * manifest) are usage errors; a manifest with errors is a failed load.
 */
export function loadSide(arg: string, options: LoadSideOptions): SideLoad {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const onDisk = resolve(options.cwd, arg);
  const spec = existsSync(onDisk) ? undefined : parseGitSpec(arg);
  if (!spec) return loadManifestSide(onDisk, maxBytes, (file) => displayPath(file, options.cwd), false);
  const checkout = checkoutFromGit(spec, options.cwd, maxBytes);
  try {
    return loadManifestSide(checkout.manifestPath, maxBytes, (file) => checkout.display(file) ?? displayPath(file, options.cwd), true);
  } finally {
    checkout.dispose();
  }
}

function loadManifestSide(path: string, maxFileBytes: number, display: (file: string) => string, fromGit: boolean): SideLoad {
  const result = validate([path], { maxFileBytes });
  if (countErrors(result.diagnostics) > 0 || result.manifests.length === 0) {
    return { ok: false, diagnostics: result.diagnostics, sources: result.sources, display, fromGit };
  }
  const manifest = result.manifests[0]!;
  if (manifest.kind !== 'integration') {
    throw new UsageError(`intc diff compares integration manifests, and '${display(manifest.file.path)}' is a${manifest.kind === 'interface' ? 'n' : ''} ${manifest.kind} manifest.`);
  }
  const model = integrationModelOf(manifest, result.referencedManifest);
  // Positions are looked up later, after a git copy is gone: the files' texts are already in memory.
  const interfaces = new Map(interfaceEntries(manifest.value, (from) => result.referencedManifest(manifest, from, 'interface')).map(({ alias, iface }) => [alias, iface]));
  return { ok: true, side: { model, manifest, interfaces, display, fromGit } };
}
