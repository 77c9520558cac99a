/**
 * A schema as the rows of a reference table: one row per property, nested
 * objects flattened with dotted paths (`from.id`), array items as `items[]`
 * (`items[].title`), in the order the schema declares them (the order a
 * configuration form shows). A `$ref` to an entity is a link to the
 * entity's section, not expanded; local `#/definitions/…` refs are followed
 * (once per path, so a recursive definition ends).
 */
import { schemaTitle, ZUI_KEYWORD } from '../model/schema-extensions.js';
import { isPlainObject, propertyOf, type PlainObject } from '../model/values.js';
import { decodePointer, ENTITY_REF_PREFIX, isEntityRef } from '../validate/json-pointer.js';
import { codeSpan } from './markdown.js';

export interface FieldRow {
  /** `from.id`, `items[].title`. */
  readonly path: string;
  /** Markdown, ready for a cell: `string`, `string[]`, a link to an entity. */
  readonly type: string;
  readonly required: boolean;
  /** The `default` as JSON, if any. */
  readonly defaultValue?: string;
  readonly title?: string;
  readonly description?: string;
  /** `x-zui.secret: true` or `writeOnly: true`. */
  readonly secret: boolean;
  /** The value constraints a reader must know, as written: `[['minLength', '1'], ['pattern', '"^a"']]`. */
  readonly constraints: readonly (readonly [string, string])[];
}

/** Keywords shown as constraints, in this order (format and enums are in the type). */
const CONSTRAINTS = ['minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties'];

/** Renders an entity reference (a markdown link to its section). */
export type EntityLink = (entity: string) => string;

/** The rows of an object schema; `entityLink` writes a `$ref` to an entity. */
export function fieldRows(schema: unknown, entityLink: EntityLink): FieldRow[] {
  const rows: FieldRow[] = [];
  const root = isPlainObject(schema) ? schema : {};
  addProperties(rows, resolveLocal(root, root, new Set()), '', { root, entityLink, following: new Set() });
  return rows;
}

/** The entity a schema is, when it is a whole `$ref: '#/entities/<name>'`. */
export function entityOf(schema: unknown): string | undefined {
  const ref = propertyOf(schema, '$ref');
  return typeof ref === 'string' && isEntityRef(ref) ? ref.slice(ENTITY_REF_PREFIX.length) : undefined;
}

interface Walk {
  readonly root: PlainObject;
  readonly entityLink: EntityLink;
  /** Local definitions being expanded on the current path. */
  readonly following: Set<unknown>;
}

function addProperties(rows: FieldRow[], schema: PlainObject | undefined, prefix: string, walk: Walk): void {
  if (!schema) return;
  const properties = propertyOf(schema, 'properties');
  const required = propertyOf(schema, 'required');
  if (!isPlainObject(properties)) return;
  for (const [name, property] of Object.entries(properties)) {
    const path = `${prefix}${name}`;
    const resolved = resolveLocal(property, walk.root, walk.following);
    rows.push(row(path, property, resolved, Array.isArray(required) && required.includes(name), walk));
    if (!resolved || entityOf(property) !== undefined || walk.following.has(resolved)) continue;
    expand(rows, resolved, path, walk);
  }
}

/** The rows below a property: its object properties, or its array items'. */
function expand(rows: FieldRow[], schema: PlainObject, path: string, walk: Walk): void {
  walk.following.add(schema);
  addProperties(rows, schema, `${path}.`, walk);
  const items = propertyOf(schema, 'items');
  const resolvedItems = isPlainObject(items) && entityOf(items) === undefined ? resolveLocal(items, walk.root, walk.following) : undefined;
  if (resolvedItems && !walk.following.has(resolvedItems)) expand(rows, resolvedItems, `${path}[]`, walk);
  walk.following.delete(schema);
}

function row(path: string, written: unknown, schema: PlainObject | undefined, required: boolean, walk: Walk): FieldRow {
  const node = schema ?? {};
  const zui = propertyOf(node, ZUI_KEYWORD);
  const title = schemaTitle(node) ?? (isPlainObject(written) ? schemaTitle(written) : undefined);
  const description = typeof node.description === 'string' ? node.description : isPlainObject(written) && typeof written.description === 'string' ? written.description : undefined;
  return {
    path,
    type: typeText(written, walk),
    required,
    ...(node.default === undefined ? {} : { defaultValue: JSON.stringify(node.default) }),
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
    secret: propertyOf(zui, 'secret') === true || node.writeOnly === true,
    constraints: CONSTRAINTS.filter((keyword) => node[keyword] !== undefined).map((keyword) => [keyword, JSON.stringify(node[keyword])] as const),
  };
}

/** A schema's type as a cell: `string (uri)`, `"a" \| "b"`, `object[]`, an entity link. */
export function typeText(schema: unknown, walk: Pick<Walk, 'root' | 'entityLink'>, depth = 0): string {
  const entity = entityOf(schema);
  if (entity !== undefined) return walk.entityLink(entity);
  const node = resolveLocal(schema, walk.root, new Set());
  if (!node) return schema === false ? 'never' : 'any';
  if (depth > 4) return 'any';
  if (Object.hasOwn(node, 'const')) return code(JSON.stringify(node.const));
  if (Array.isArray(node.enum)) return code(node.enum.map((value) => JSON.stringify(value)).join(' | '));
  const alternatives = node.anyOf ?? node.oneOf;
  if (Array.isArray(alternatives)) return alternatives.map((branch) => typeText(branch, walk, depth + 1)).join(' \\| ');
  const types = Array.isArray(node.type) ? node.type.map(String) : typeof node.type === 'string' ? [node.type] : [];
  if (types.length === 0) return isPlainObject(node.properties) ? 'object' : 'any';
  return types
    .map((type) => {
      if (type === 'array') return arrayText(node, walk, depth);
      if (type === 'string' && typeof node.format === 'string') return `string (${node.format})`;
      return type;
    })
    .join(' \\| ');
}

function arrayText(node: PlainObject, walk: Pick<Walk, 'root' | 'entityLink'>, depth: number): string {
  const items = node.items;
  if (items === undefined || Array.isArray(items)) return 'array';
  const inner = typeText(items, walk, depth + 1);
  return inner.includes(' ') && !inner.startsWith('[') ? `(${inner})[]` : `${inner}[]`;
}

function code(text: string): string {
  return codeSpan(text, true);
}

/** A schema with local `$ref`s followed; undefined for a boolean, a cycle or a dangling pointer. */
function resolveLocal(schema: unknown, root: PlainObject, following: ReadonlySet<unknown>): PlainObject | undefined {
  let current = schema;
  const seen = new Set<unknown>();
  while (isPlainObject(current) && typeof current.$ref === 'string' && !isEntityRef(current.$ref)) {
    if (seen.has(current) || following.has(current)) return undefined;
    seen.add(current);
    current = pointerTarget(root, current.$ref);
  }
  return isPlainObject(current) ? current : current === true ? {} : undefined;
}

function pointerTarget(root: PlainObject, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let current: unknown = root;
  for (const segment of decodePointer(ref)) {
    current = Array.isArray(current) ? current[Number(segment)] : propertyOf(current, segment);
  }
  return current;
}
