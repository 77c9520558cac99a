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
