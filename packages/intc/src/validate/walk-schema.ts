import type { PathSegment } from '../load/source-file.js';
import { isPlainObject, type PlainObject } from '../model/values.js';

/** Keywords whose value is one subschema. */
const SINGLE_SCHEMA_KEYWORDS = new Set(['additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'not', 'if', 'then', 'else']);
/** Keywords whose value is an array of subschemas (`items` may also be one subschema). */
const SCHEMA_ARRAY_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'items']);
/** Keywords whose value maps names to subschemas. */
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependencies']);

export type SchemaVisitor = (node: PlainObject, path: PathSegment[]) => void;

/**
 * Calls `visit` for every object (sub)schema of a JSON Schema with its path
 * relative to the root, following only keywords that hold schemas (so an
 * `enum` or `default` value that looks like a schema is never visited).
 */
export function walkSchema(schema: unknown, visit: SchemaVisitor, path: PathSegment[] = []): void {
  if (!isPlainObject(schema)) return;
  visit(schema, path);
  for (const keyword in schema) {
    const value = schema[keyword];
    if (typeof value !== 'object' || value === null) continue;
    if (SINGLE_SCHEMA_KEYWORDS.has(keyword)) {
      walkSchema(value, visit, [...path, keyword]);
    } else if (SCHEMA_ARRAY_KEYWORDS.has(keyword) && Array.isArray(value)) {
      value.forEach((item, index) => walkSchema(item, visit, [...path, keyword, index]));
    } else if (keyword === 'items') {
      walkSchema(value, visit, [...path, keyword]);
    } else if (SCHEMA_MAP_KEYWORDS.has(keyword)) {
      for (const name in value) walkSchema((value as PlainObject)[name], visit, [...path, keyword, name]);
    }
  }
}

/**
 * The keywords a JSON pointer into a schema passes through (`#/properties/a/items`
 * → ['properties', 'items']: `a` is a name), as far as it stays on schemas:
 * after a keyword whose value is data (`enum`, `x-foo`…) nothing is a keyword.
 */
export function keywordsAlong(schema: unknown, pointer: readonly PathSegment[]): string[] {
  const keywords: string[] = [];
  let node = schema;
  let i = 0;
  while (i < pointer.length && isPlainObject(node)) {
    const keyword = String(pointer[i]);
    keywords.push(keyword);
    const value = ownValue(node, keyword);
    if (SINGLE_SCHEMA_KEYWORDS.has(keyword) || (keyword === 'items' && !Array.isArray(value))) {
      node = value;
      i += 1;
    } else if (SCHEMA_MAP_KEYWORDS.has(keyword) || SCHEMA_ARRAY_KEYWORDS.has(keyword)) {
      node = ownValue(value, String(pointer[i + 1]));
      i += 2;
    } else {
      break;
    }
  }
  return keywords;
}

function ownValue(container: unknown, key: string): unknown {
  return typeof container === 'object' && container !== null && Object.hasOwn(container, key) ? (container as PlainObject)[key] : undefined;
}
