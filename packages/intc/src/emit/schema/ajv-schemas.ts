/**
 * Schemas as the generated validators compile them: `$ref: '#/entities/x'`
 * points at the entity's own URI (as in validate/schema-compiler.ts), and
 * titles, descriptions and `$comment`s are left out (they change nothing a
 * validator does, and Ajv would otherwise copy them into the code), and so
 * are `x-` extensions and `discriminator` (annotations for other tools).
 * parse-schemas.ts then rewrites them for zod's parse semantics.
 */
import { isIgnoredByValidators } from '../../model/schema-extensions.js';
import { isPlainObject, type PlainObject } from '../../model/values.js';
import { ENTITY_REF_PREFIX, isEntityRef, safeDecodeUri } from '../../validate/json-pointer.js';

export const ENTITY_BASE = 'https://intc.invalid/entities/';

/** Only ever strings, so no `$ref` can point at them. */
const DOCUMENTATION = new Set(['title', 'description', '$comment']);
const SINGLE_SCHEMA = new Set(['additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'not', 'if', 'then', 'else']);
const SCHEMA_ARRAYS = new Set(['allOf', 'anyOf', 'oneOf']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependencies']);

/** The URI an entity's schema is registered under. */
export function entityUri(name: string): string {
  return `${ENTITY_BASE}${encodeURIComponent(name)}.json`;
}

export function schemaForAjv(schema: unknown): unknown {
  if (!isPlainObject(schema)) return schema;
  const out: PlainObject = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if ((DOCUMENTATION.has(keyword) && typeof value === 'string') || isIgnoredByValidators(keyword)) continue;
    setOwn(out, keyword, translateKeyword(keyword, value));
  }
  return out;
}

function translateKeyword(keyword: string, value: unknown): unknown {
  if (keyword === '$ref' && typeof value === 'string' && isEntityRef(value)) return entityUri(safeDecodeUri(value.slice(ENTITY_REF_PREFIX.length)));
  if (SINGLE_SCHEMA.has(keyword)) return schemaForAjv(value);
  if (SCHEMA_ARRAYS.has(keyword) && Array.isArray(value)) return value.map(schemaForAjv);
  if (keyword === 'items') return Array.isArray(value) ? value.map(schemaForAjv) : schemaForAjv(value);
  if (SCHEMA_MAPS.has(keyword) && isPlainObject(value)) {
    const map: PlainObject = {};
    // `dependencies` may also hold lists of property names, which stay as they are.
    for (const [name, member] of Object.entries(value)) setOwn(map, name, Array.isArray(member) ? member : schemaForAjv(member));
    return map;
  }
  return value;
}

/** Sets a key as an own property, even `__proto__`. */
function setOwn(target: PlainObject, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
