import type { Diagnostic, Fix } from '../diagnostics/diagnostic.js';
import { createDiagnostic } from '../diagnostics/diagnostic.js';
import type { DiagnosticCode, DiagnosticParams } from '../diagnostics/codes.js';
import type { LoadedManifest } from '../load/load-manifest.js';
import { locate, type LocationPart, type ValuePath } from '../load/source-file.js';
import type { ManifestKind } from '../model/manifest-kind.js';
import type { SchemaCompiler } from './schema-compiler.js';

/** Loads manifests that others reference; provided by the program. */
export interface ManifestResolver {
  /**
   * The manifest at `reference` (relative to `from`'s folder), validated;
   * undefined when it is missing, of the wrong kind or invalid — each already
   * reported, at `at` when the problem is the reference itself.
   */
  resolveManifest(from: LoadedManifest, reference: string, kind: ManifestKind, at: ValuePath): LoadedManifest | undefined;
}

/** What a semantic rule gets: the manifest, a way to report, and the resolver. */
export interface RuleContext {
  readonly manifest: LoadedManifest;
  /** Ajv, for rules that validate values against a manifest's schemas; one per program. */
  readonly compiler: SchemaCompiler;
  /**
   * A manifest this one references, relative to this manifest's folder (see
   * ManifestResolver). Several rules may ask for the same reference at the
   * same place: it is resolved, and any problem reported, once.
   */
  resolveManifest(reference: string, kind: ManifestKind, at: ValuePath): LoadedManifest | undefined;
  report<C extends DiagnosticCode>(code: C, params: DiagnosticParams<C>, path: ValuePath, part?: LocationPart, fix?: Fix): void;
  /** True when the meta-schema already reported a problem with the object at `path` (its advice would only repeat it). */
  hasErrorAt(path: ValuePath): boolean;
}

export type Rule = (context: RuleContext) => void;

export function createRuleContext(
  manifest: LoadedManifest,
  resolver: ManifestResolver,
  compiler: SchemaCompiler,
  diagnostics: Diagnostic[],
  errorPaths: readonly ValuePath[] = [],
): RuleContext {
  const resolved = new Map<string, LoadedManifest | undefined>();
  const errorAt = new Set(errorPaths.map((path) => JSON.stringify(path)));
  return {
    manifest,
    compiler,
    report(code, params, path, part = 'value', fix) {
      diagnostics.push(createDiagnostic(code, params, locate(manifest.file, path, part), fix));
    },
    hasErrorAt: (path) => errorAt.has(JSON.stringify(path)),
    resolveManifest(reference, kind, at) {
      const key = JSON.stringify([reference, kind, at]);
      if (!resolved.has(key)) resolved.set(key, resolver.resolveManifest(manifest, reference, kind, at));
      return resolved.get(key);
    },
  };
}
