import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The file-system calls the writer makes; tests swap in failing ones. */
export interface WriteFs {
  mkdirSync(path: string, options: { recursive: true }): unknown;
  writeFileSync(path: string, content: string | Uint8Array, options: { flag: string; mode?: number }): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
  rmdirSync(path: string): void;
  statSync(path: string): { mode: number; isFile(): boolean };
}

export const nodeWriteFs: WriteFs = nodeFs;

let tempCounter = 0;

/** `tempPathFor`'s names: `.<target>.<pid>-<n>-<random>.tmp`. */
const TEMP_FILE_NAME = /^\.(.+)\.(\d+)-(\d+)-([a-z0-9]*)\.tmp$/;
/** A temp file this old is left over whatever its pid says (the pid may be another machine's or reused). */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/**
 * A name beside `path`, in the same folder (so the rename stays on one file
 * system), unique per process and call: `.types.ts.<pid>-<n>-<random>.tmp`.
 */
export function tempPathFor(path: string): string {
  tempCounter += 1;
  return join(dirname(path), `.${basename(path)}.${process.pid}-${tempCounter}-${Math.random().toString(36).slice(2, 8)}.tmp`);
}

/**
 * Writes `content` to `path` so a reader sees the old file or the new one,
 * never half of either: write a temp file in the same folder, then rename it
 * over the target. An existing file's permission bits are kept. The temp file
 * is removed when anything fails, and the error is rethrown for the caller to
 * report.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array, fs: WriteFs = nodeWriteFs): void {
  fs.mkdirSync(dirname(path), { recursive: true });
  const mode = existingMode(path, fs);
  const temp = tempPathFor(path);
  try {
    fs.writeFileSync(temp, content, mode === undefined ? { flag: 'wx' } : { flag: 'wx', mode });
    fs.renameSync(temp, path);
  } catch (error) {
    try {
      fs.unlinkSync(temp);
    } catch {
      // never created, or already renamed
    }
    throw error;
  }
}

function existingMode(path: string, fs: WriteFs): number | undefined {
  try {
    const stats = fs.statSync(path);
    return stats.isFile() ? stats.mode & 0o777 : undefined;
  } catch {
    return undefined;
  }
}

/** True for the name of a temp file `tempPathFor` made (never a generated or user file). */
export function isTempFileName(name: string): boolean {
  return TEMP_FILE_NAME.test(name);
}

/**
 * Removes the temp files a killed run left in `folder` (a run killed between
 * writing a temp file and renaming it leaves one; the target still holds its
 * old content, so nothing is lost). Only names `tempPathFor` makes, only
 * regular files, and only when the process that made one is gone (or the
 * file is over an hour old): a run in progress elsewhere keeps its own.
 */
export function removeLeftoverTempFiles(folder: string): void {
  let names: string[];
  try {
    names = nodeFs.readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const match = TEMP_FILE_NAME.exec(name);
    if (!match) continue;
    const path = join(folder, name);
    try {
      const stats = nodeFs.lstatSync(path);
      if (!stats.isFile() || (processIsAlive(Number(match[2])) && Date.now() - stats.mtimeMs < ABANDONED_AFTER_MS)) continue;
      nodeFs.unlinkSync(path);
    } catch {
      // gone already, or not ours to remove: the write that follows reports a real problem
    }
  }
}

function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
