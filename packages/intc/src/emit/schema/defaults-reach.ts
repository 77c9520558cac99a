/**
 * Which schemas hold a default that parsing fills in (a property's `default`,
 * see src/runtime/parse.ts), themselves or through a `$ref`: those get two
 * types, the parsed one (what handlers receive: the property present) and
 * the one a caller gives (the property optional). Followed like parsing
 * follows a schema: `properties`, `patternProperties`, `additionalProperties`,
 * `items`, `additionalItems`, `allOf`, `anyOf`, `oneOf` and `$ref`s (entities
 * and local pointers), never `not`, `if`/`then`/`else` and the other checks.
 */
import type { NamedSchema } from '../../model/integration-model.js';
import { isPlainObject, type PlainObject } from '../../model/values.js';
import { valueAtPath } from '../../validate/json-pointer.js';
import { refTarget, type LocatedSchema } from './schema-refs.js';

const SINGLE = ['additionalProperties', 'additionalItems', 'items'];
const LISTS = ['allOf', 'anyOf', 'oneOf', 'items'];
const MAPS = ['properties', 'patternProperties'];


export class DefaultsReach {
  readonly #entities = new Map<string, unknown>();
  /** Nodes whose answer is known (a search that found nothing proves it for every node it visited). */
  readonly #known = new Map<unknown, boolean>();

  constructor(entities: readonly NamedSchema[]) {
    for (const entity of entities) this.#entities.set(entity.name, entity.schema);
  }

  /** Whether `schema`, the root of its own document, holds a default. */
  ofSchema(schema: unknown): boolean {
    return this.#search({ node: schema, root: schema });
  }

  /** Whether the schema at `path` inside `root` holds a default. */
  ofTarget(root: unknown, path: readonly string[]): boolean {
    return this.#search({ node: path.length === 0 ? root : valueAtPath(root, path), root });
  }

  #search(start: LocatedSchema): boolean {
    const known = this.#known.get(start.node);
    if (known !== undefined) return known;
    const visited = new Set<unknown>();
    const stack = [start];
    while (stack.length > 0) {
      const { node, root } = stack.pop()!;
      if (!isPlainObject(node) || visited.has(node)) continue;
      if (this.#known.get(node) === false) continue;
      visited.add(node);
      if (this.#known.get(node) === true || hasPropertyDefault(node)) {
        this.#known.set(start.node, true);
        return true;
      }
      for (const child of children(node)) stack.push({ node: child, root });
      if (typeof node.$ref === 'string') {
        const target = refTarget(node.$ref, root, this.#entities);
        if (target !== undefined) stack.push(target);
      }
    }
    for (const node of visited) this.#known.set(node, false);
    return false;
  }
}

/** A property of `node` with a `default` of its own. */
export function hasPropertyDefault(node: PlainObject): boolean {
  return isPlainObject(node.properties) && Object.values(node.properties).some((property) => isPlainObject(property) && Object.hasOwn(property, 'default'));
}

/** The names of the properties of `node` that have a `default` of their own. */
export function defaultedProperties(node: PlainObject): Set<string> {
  const names = new Set<string>();
  if (!isPlainObject(node.properties)) return names;
  for (const [name, property] of Object.entries(node.properties)) if (isPlainObject(property) && Object.hasOwn(property, 'default')) names.add(name);
  return names;
}

function children(node: PlainObject): unknown[] {
  const found: unknown[] = [];
  for (const keyword of SINGLE) if (isPlainObject(node[keyword])) found.push(node[keyword]);
  for (const keyword of LISTS) if (Array.isArray(node[keyword])) found.push(...(node[keyword] as unknown[]));
  for (const keyword of MAPS) if (isPlainObject(node[keyword])) found.push(...Object.values(node[keyword] as PlainObject));
  return found;
}
