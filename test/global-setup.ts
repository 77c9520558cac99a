/**
 * One folder per vitest run for what test files share (test/packed-tarballs.ts:
 * the packed tarballs and a project that installed them, made by the first
 * file that asks). Creating it costs nothing; nothing is packed unless asked.
 */
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    sharedRunFolder: string;
  }
}

export default function setup(project: TestProject): () => Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'intc-run-'));
  project.provide('sharedRunFolder', folder);
  // Asynchronously: a synchronous removal of the installed projects would block vitest while it stops its workers.
  return () => rm(folder, { recursive: true, force: true });
}
