/**
 * Which `${VAR}` placeholders of a bot's configuration fill a number,
 * integer or boolean field: the schema's type at the placeholder's place,
 * found by walking the configuration value and its schema together
 * (`properties`, `additionalProperties`, `items`, `$ref` to the
 * integration's entities or the schema's own `$defs`, `allOf`/`anyOf`/`oneOf`
 * branches). A placeholder is converted only when it is the whole value and
 * every type the schema allows there is a number, integer or boolean (with
 * `null`): a field that also takes a string keeps the text. Validation
 * (rules/bot-integrations.ts) accepts exactly the placeholders this finds,
 * and the generated `installations` carry them for the runtime.
 */
import { isPlainObject, propertyOf, type PlainObject } from './values.js';

export type PlaceholderType = 'number' | 'integer' | 'boolean';

/** A value that is one placeholder and nothing else. */
export const WHOLE_PLACEHOLDER = /^\$\{[A-Z_][A-Z0-9_]*\}$/;

/** Finds an entity's schema by name (`$ref: '#/entities/<name>'`). */
export type EntitySchemaOf = (name: string) => unknown;

/** Schema nodes followed at most this deep through `$ref`s, so a cycle ends. */
const MAX_REFS = 32;

/**
 * JSON pointer into the configuration → the type its whole-value
 * placeholder is converted to, sorted by pointer; empty when there is none.
 */
export function placeholderTypes(configuration: unknown, schema: unknown, entityOf: EntitySchemaOf): Record<string, PlaceholderType> {
  const found: [string, PlaceholderType][] = [];
  const walk = (value: unknown, pointer: string, nodes: readonly Node[]): void => {
    if (typeof value === 'string') {
      if (!WHOLE_PLACEHOLDER.test(value)) return;
      const type = fillableType(nodes, entityOf);
      if (type !== undefined) found.push([pointer, type]);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${pointer}/${index}`, childNodes(nodes, index, entityOf)));
    } else if (isPlainObject(value)) {
      for (const [key, item] of Object.entries(value)) walk(item, `${pointer}/${escapePointer(key)}`, childNodes(nodes, key, entityOf));
    }
  };
  walk(configuration, '', [{ schema, root: schema }]);
  return Object.fromEntries(found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The type a whole placeholder at the path would be converted to (validation's question), or undefined. */
export function placeholderTypeAt(path: readonly (string | number)[], schema: unknown, entityOf: EntitySchemaOf): PlaceholderType | undefined {
  let nodes: readonly Node[] = [{ schema, root: schema }];
  for (const segment of path) nodes = childNodes(nodes, segment, entityOf);
  return fillableType(nodes, entityOf);
}

/** A schema and the root its local `#/$defs/…` refs resolve in. */
interface Node {
  readonly schema: unknown;
  readonly root: unknown;
}

/** The schema nodes that apply to a value: the node itself, with its `$ref`, `allOf`, `anyOf` and `oneOf` followed. */
function expand(nodes: readonly Node[], entityOf: EntitySchemaOf): Node[] {
  const out: Node[] = [];
  const visit = (node: Node, depth: number): void => {
    if (depth > MAX_REFS || !isPlainObject(node.schema)) return;
    out.push(node);
    const ref = propertyOf(node.schema, '$ref');
    if (typeof ref === 'string') {
      const target = resolveRef(ref, node.root, entityOf);
      if (target !== undefined) visit(target, depth + 1);
    }
    for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
      const branches = propertyOf(node.schema, keyword);
      if (Array.isArray(branches)) for (const branch of branches) visit({ schema: branch, root: node.root }, depth + 1);
    }
  };
  for (const node of nodes) visit(node, 0);
  return out;
}

function childNodes(nodes: readonly Node[], key: string | number, entityOf: EntitySchemaOf): Node[] {
  const children: Node[] = [];
  for (const node of expand(nodes, entityOf)) {
    const schema = node.schema as PlainObject;
    const child =
      typeof key === 'number'
        ? Array.isArray(schema['items'])
          ? schema['items'][key]
          : schema['items']
        : (propertyOf(schema['properties'], key) ?? (isPlainObject(schema['additionalProperties']) ? schema['additionalProperties'] : undefined));
    if (child !== undefined) children.push({ schema: child, root: node.root });
  }
  return children;
}

/** The one non-text type every schema here allows (number wins over integer), or undefined. */
function fillableType(nodes: readonly Node[], entityOf: EntitySchemaOf): PlaceholderType | undefined {
  const types = new Set<string>();
  for (const { schema } of expand(nodes, entityOf)) {
    const type = propertyOf(schema, 'type');
    for (const name of Array.isArray(type) ? type : type === undefined ? [] : [type]) types.add(String(name));
    for (const value of valuesOf(schema)) types.add(value === null ? 'null' : Number.isInteger(value) ? 'integer' : typeof value);
  }
  types.delete('null');
  if (types.size === 0 || types.has('string')) return undefined;
  if ([...types].every((type) => type === 'number' || type === 'integer')) return types.has('number') ? 'number' : 'integer';
  return types.size === 1 && types.has('boolean') ? 'boolean' : undefined;
}

/** The values `enum` and `const` allow. */
function valuesOf(schema: unknown): unknown[] {
  const values = propertyOf(schema, 'enum');
  return [...(Array.isArray(values) ? values : []), ...(isPlainObject(schema) && Object.hasOwn(schema, 'const') ? [schema['const']] : [])];
}

function resolveRef(ref: string, root: unknown, entityOf: EntitySchemaOf): Node | undefined {
  const entity = /^#\/entities\/([^/]+)$/.exec(ref);
  if (entity) {
    const schema = entityOf(entity[1]!);
    return schema === undefined ? undefined : { schema, root: schema };
  }
  if (!ref.startsWith('#')) return undefined;
  let target: unknown = root;
  for (const part of ref.slice(1).split('/').slice(1)) target = propertyOf(target, part.replace(/~1/g, '/').replace(/~0/g, '~'));
  return target === undefined ? undefined : { schema: target, root };
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
