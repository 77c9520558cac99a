import type { ManifestKind } from './manifest-kind.js';
import type { PathSegment } from '../load/source-file.js';
import { matchPathPattern, type PathPattern } from './path-pattern.js';

/** Where each kind of manifest holds an embedded JSON Schema. */
const EMBEDDED_SCHEMA_PATTERNS: Record<ManifestKind, readonly PathPattern[]> = {
  integration: [
    ['configuration', 'schema'],
    ['configurations', '*', 'schema'],
    ['channels', '*', 'messages', '*', 'schema'],
    ['actions', '*', 'input', 'schema'],
    ['actions', '*', 'output', 'schema'],
    ['events', '*', 'schema'],
    ['states', '*', 'schema'],
    ['entities', '*', 'schema'],
  ],
  interface: [
    ['entities', '*', 'schema'],
    ['actions', '*', 'input', 'schema'],
    ['actions', '*', 'output', 'schema'],
    ['events', '*', 'schema'],
    ['channels', '*', 'messages', '*', 'schema'],
  ],
  bot: [],
};

export interface EmbeddedSchema {
  /** Path of the `schema` value in the manifest. */
  readonly path: readonly PathSegment[];
  readonly schema: unknown;
}

/** Every embedded schema of a manifest, entities first (others refer to them). */
export function collectEmbeddedSchemas(kind: ManifestKind, manifest: unknown): EmbeddedSchema[] {
  const found: EmbeddedSchema[] = [];
  for (const pattern of EMBEDDED_SCHEMA_PATTERNS[kind]) {
    matchPathPattern(manifest, pattern, (path, schema) => found.push({ path, schema }));
  }
  return found.sort((a, b) => Number(b.path[0] === 'entities') - Number(a.path[0] === 'entities'));
}
