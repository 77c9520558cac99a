import { createDiagnostic, fileStartLocation, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import { kindFromFileName, kindFromValue, type ManifestKind } from '../model/manifest-kind.js';
import { capitalize } from '../model/naming.js';
import { propertyOf } from '../model/values.js';
import { parseYaml } from './parse-yaml.js';
import { readSource } from './read-source.js';
import { locate, type SourceFile } from './source-file.js';

/** A manifest that parsed and whose kind is known; its value is not validated yet. */
export interface LoadedManifest {
  readonly kind: ManifestKind;
  readonly file: SourceFile;
  readonly value: unknown;
}

export interface LoadOptions {
  readonly maxBytes: number;
  /** The kind a referencing manifest expects here, used when neither name nor `kind` tells. */
  readonly expectedKind?: ManifestKind;
  /** Where a missing file is reported: the referencing value (located only when needed). */
  readonly reportAt?: () => SourceLocation;
  /** The path as the user wrote it, for messages (defaults to `path`). */
  readonly displayPath?: string;
  /** Texts to use instead of the files on disk. */
  readonly overrides?: ReadonlyMap<string, string>;
}

export interface LoadResult {
  readonly manifest: LoadedManifest | undefined;
  /** The text, when it could be read, for code frames. */
  readonly text: string | undefined;
  readonly diagnostics: Diagnostic[];
}

/** Reads, parses and classifies one manifest file. */
export function loadManifest(path: string, options: LoadOptions): LoadResult {
  const what = options.expectedKind ? `${capitalize(options.expectedKind)} manifest` : 'Manifest';
  const read = readSource(path, {
    maxBytes: options.maxBytes,
    what,
    displayPath: options.displayPath ?? path,
    ...(options.reportAt ? { reportAt: options.reportAt } : {}),
    ...(options.overrides ? { overrides: options.overrides } : {}),
  });
  if (!read.ok) return { manifest: undefined, text: read.text, diagnostics: [read.diagnostic] };
  const parsed = parseYaml(path, read.text);
  const diagnostics = [...parsed.diagnostics];
  if (parsed.value === undefined) return { manifest: undefined, text: read.text, diagnostics };

  const kindByName = kindFromFileName(path);
  const kindByField = kindFromValue(parsed.value);
  if (kindByName && kindByField && kindByName !== kindByField) {
    diagnostics.push(createDiagnostic('kind-mismatch', { expected: kindByName, actual: kindByField }, locate(parsed.file, ['kind'])));
  }
  const kind = kindByName ?? kindByField ?? options.expectedKind;
  if (!kind) {
    const at = propertyOf(parsed.value, 'kind') === undefined ? fileStartLocation(path) : locate(parsed.file, ['kind']);
    diagnostics.push(createDiagnostic('unknown-manifest-kind', { file: options.displayPath ?? path }, at));
    return { manifest: undefined, text: read.text, diagnostics };
  }
  return { manifest: { kind, file: parsed.file, value: parsed.value }, text: read.text, diagnostics };
}
