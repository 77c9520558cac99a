import { dirname, join } from 'node:path';
import { createDiagnostic, fileStartLocation, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ProjectLayout } from '../generate/project-layout.js';
import { readText, STATE_FILE_NAME } from './input-cache.js';
import { isInside, PathGuard } from './path-guard.js';
import { nodeWriteFs, removeLeftoverTempFiles, writeFileAtomic, type WriteFs } from './atomic-write.js';
import { writeFailureReason, type DisplayPath, type PlannedFile, type WritePlan } from './plan-writes.js';

export interface ApplyResult {
  /** One output-not-writable diagnostic when a write or delete failed; empty on success. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Carries out a plan: removes temp files a killed run left in the folders it
 * writes to, writes what is new or changed (atomically), leaves
 * unchanged files alone (their mtime stays), deletes stale generated files
 * and then the folders that deleting left empty. Stops at the first failure,
 * so nothing is deleted and no record is written after a failed write.
 */
export function applyWrites(plan: WritePlan, displayPath: DisplayPath, fs: WriteFs = nodeWriteFs): ApplyResult {
  for (const folder of new Set([...plan.folders, ...plan.files.map((file) => dirname(file.path))])) removeLeftoverTempFiles(folder);
  for (const file of plan.files) {
    try {
      applyOne(file, fs);
    } catch (error) {
      const reason = writeFailureReason(error, file.path, displayPath);
      const what = file.status !== 'delete' ? reason : file.kind === 'stub' ? `${reason} (deleting the old file of a moved handler)` : `${reason} (deleting a stale generated file)`;
      return { diagnostics: [createDiagnostic('output-not-writable', { path: displayPath(file.path), reason: what }, fileStartLocation(file.path))] };
    }
  }
  return { diagnostics: [] };
}

function applyOne(file: PlannedFile, fs: WriteFs): void {
  switch (file.status) {
    case 'create':
    case 'update':
      writeFileAtomic(file.path, file.content ?? '', fs);
      return;
    case 'delete':
      // A moved handler's old file is deleted only while it holds what was moved (never an edit made meanwhile).
      if (file.kind === 'stub' && readText(file.path) !== file.previous) return;
      try {
        fs.unlinkSync(file.path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; // already gone: what deleting wanted
      }
      if (file.root !== undefined) removeEmptiedFolders(dirname(file.path), file.root, fs);
      return;
    case 'unchanged':
      return;
  }
}

/** Removes the folders below `root` a deletion emptied; one with anything left in it stays (rmdir refuses). */
function removeEmptiedFolders(folder: string, root: string, fs: WriteFs): void {
  for (let current = folder; isInside(root, current); current = dirname(current)) {
    try {
      fs.rmdirSync(current);
    } catch {
      return; // not empty
    }
  }
}

/**
 * Writes the run record (`<generated>/.intc-state.json`) when its text
 * changed. Called last, after everything it describes is on disk.
 */
export function writeRecord(layout: ProjectLayout, text: string, displayPath: DisplayPath, fs: WriteFs = nodeWriteFs): Diagnostic[] {
  const path = join(layout.generatedDir, STATE_FILE_NAME);
  const refused = new PathGuard(layout).refuseWrite(path, 'state');
  if (refused) return [createDiagnostic('output-not-writable', { path: displayPath(path), reason: refused }, fileStartLocation(path))];
  if (readText(path) === text) return [];
  try {
    writeFileAtomic(path, text, fs);
    return [];
  } catch (error) {
    return [createDiagnostic('output-not-writable', { path: displayPath(path), reason: writeFailureReason(error, path, displayPath) }, fileStartLocation(path))];
  }
}
