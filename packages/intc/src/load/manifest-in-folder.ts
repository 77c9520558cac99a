import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { kindFromFileName, MANIFEST_KINDS, type ManifestKind } from '../model/manifest-kind.js';

/**
 * The manifest a folder stands for: `integration.yaml` (or .yml, .json),
 * else `interface.*`, else `bot.*`, else a single `<name>.<kind>.yaml`;
 * only of `kind` when one is expected. Undefined when there is none, or
 * when several `<name>.<kind>.yaml` leave the choice open.
 */
export function manifestInFolder(folder: string, kind?: ManifestKind): string | undefined {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return undefined;
  }
  const kinds = kind ? [kind] : MANIFEST_KINDS;
  for (const candidate of kinds) {
    const exact = ['yaml', 'yml', 'json'].map((ext) => `${candidate}.${ext}`).find((name) => names.includes(name));
    if (exact) return join(folder, exact);
  }
  const named = names.filter((name) => {
    const found = kindFromFileName(name);
    return found !== undefined && kinds.includes(found);
  });
  return named.length === 1 ? join(folder, named[0]!) : undefined;
}

/** For messages: what a folder is expected to hold, and what it holds when that is ambiguous. */
export function expectedManifestNames(kind?: ManifestKind, folder?: string): string {
  const expected = kind ? `${kind}.yaml (or .yml, .json, <name>.${kind}.yaml)` : 'integration.yaml, interface.yaml or bot.yaml (or .yml, .json, <name>.<kind>.yaml)';
  const candidates = folder ? namedManifests(folder, kind) : [];
  return candidates.length > 1 ? `one ${expected}, but it holds ${candidates.join(', ')}: name the file` : expected;
}

function namedManifests(folder: string, kind?: ManifestKind): string[] {
  try {
    return readdirSync(folder).filter((name) => {
      const found = kindFromFileName(name);
      return found !== undefined && (kind === undefined || found === kind);
    }).sort();
  } catch {
    return [];
  }
}
