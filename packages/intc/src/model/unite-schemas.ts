/**
 * Botpress's merge of two object schemas (the SDK's `_mergeObjectSchemas`,
 * used when an own member and an interface's member, or two interfaces'
 * members, land on one name): the result has the properties of both, and
 * `required` is the union of both. Where both declare a property, the
 * winner's is kept (the own member's, or the first alias's): validation has
 * proved it fits the other's (interface-conformance). Botpress keeps the
 * interface's instead; both give the same values wherever the two fit.
 *
 * Only the top level is united, as in Botpress; a property both declare is
 * the winner's as a whole. A schema that is a `$ref` (an entity) is not
 * united: the winner stays as it is, and conformance judges the rest.
 */
import { decodePointer, isLocalRef, valueAtPath } from '../validate/json-pointer.js';
import { walkSchema } from '../validate/walk-schema.js';
import { entriesOf, isPlainObject, type PlainObject } from './values.js';

/** Whether `uniteSchemas` merges the two, rather than keeping the winner. */
export function canUniteSchemas(winner: unknown, other: unknown): boolean {
  return isUnitable(winner) && isUnitable(other);
}

/** The two object schemas united; `winner` itself when there is nothing to add, `other` when the winner has no schema. */
export function uniteSchemas(winner: unknown, other: unknown): unknown {
  if (winner === undefined) return other;
  if (!isUnitable(winner) || !isUnitable(other)) return winner;
  const winnerProperties = isPlainObject(winner.properties) ? winner.properties : {};
  const added = entriesOf(other.properties).filter(([name]) => !Object.hasOwn(winnerProperties, name));
  const winnerRequired = stringsOf(winner.required);
  const required = [...new Set([...winnerRequired, ...stringsOf(other.required)])];
  if (added.length === 0 && required.length === winnerRequired.length) return winner;
  const united: PlainObject = { ...winner };
  if (added.length > 0) {
    const copies = added.map(([name, schema]) => [name, structuredClone(schema)] as [string, unknown]);
    united.properties = { ...winnerProperties, ...Object.fromEntries(copies) };
    carryLocalRefs(other, united, copies);
  }
  if (required.length > 0) united.required = required;
  return united;
}

function isUnitable(schema: unknown): schema is PlainObject {
  return isPlainObject(schema) && !Object.hasOwn(schema, '$ref');
}

/**
 * The properties copied from `source` into `target` may hold local `$ref`s
 * that meant a place in `source` (Botpress's converter writes a reused
 * schema as `$ref: '#/properties/a'`; a manifest may use
 * `#/definitions/x`). Each is pointed at the same schema in `target`: a ref
 * into a copied property still means the same there; any other target is
 * copied into `target.definitions` under a free name (once, so recursion ends).
 */
function carryLocalRefs(source: PlainObject, target: PlainObject, copies: readonly [string, unknown][]): void {
  const copied = new Set(copies.map(([name]) => name));
  const moved = new Map<string, string>();
  const definitions: PlainObject = isPlainObject(target.definitions) ? { ...target.definitions } : {};
  const pending: unknown[] = copies.map(([, schema]) => schema);
  const rewrite = (node: PlainObject) => {
    const ref = node.$ref;
    if (typeof ref !== 'string' || !isLocalRef(ref)) return;
    const segments = decodePointer(ref);
    if (segments[0] === 'properties' && segments.length > 1 && copied.has(segments[1] ?? '')) return;
    let key = moved.get(ref);
    if (key === undefined) {
      const schema = valueAtPath(source, segments);
      if (schema === undefined) return; // unresolved in the interface: reported there
      key = freeName(definitions, segments.at(-1) ?? 'root');
      moved.set(ref, key);
      definitions[key] = structuredClone(schema);
      pending.push(definitions[key]);
    }
    node.$ref = `#/definitions/${key}`;
  };
  while (pending.length > 0) walkSchema(pending.pop(), rewrite);
  if (moved.size > 0) target.definitions = definitions;
}

/** `base` made a plain key (letters, digits, `_`), with `_2`, `_3`… until no definition has it. */
function freeName(definitions: PlainObject, base: string): string {
  const plain = base.replace(/[^A-Za-z0-9_]/g, '_') || 'schema';
  let name = plain;
  for (let n = 2; Object.hasOwn(definitions, name); n++) name = `${plain}_${n}`;
  return name;
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
