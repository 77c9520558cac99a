import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import type { PathSegment } from '../load/source-file.js';
import type { ManifestKind } from '../model/manifest-kind.js';
import { isPlainObject, propertyOf, type PlainObject } from '../model/values.js';
import * as compiled from './compiled.generated.js';

/** A standalone Ajv validator, generated at build time from schema/<kind>.schema.json. */
export interface MetaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

const validators: Record<ManifestKind, MetaValidator> = {
  integration: compiled.integrationManifest as MetaValidator,
  interface: compiled.interfaceManifest as MetaValidator,
  bot: compiled.botManifest as MetaValidator,
};

export function metaValidator(kind: ManifestKind): MetaValidator {
  return validators[kind];
}

const schemaDirectory = new URL('../../schema/', import.meta.url);
const metaSchemaCache = new Map<ManifestKind, unknown>();

/** The meta-schema as JSON, read only when a manifest has errors (for titles and "did you mean"). */
export function metaSchemaDocument(kind: ManifestKind): unknown {
  let document = metaSchemaCache.get(kind);
  if (document === undefined) {
    document = JSON.parse(readFileSync(new URL(`${kind}.schema.json`, schemaDirectory), 'utf8')) as unknown;
    metaSchemaCache.set(kind, document);
  }
  return document;
}


export function metaSchemaDefinition(kind: ManifestKind, name: string): unknown {
  return propertyOf(propertyOf(metaSchemaDocument(kind), 'definitions'), name);
}

/**
 * The meta-schema node that applies to the value at `path`, found by walking
 * the meta-schema along the path (through `$ref`, `properties`,
 * `patternProperties`, `additionalProperties`, `items`, and the object branch
 * of an `anyOf`).
 * Standalone validators report schema paths relative to each recursive
 * definition, so this walk is how a diagnostic finds its titles, allowed
 * properties and pattern messages.
 */
export function metaSchemaNodeAt(kind: ManifestKind, path: readonly PathSegment[]): PlainObject | undefined {
  const root = metaSchemaDocument(kind);
  let node = dereference(root, root);
  for (const segment of path) {
    if (!node) return undefined;
    const named = propertyOf(node.properties, String(segment)) ?? matchingPatternProperty(node, String(segment));
    const child = named ?? (isPlainObject(node.additionalProperties) ? node.additionalProperties : node.items);
    node = dereference(root, child);
  }
  return node;
}

/** The `patternProperties` schema whose pattern the key matches (the meta-schemas' patterns are plain `u` regexes). */
function matchingPatternProperty(node: PlainObject, key: string): unknown {
  for (const [pattern, schema] of Object.entries(isPlainObject(node.patternProperties) ? node.patternProperties : {})) {
    if (new RegExp(pattern, 'u').test(key)) return schema;
  }
  return undefined;
}

function dereference(root: unknown, node: unknown): PlainObject | undefined {
  for (let depth = 0; depth < 32 && isPlainObject(node); depth++) {
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#/definitions/')) {
      node = propertyOf(propertyOf(root, 'definitions'), node.$ref.slice('#/definitions/'.length));
    } else if (Array.isArray(node.anyOf)) {
      node = node.anyOf.find((branch) => isPlainObject(branch) && (branch.$ref !== undefined || branch.type === 'object')) ?? node.anyOf[0];
    } else {
      return node;
    }
  }
  return isPlainObject(node) ? node : undefined;
}
