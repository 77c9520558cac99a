/**
 * The order keywords are written in, in every schema and subschema, so an
 * imported manifest reads like a hand-written one and two imports give the
 * same bytes: what the value is (`type`, `title`, `description`), its
 * constraints, then its structure (`items`, `properties`, `required`…), then
 * combinators, definitions and Botpress's `x-zui`; anything else after, in
 * name order. Property maps keep the definition's order (it is the order of
 * the fields in Botpress's configuration forms).
 */
import { defineOwn } from '../model/values.js';
import { compareNames } from '../model/integration-model.js';
import { isDataObject, type JsonObject, type JsonValue } from './plain-json.js';

const KEYWORD_ORDER = [
  '$schema', '$id', '$ref', '$comment',
  'type', 'title', 'description', 'format', 'const', 'enum', 'default', 'examples', 'readOnly', 'writeOnly', 'deprecated',
  'minLength', 'maxLength', 'pattern', 'contentEncoding', 'contentMediaType',
  'minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum', 'multipleOf',
  'items', 'additionalItems', 'contains', 'minItems', 'maxItems', 'uniqueItems',
  'properties', 'required', 'patternProperties', 'additionalProperties', 'propertyNames', 'minProperties', 'maxProperties', 'dependencies',
  'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'discriminator',
  'definitions', '$defs', 'x-zui',
];
const RANK = new Map(KEYWORD_ORDER.map((keyword, index) => [keyword, index]));

/** Keywords whose value is a schema. */
const SCHEMA_VALUED = new Set(['items', 'additionalItems', 'contains', 'additionalProperties', 'propertyNames', 'not', 'if', 'then', 'else']);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'items']);
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependencies']);

export function orderSchema(schema: JsonObject): JsonObject {
  const ordered: JsonObject = {};
  for (const keyword of Object.keys(schema).sort(compareKeywords)) defineOwn(ordered, keyword, orderValue(keyword, schema[keyword] as JsonValue));
  return ordered;
}

function orderValue(keyword: string, value: JsonValue): JsonValue {
  if (SCHEMA_LISTS.has(keyword) && Array.isArray(value)) return value.map((item) => (isDataObject(item) ? orderSchema(item as JsonObject) : item));
  if (SCHEMA_VALUED.has(keyword) && isDataObject(value)) return orderSchema(value as JsonObject);
  if (SCHEMA_MAPS.has(keyword) && isDataObject(value)) {
    const map: JsonObject = {};
    for (const [name, item] of Object.entries(value as JsonObject)) defineOwn(map, name, isDataObject(item) ? orderSchema(item as JsonObject) : item);
    return map;
  }
  return value;
}

function compareKeywords(a: string, b: string): number {
  const rankA = RANK.get(a) ?? KEYWORD_ORDER.length;
  const rankB = RANK.get(b) ?? KEYWORD_ORDER.length;
  return rankA - rankB || compareNames(a, b);
}
