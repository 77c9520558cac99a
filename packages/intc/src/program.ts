import { statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { countErrors, createDiagnostic, fileStartLocation, type Diagnostic, type SourceLocation } from './diagnostics/diagnostic.js';
import { loadManifest, type LoadedManifest } from './load/load-manifest.js';
import { expectedManifestNames, manifestInFolder } from './load/manifest-in-folder.js';
import { DEFAULT_MAX_FILE_BYTES } from './load/read-source.js';
import { locate, type ValuePath } from './load/source-file.js';
import type { ManifestKind } from './model/manifest-kind.js';
import { checkManifest } from './validate/check-manifest.js';
import type { ManifestResolver } from './validate/rule-context.js';
import { SchemaCompiler } from './validate/schema-compiler.js';

export interface ProgramOptions {
  /** Manifests larger than this are refused before parsing. */
  readonly maxFileBytes?: number;
  /** Manifest texts to check instead of the files on disk, by absolute path (`validate --fix` checks its edits before writing). */
  readonly sourceOverrides?: ReadonlyMap<string, string>;
}

/** Where and under which name a reference points at a file, for diagnostics about the file itself. */
type ReportFailure = (reportAt: (() => SourceLocation) | undefined, displayPath: string) => Diagnostic;

interface ManifestRecord {
  readonly manifest: LoadedManifest | undefined;
  /** Why the file could not be read, for each further reference to report in its own words. */
  readonly readFailure: ReportFailure | undefined;
  errorCount: number;
}

/**
 * All manifests of one run: the ones named on the command line and those
 * they reference (a bot's integrations, an integration's interfaces). Each
 * file is loaded and checked once, however often it is referenced.
 */
export class Program implements ManifestResolver {
  readonly diagnostics: Diagnostic[] = [];
  readonly sources = new Map<string, string>();
  readonly roots: LoadedManifest[] = [];
  private readonly records = new Map<string, ManifestRecord>();
  private readonly compiler = new SchemaCompiler();
  private readonly maxBytes: number;
  private readonly overrides: ReadonlyMap<string, string> | undefined;

  constructor(options: ProgramOptions = {}) {
    this.maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.overrides = options.sourceOverrides;
  }

  addRoot(path: string): void {
    const absolute = resolve(path);
    const shown = relative(process.cwd(), absolute);
    const record = this.load(absolute, undefined, undefined, shown.startsWith('..') || shown === '' ? absolute : shown);
    if (record.manifest && !this.roots.includes(record.manifest)) this.roots.push(record.manifest);
  }

  resolveManifest(from: LoadedManifest, reference: string, kind: ManifestKind, at: ValuePath): LoadedManifest | undefined {
    // Locating builds the referencing file's Document: only done when there is something to report.
    const reportAt = () => locate(from.file, at);
    const path = resolve(dirname(from.file.path), reference);
    const known = this.records.has(path);
    const record = this.load(path, kind, reportAt, reference);
    // An error at the reference is an error of the referencing manifest too: a bot installing an
    // integration whose interface is broken hears of it at its own `integration:` line.
    const referencing = this.records.get(from.file.path);
    const failed = (diagnostic: Diagnostic | undefined): undefined => {
      if (diagnostic) this.diagnostics.push(diagnostic);
      if (referencing) referencing.errorCount += 1;
      return undefined;
    };
    // A file read for the first time has already reported why it failed, at this reference.
    if (record.readFailure) return failed(known ? record.readFailure(reportAt, reference) : undefined);
    if (record.manifest && record.manifest.kind !== kind) {
      return failed(createDiagnostic('kind-mismatch', { expected: kind, actual: record.manifest.kind }, reportAt()));
    }
    if (!record.manifest || record.errorCount > 0) {
      return failed(createDiagnostic('invalid-referenced-manifest', { path: reference, count: record.errorCount }, reportAt()));
    }
    return record.manifest;
  }

  /**
   * The manifest a reference names, as already loaded and checked, or
   * undefined when it failed; reports nothing (the check already did).
   */
  referencedManifest(from: LoadedManifest, reference: string, kind: ManifestKind): LoadedManifest | undefined {
    let path = resolve(dirname(from.file.path), reference);
    if (isDirectory(path)) path = manifestInFolder(path, kind) ?? path;
    const record = this.records.get(path);
    return record && record.errorCount === 0 ? record.manifest : undefined;
  }

  private load(given: string, kind: ManifestKind | undefined, reportAt: (() => SourceLocation) | undefined, displayPath = given): ManifestRecord {
    let path = given;
    if (isDirectory(given)) {
      const inFolder = manifestInFolder(given, kind);
      if (!inFolder) return this.recordMissingFolderManifest(given, kind, reportAt, displayPath);
      path = inFolder;
    }
    const existing = this.records.get(path);
    if (existing) return existing;
    const loaded = loadManifest(path, {
      maxBytes: this.maxBytes,
      displayPath,
      ...(this.overrides ? { overrides: this.overrides } : {}),
      ...(kind ? { expectedKind: kind } : {}),
      ...(reportAt ? { reportAt } : {}),
    });
    if (loaded.text !== undefined) this.sources.set(path, loaded.text);
    const readFailure: ReportFailure | undefined =
      loaded.text === undefined
        ? (at, shown) => loadManifest(path, { maxBytes: this.maxBytes, displayPath: shown, ...(kind ? { expectedKind: kind } : {}), ...(at ? { reportAt: at } : {}) }).diagnostics[0]!
        : undefined;
    const record: ManifestRecord = { manifest: loaded.manifest, readFailure, errorCount: countErrors(loaded.diagnostics) };
    // Recorded before checking, so a reference cycle finds the record instead of recursing.
    this.records.set(path, record);
    this.diagnostics.push(...loaded.diagnostics);
    if (loaded.manifest) {
      const checked = this.check(loaded.manifest);
      record.errorCount += countErrors(checked);
      this.diagnostics.push(...checked);
    }
    return record;
  }

  /** A folder that holds no manifest (of the expected kind). */
  private recordMissingFolderManifest(
    folder: string,
    kind: ManifestKind | undefined,
    reportAt: (() => SourceLocation) | undefined,
    displayPath: string,
  ): ManifestRecord {
    const readFailure: ReportFailure = (at, shown) =>
      createDiagnostic('no-manifest-in-folder', { path: shown, expected: expectedManifestNames(kind, folder) }, at?.() ?? fileStartLocation(folder));
    const record: ManifestRecord = { manifest: undefined, readFailure, errorCount: 1 };
    if (!this.records.has(folder)) this.diagnostics.push(readFailure(reportAt, displayPath));
    this.records.set(folder, record);
    return record;
  }

  private check(manifest: LoadedManifest): Diagnostic[] {
    try {
      return checkManifest(manifest, this, this.compiler);
    } catch (error) {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return [createDiagnostic('internal-error', { detail }, fileStartLocation(manifest.file.path))];
    }
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
