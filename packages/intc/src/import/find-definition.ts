/**
 * What `intc import <path>` names: a definition file, or a folder holding
 * `integration.definition.ts` (else `interface.definition.ts`), as the
 * Botpress CLI finds a project's definition.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { INTERFACE_DEFINITION_FILE } from './bp-modules.js';
import { importFailure } from './import-failure.js';

export const INTEGRATION_DEFINITION_FILE = 'integration.definition.ts';

/** The absolute path of the definition file `target` (relative to `cwd`) stands for. */
export function findDefinition(target: string, cwd: string): string {
  const path = resolve(cwd, target);
  if (isFile(path)) return path;
  if (isFolder(path)) {
    for (const name of [INTEGRATION_DEFINITION_FILE, INTERFACE_DEFINITION_FILE]) {
      if (isFile(join(path, name))) return join(path, name);
    }
  }
  throw importFailure('definition-not-found', { path: target }, path);
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

function isFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
