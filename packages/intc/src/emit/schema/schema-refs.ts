/**
 * Following a `$ref` of a manifest schema: `#/entities/<name>` is the
 * entity's schema (its own root for the local `$ref`s inside it), any other
 * `#…` pointer a place inside the same root.
 */
import { decodePointer, ENTITY_REF_PREFIX, isEntityRef, safeDecodeUri, valueAtPath } from '../../validate/json-pointer.js';

/** A schema node and the root its local `$ref`s resolve against. */
export interface LocatedSchema {
  readonly node: unknown;
  readonly root: unknown;
}

/** The target of `ref` found from `root` (entities by name), or undefined when there is none. */
export function refTarget(ref: string, root: unknown, entities: ReadonlyMap<string, unknown>): LocatedSchema | undefined {
  if (isEntityRef(ref)) {
    const schema = entities.get(safeDecodeUri(ref.slice(ENTITY_REF_PREFIX.length)));
    return schema === undefined ? undefined : { node: schema, root: schema };
  }
  if (!ref.startsWith('#')) return undefined;
  const path = decodePointer(ref);
  return { node: path.length === 0 ? root : valueAtPath(root, path), root };
}
