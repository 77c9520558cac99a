/**
 * Writes an import's manifests, all inside the output folder: nothing when
 * any of them (or another manifest of the same kind beside the main one)
 * exists and `--force` was not given; otherwise each file atomically
 * (temp file + rename), a file whose content is already right left as it is.
 */
import { existsSync, lstatSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { createDiagnostic, fileStartLocation, type Diagnostic } from '../diagnostics/diagnostic.js';
import { writeFileAtomic } from '../write/atomic-write.js';
import { isInside, isInsideOrSame } from '../write/path-guard.js';
import type { ImportedDefinition } from './import-definition.js';
import { ImportFailure } from './import-failure.js';

export type WriteStatus = 'created' | 'replaced' | 'unchanged';

export interface WrittenFile {
  readonly path: string;
  readonly status: WriteStatus;
}

/** Throws unless every file of `imported` may be written: inside the output folder, and new (or `force`). */
export function assertWritable(imported: ImportedDefinition, force: boolean): void {
  for (const file of imported.files) assertInside(imported.outDir, file.path);
  if (force) return;
  const existing = [...imported.files.map((file) => file.path), ...otherManifestsBeside(imported)].filter((path) => existsSync(path));
  if (existing.length > 0) throw new ImportFailure(existing.map((path) => createDiagnostic('manifest-exists', { path: basename(path) }, fileStartLocation(path))));
}

/** Writes the files `assertWritable` allowed; one whose content is already right is left as it is. */
export function writeImported(imported: ImportedDefinition): WrittenFile[] {
  return imported.files.map((file) => {
    const before = existsSync(file.path) ? readFileSync(file.path, 'utf8') : undefined;
    if (before === file.content) return { path: file.path, status: 'unchanged' };
    try {
      writeFileAtomic(file.path, file.content);
    } catch (error) {
      throw new ImportFailure([notWritable(file.path, (error as NodeJS.ErrnoException).code ?? String(error))]);
    }
    return { path: file.path, status: before === undefined ? 'created' : 'replaced' };
  });
}

/** `integration.yml` / `.json` beside the `integration.yaml` written (two manifests in one folder would be ambiguous). */
function otherManifestsBeside(imported: ImportedDefinition): string[] {
  const main = imported.files[0]?.path;
  if (!main) return [];
  const stem = basename(main).replace(/\.yaml$/, '');
  return ['yml', 'json'].map((extension) => join(dirname(main), `${stem}.${extension}`));
}

/**
 * Import paths are built from the output folder and names intc makes safe, so
 * a path outside it is a bug; a symbolic link inside it that leads out is
 * the user's, and refused.
 */
function assertInside(outDir: string, path: string): void {
  if (!isInside(outDir, path)) throw new Error(`import would write outside its output folder: ${path}`);
  const realOut = existsSync(outDir) ? realpathSync(outDir) : outDir;
  const parts = relative(outDir, path).split(sep);
  for (let depth = 1; depth <= parts.length; depth++) {
    const at = join(outDir, ...parts.slice(0, depth));
    if (!existsSync(at) || !lstatSync(at).isSymbolicLink()) continue;
    if (!isInsideOrSame(realOut, realpathSync(at))) {
      throw new ImportFailure([notWritable(path, `'${relative(outDir, at)}' is a symbolic link leading out of the output folder`)]);
    }
  }
}

function notWritable(path: string, reason: string): Diagnostic {
  return createDiagnostic('output-not-writable', { path, reason }, fileStartLocation(path));
}
