import type { PathSegment } from '../load/source-file.js';
import { entriesOf, isPlainObject, type PlainObject } from '../model/values.js';

/** Keywords whose value is one subschema. */
const SINGLE_SCHEMA_KEYWORDS = ['additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'not', 'if', 'then', 'else'];
/** Keywords whose value is an array of subschemas. */
const SCHEMA_ARRAY_KEYWORDS = ['allOf', 'anyOf', 'oneOf'];
/** Keywords whose value maps names to subschemas. */
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependencies'];

/**
 * Calls `visit` for every object (sub)schema of a JSON Schema with its path
 * relative to the root, following only keywords that hold schemas (so an
 * `enum` or `default` value that looks like a schema is never visited).
 */
export function walkSchema(schema: unknown, visit: (node: PlainObject, path: PathSegment[]) => void, path: PathSegment[] = []): void {
  if (!isPlainObject(schema)) return;
  visit(schema, path);
  for (const keyword of SINGLE_SCHEMA_KEYWORDS) walkSchema(schema[keyword], visit, [...path, keyword]);
  for (const keyword of SCHEMA_ARRAY_KEYWORDS) walkArray(schema[keyword], visit, [...path, keyword]);
  for (const keyword of SCHEMA_MAP_KEYWORDS) {
    for (const [name, child] of entriesOf(schema[keyword])) walkSchema(child, visit, [...path, keyword, name]);
  }
  const items = schema.items;
  if (Array.isArray(items)) walkArray(items, visit, [...path, 'items']);
  else walkSchema(items, visit, [...path, 'items']);
}

function walkArray(value: unknown, visit: (node: PlainObject, path: PathSegment[]) => void, path: PathSegment[]): void {
  if (!Array.isArray(value)) return;
  value.forEach((item, index) => walkSchema(item, visit, [...path, index]));
}
