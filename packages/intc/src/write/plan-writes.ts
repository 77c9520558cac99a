import { lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { createDiagnostic, fileStartLocation, type Diagnostic } from '../diagnostics/diagnostic.js';
import { isIntcGenerated, type GeneratedFile } from '../emit/generated-file.js';
import type { ProjectLayout } from '../generate/project-layout.js';
import { isTempFileName } from './atomic-write.js';
import { hashText, previousOutputHashes, STATE_FILE_NAME } from './input-cache.js';
import { isSafeRelativePath, PathGuard, type OutputKind } from './path-guard.js';

/** A handler stub as the stub planner returns it (absolute path). */
export interface StubFile {
  readonly path: string;
  /** What to write; for a deletion, what the file must still hold to be deleted. */
  readonly content: string;
  /** `delete`: the old file of a moved handler (a rename). */
  readonly status: 'create' | 'update' | 'delete';
  /** For the new file of a moved handler: the old file. */
  readonly movedFrom?: string;
}

/** Everything one manifest's run wants on disk. */
export interface ProjectOutput {
  readonly layout: ProjectLayout;
  readonly generated: readonly GeneratedFile[];
  readonly stubs: readonly StubFile[];
}

export type WriteStatus = 'create' | 'update' | 'unchanged' | 'delete';

export interface PlannedFile {
  /** Absolute path. */
  readonly path: string;
  readonly kind: OutputKind;
  readonly status: WriteStatus;
  /** The content to write (create, update, unchanged). */
  readonly content?: string;
  /** What is on disk now (update, unchanged, delete). */
  readonly previous?: string;
  /** For a deletion: the output folder, below which folders the deletion empties are removed too. */
  readonly root?: string;
  /** A stub created or updated as a moved handler: the file it moves from (deleted after it). */
  readonly movedFrom?: string;
}

export interface WritePlan {
  /** Generated files, stubs and stale files, in the order they are to be applied. */
  readonly files: readonly PlannedFile[];
  /** Paths intc refuses to write, or cannot (output-not-writable). Nothing is applied when there are any. */
  readonly diagnostics: readonly Diagnostic[];
  /** The output folders, where temp files a killed run left are removed even when nothing else is written there. */
  readonly folders: readonly string[];
}

export type DisplayPath = (path: string) => string;

/**
 * What writing the projects would do, file by file, without touching the
 * disk: create, update or leave each generated file and stub, delete stale
 * generated files (only files intc wrote, only inside the generated folder).
 * Paths the guard refuses and outputs that cannot be written (a file where a
 * folder should be, a folder where a file should be) become diagnostics.
 */
export function planWrites(projects: readonly ProjectOutput[], displayPath: DisplayPath): WritePlan {
  const files: PlannedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const refuse = (path: string, reason: string) =>
    diagnostics.push(createDiagnostic('output-not-writable', { path: displayPath(path), reason }, fileStartLocation(path)));

  for (const project of projects) {
    const { layout } = project;
    const guard = new PathGuard(layout);
    const unusable = [...guard.refuseOutputFolders(), ...foldersInTheWay(layout, displayPath)];
    if (unusable.length > 0) {
      for (const { folder, reason } of unusable) refuse(folder, reason);
      continue;
    }
    const recorded = previousOutputHashes(layout.generatedDir);
    const plan = (path: string, kind: OutputKind, content: string, movedFrom?: string) => {
      const refused = guard.refuseWrite(path, kind);
      if (refused) return refuse(path, refused);
      const current = readCurrent(path, displayPath);
      if (current.blocked) return refuse(path, current.blocked);
      const moved = movedFrom === undefined ? {} : { movedFrom };
      if (current.text === undefined) return files.push({ path, kind, status: 'create', content, ...moved });
      if (current.text === content) return files.push({ path, kind, status: 'unchanged', content, previous: current.text });
      if (kind === 'generated' && !writtenByIntc(layout, path, current.text, recorded)) return refuse(path, NOT_OURS);
      return files.push({ path, kind, status: 'update', content, previous: current.text, ...moved });
    };

    const generatedPaths = new Set<string>();
    for (const file of project.generated) {
      if (!isSafeRelativePath(file.path)) {
        refuse(join(layout.generatedDir, file.path), `'${file.path}' is not a plain relative path inside the generated folder`);
        continue;
      }
      const path = join(layout.generatedDir, ...file.path.split('/'));
      generatedPaths.add(path);
      plan(path, 'generated', file.content);
    }
    for (const stub of project.stubs) {
      if (stub.status !== 'delete') plan(stub.path, 'stub', stub.content, stub.movedFrom);
      else {
        // The old file of a moved handler: deleted after the new one is written, and only if it still holds what was moved.
        const refused = guard.refuseWrite(stub.path, 'stub');
        if (refused) refuse(stub.path, refused);
        else files.push({ path: stub.path, kind: 'stub', status: 'delete', previous: stub.content, root: layout.srcDir });
      }
    }
    for (const stale of staleGeneratedFiles(layout, generatedPaths)) {
      const refused = guard.refuseDelete(stale.path);
      if (!refused) files.push({ path: stale.path, kind: 'generated', status: 'delete', previous: stale.text, root: layout.generatedDir });
    }
  }
  const folders = projects.flatMap(({ layout }) => [layout.generatedDir, layout.srcDir]);
  return { files: orderForApplying(files), diagnostics, folders };
}

const NOT_OURS = 'it exists and intc did not write it (no do-not-edit header); move it, or choose another --out';

/** A file in the generated folder intc may overwrite: it has the header, or the last run wrote it as it is. */
function writtenByIntc(layout: ProjectLayout, path: string, text: string, recorded: ReadonlyMap<string, string>): boolean {
  if (isIntcGenerated(text)) return true;
  return recorded.get(relative(layout.generatedDir, path).split(sep).join('/')) === hashText(text);
}

/**
 * Files in the generated folder that this run does not produce and that
 * intc wrote: they open with the do-not-edit header, or the previous run's
 * record lists them with the content they still have. Symbolic links are
 * never followed or deleted; anything else is left alone.
 */
function staleGeneratedFiles(layout: ProjectLayout, current: ReadonlySet<string>): { path: string; text: string }[] {
  const folder = layout.generatedDir;
  const previous = previousOutputHashes(folder);
  const stale: { path: string; text: string }[] = [];
  for (const path of regularFilesBelow(folder)) {
    if (current.has(path) || path === join(folder, STATE_FILE_NAME)) continue;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    const recorded = previous.get(relative(folder, path).split(sep).join('/'));
    if (isIntcGenerated(text) || (recorded !== undefined && recorded === hashText(text))) stale.push({ path, text });
  }
  return stale;
}

function regularFilesBelow(folder: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile() && !isTempFileName(entry.name)) found.push(path); // temp files: removeLeftoverTempFiles
    }
  };
  visit(folder);
  return found.sort();
}

type Current = { text?: string; blocked?: string };

/** What is at `path` now: its text, nothing, or why nothing can be written there. */
function readCurrent(path: string, displayPath: DisplayPath): Current {
  try {
    return { text: readFileSync(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return {};
    return { blocked: writeFailureReason(error, path, displayPath) };
  }
}

/** Why a write or delete failed, in words (never a stack trace). */
export function writeFailureReason(error: unknown, path: string, displayPath: DisplayPath): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
    case 'EEXIST': {
      const file = fileInTheWay(path);
      return file ? `'${displayPath(file)}' is a file, not a folder` : 'a part of the path is not a folder';
    }
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * An output folder that is a file, or lies below one: said once per blocking
 * file, instead of once for every file that was to be written there.
 */
function foldersInTheWay(layout: ProjectLayout, displayPath: DisplayPath): { folder: string; reason: string }[] {
  const found = new Map<string, { folder: string; reason: string }>();
  for (const folder of [layout.generatedDir, layout.srcDir]) {
    const file = fileInTheWay(join(folder, 'file'));
    if (file !== undefined && !found.has(file)) found.set(file, { folder, reason: inTheWay(file, folder, displayPath) });
  }
  return [...found.values()];
}

/** Why `file` (the output folder itself or one of its ancestors) stops the output folder from being made. */
function inTheWay(file: string, folder: string, displayPath: DisplayPath): string {
  const what = file === folder ? 'it' : `'${displayPath(file)}'`;
  try {
    if (lstatSync(file).isSymbolicLink()) return `${what} is a symbolic link to '${readlinkSync(file)}', which does not exist`;
  } catch {
    // gone meanwhile: say what was seen
  }
  return `${what} is a file, not a folder`;
}

/** The nearest ancestor of `path` that exists and is not a folder. */
function fileInTheWay(path: string): string | undefined {
  for (let current = dirname(path); ; current = dirname(current)) {
    try {
      const stats = lstatSync(current);
      if (!stats.isDirectory() && !(stats.isSymbolicLink() && isDirectory(current))) return current;
      return undefined;
    } catch {
      if (dirname(current) === current) return undefined;
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

const APPLY_ORDER: Record<OutputKind, number> = { generated: 0, stub: 1, state: 3 };

/** Generated files, then stubs (they import generated code), then deletions (stale generated files, moved handlers' old files). */
function orderForApplying(files: readonly PlannedFile[]): PlannedFile[] {
  const rank = (file: PlannedFile) => (file.status === 'delete' ? 2 : APPLY_ORDER[file.kind]);
  return files
    .map((file, index) => ({ file, index }))
    .sort((a, b) => rank(a.file) - rank(b.file) || a.index - b.index)
    .map(({ file }) => file);
}
