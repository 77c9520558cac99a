/**
 * Where a configuration or state schema marks a value secret: a property
 * (or any schema) with Botpress's `x-zui: { secret: true }` or the standard
 * `writeOnly: true`. Each place is a path of property names from the root,
 * `null` standing for every item of an array or every value of a map
 * (`items`, `additionalProperties`, `patternProperties`); the runtime
 * redacts every string found there (all of them, below a secret object or
 * array). Followed through entity and local `$ref`s, `allOf`, `anyOf` and
 * `oneOf` (a path is secret in every branch that marks it). A recursive
 * schema is followed once per path: where it recurs, the whole value below
 * counts as secret when the recursion marks anything (more redacted, never
 * less).
 */
import type { NamedSchema } from '../../model/integration-model.js';
import { isPlainObject } from '../../model/values.js';
import { refTarget } from '../schema/schema-refs.js';

export type SecretPath = readonly (string | null)[];

/** Whether a schema marks its value secret. */
export function isSecretSchema(schema: unknown): boolean {
  if (!isPlainObject(schema)) return false;
  const zui = schema['x-zui'];
  return schema.writeOnly === true || (isPlainObject(zui) && zui.secret === true);
}

/** The secret places of a schema, sorted, each once. */
export function secretPaths(schema: unknown, entities: readonly NamedSchema[]): SecretPath[] {
  const found = new Map<string, SecretPath>();
  const entitySchemas = new Map(entities.map((entity) => [entity.name, entity.schema as unknown]));
  const record = (path: SecretPath) => found.set(JSON.stringify(path), path);
  /** Whether anything below `node` is marked (each node looked at once). */
  const marksAny = (node: unknown, root: unknown, seen: Set<unknown>): boolean => {
    if (!isPlainObject(node) || seen.has(node)) return false;
    seen.add(node);
    return isSecretSchema(node) || subschemas(node, root, entitySchemas).some((child) => marksAny(child.node, child.root, seen));
  };
  const visit = (node: unknown, root: unknown, path: SecretPath, stack: readonly unknown[]): void => {
    if (!isPlainObject(node)) return;
    if (stack.includes(node)) {
      if (marksAny(node, root, new Set())) record(path);
    } else if (isSecretSchema(node)) {
      record(path);
    } else {
      for (const child of subschemas(node, root, entitySchemas)) {
        visit(child.node, child.root, child.segment === undefined ? path : [...path, child.segment], [...stack, node]);
      }
    }
  };
  visit(schema, schema, [], []);
  return [...found.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, path]) => path);
}

interface Subschema {
  readonly node: unknown;
  readonly root: unknown;
  /** The path segment it adds (a property name, `null` for every item or value); undefined: the same value. */
  readonly segment?: string | null;
}

/** Every subschema of `node` followed here, `$ref` targets included. */
function subschemas(node: Record<string, unknown>, root: unknown, entities: ReadonlyMap<string, unknown>): Subschema[] {
  const found: Subschema[] = [];
  if (typeof node.$ref === 'string') {
    const target = refTarget(node.$ref, root, entities);
    if (target !== undefined) found.push(target);
  }
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(node[keyword])) for (const member of node[keyword] as unknown[]) found.push({ node: member, root });
  if (isPlainObject(node.properties)) for (const [key, value] of Object.entries(node.properties)) found.push({ node: value, root, segment: key });
  if (isPlainObject(node.patternProperties)) for (const value of Object.values(node.patternProperties)) found.push({ node: value, root, segment: null });
  for (const child of [node.additionalProperties, node.additionalItems, ...(Array.isArray(node.items) ? node.items : [node.items])]) {
    found.push({ node: child, root, segment: null });
  }
  return found;
}
