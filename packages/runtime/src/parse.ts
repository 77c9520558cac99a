/**
 * Botpress's (zod) parse semantics on top of the generated validators: a
 * value that validates is copied, then every `default` of a property the
 * value lacks is filled in and every property an object's schema does not
 * allow (`additionalProperties: false`) is stripped, never rejected.
 *
 * The generated validators check everything else (types, required, enum,
 * pattern…) with `additionalProperties: false` left out, and each validator
 * carries a `shape`: the parts of its schema that parsing needs (property
 * names and defaults, closed objects, items, `allOf`, unions, `$ref`s). A
 * union (`anyOf`/`oneOf`) whose branches parse differently is marked with a
 * number; while a value is validated, the validator records which branch of
 * each marked union each object or array matched (the first one, as zod's
 * union returns the first option that parses), and parsing follows that
 * branch, so a failing branch never strips what the matching one keeps.
 *
 * A property is kept when a schema that applies to the object names it
 * (`properties`, a matching `patternProperties`, or any `additionalProperties`
 * other than `false`); it is stripped when none does and one of them is closed.
 * The schemas that apply are the object's own, its `$ref` targets, its `allOf`
 * members and the branch it matched of each union (`if`/`then`/`else`, `not`
 * and `dependencies` are checks only: nothing is stripped or filled in by them).
 */
import { defineOwn, isPlainObject, own } from './values.js';
import type { ValidateFunction } from './validators.js';

/** What parsing needs of a schema (see the module comment); the generated validators attach it as `validate.shape`. */
export interface Shape {
  readonly properties?: { readonly [key: string]: Shape };
  readonly patternProperties?: { readonly [pattern: string]: Shape };
  /** `false`: properties no schema names are stripped; a shape: they are parsed with it. */
  readonly additionalProperties?: Shape | false;
  readonly items?: Shape | readonly Shape[];
  readonly additionalItems?: Shape;
  readonly allOf?: readonly Shape[];
  /** A marked `anyOf`/`oneOf`: the number the validator records choices under, and its branches. */
  readonly union?: number;
  readonly branches?: readonly Shape[];
  /** Linked by `intcShapes` (a table index before). */
  readonly $ref?: Shape | number;
  /** A property's default, filled in when an object that has the property in its schema lacks it. */
  readonly default?: unknown;
}

/** Union number → the branch each object or array matched, for the value being validated. */
type Choices = Map<number, WeakMap<object, number>>;

let recording: Choices | undefined;

/**
 * Called by the generated validators when a value matches a branch of a
 * marked union (not meant for hand-written code). Records nothing outside
 * `parseValue` and for values that are not objects or arrays.
 */
export function intcChoice(union: number, branch: number, data: unknown): void {
  if (recording === undefined || typeof data !== 'object' || data === null) return;
  let chosen = recording.get(union);
  if (chosen === undefined) recording.set(union, (chosen = new WeakMap()));
  if (!chosen.has(data)) chosen.set(data, branch);
}

/**
 * The generated validators' shape table, its `$ref` numbers replaced by the
 * shapes they name (not meant for hand-written code). Mutates and returns it.
 */
export function intcShapes(table: Shape[]): readonly Shape[] {
  const link = (shape: Shape): void => {
    const node = shape as { $ref?: Shape | number };
    if (typeof node.$ref === 'number') {
      const target = table[node.$ref];
      if (target === undefined) throw new RangeError(`intc: no shape ${node.$ref} in the table`);
      node.$ref = target;
    }
    for (const child of childShapes(shape)) link(child);
  };
  for (const shape of table) link(shape);
  return table;
}

function childShapes(shape: Shape): Shape[] {
  const children: Shape[] = [];
  if (shape.properties !== undefined) children.push(...Object.values(shape.properties));
  if (shape.patternProperties !== undefined) children.push(...Object.values(shape.patternProperties));
  if (isPlainObject(shape.additionalProperties)) children.push(shape.additionalProperties);
  if (Array.isArray(shape.items)) children.push(...(shape.items as readonly Shape[]));
  else if (shape.items !== undefined) children.push(shape.items as Shape);
  if (shape.additionalItems !== undefined) children.push(shape.additionalItems);
  if (shape.allOf !== undefined) children.push(...shape.allOf);
  if (shape.branches !== undefined) children.push(...shape.branches);
  return children;
}

export type ParseResult = { readonly valid: true; readonly value: unknown } | { readonly valid: false };

/**
 * Validates `value` and, when it is valid, parses it in place: `value` must
 * be the caller's own copy (the runtime copies what it is given first).
 * After a failure, `validate.errors` holds the issues.
 */
export function parseValue(validate: ValidateFunction, value: unknown): ParseResult {
  const choices: Choices = new Map();
  const outer = recording;
  recording = choices;
  let valid: boolean;
  try {
    valid = validate(value);
  } finally {
    recording = outer;
  }
  if (!valid) return { valid: false };
  return { valid: true, value: validate.shape === undefined ? value : new Parser(choices).parse(value, [validate.shape]) };
}

/** `patternProperties` keys compiled as Ajv compiles them (with the `u` flag), once each. */
const PATTERNS = new Map<string, RegExp>();

class Parser {
  constructor(readonly choices: Choices) {}

  parse(value: unknown, shapes: readonly Shape[]): unknown {
    if (shapes.length === 0 || typeof value !== 'object' || value === null) return value;
    const applicable = this.#applicable(shapes, value, []);
    if (Array.isArray(value)) this.#parseItems(value, applicable);
    else this.#parseObject(value as Record<string, unknown>, applicable);
    return value;
  }

  /** The shapes that apply to `value`: the given ones, their `$ref` targets, `allOf` members and matched branches. */
  #applicable(shapes: readonly Shape[], value: object, into: Shape[]): Shape[] {
    for (const shape of shapes) {
      if (into.includes(shape)) continue;
      into.push(shape);
      if (isPlainObject(shape.$ref)) this.#applicable([shape.$ref], value, into);
      if (shape.allOf !== undefined) this.#applicable(shape.allOf, value, into);
      if (shape.union !== undefined && shape.branches !== undefined) {
        const branch = this.choices.get(shape.union)?.get(value);
        // No record: a value the validator did not see (inside a default); its union strips and fills nothing.
        const matched = branch === undefined ? undefined : shape.branches[branch];
        if (matched !== undefined) this.#applicable([matched], value, into);
      }
    }
    return into;
  }

  #parseObject(object: Record<string, unknown>, shapes: readonly Shape[]): void {
    for (const key of Object.keys(object)) {
      const { named, closed } = this.#schemasOf(key, shapes);
      if (named.length > 0) defineOwn(object, key, this.parse(object[key], named));
      else if (closed) delete object[key];
    }
    for (const shape of shapes) {
      if (shape.properties === undefined) continue;
      for (const key of Object.keys(shape.properties)) {
        const property = shape.properties[key]!;
        if (!Object.hasOwn(property, 'default') || Object.hasOwn(object, key)) continue;
        defineOwn(object, key, this.parse(jsonCopy(property.default), this.#schemasOf(key, shapes).named));
      }
    }
  }

  /** The shapes that name `key` (by property, pattern or `additionalProperties`), and whether one closes the object to it. */
  #schemasOf(key: string, shapes: readonly Shape[]): { named: Shape[]; closed: boolean } {
    const named: Shape[] = [];
    let closed = false;
    for (const shape of shapes) {
      let byName = false;
      const property = own(shape.properties, key);
      if (property !== undefined) {
        named.push(property);
        byName = true;
      }
      for (const pattern of Object.keys(shape.patternProperties ?? {})) {
        if (this.#pattern(pattern).test(key)) {
          named.push(shape.patternProperties![pattern]!);
          byName = true;
        }
      }
      if (byName || shape.additionalProperties === undefined) continue;
      if (shape.additionalProperties === false) closed = true;
      else named.push(shape.additionalProperties);
    }
    return { named, closed };
  }

  #parseItems(items: unknown[], shapes: readonly Shape[]): void {
    items.forEach((item, index) => {
      const named: Shape[] = [];
      for (const shape of shapes) {
        if (Array.isArray(shape.items)) {
          const positional = (shape.items as readonly Shape[])[index] ?? shape.additionalItems;
          if (positional !== undefined) named.push(positional);
        } else if (shape.items !== undefined) {
          named.push(shape.items as Shape);
        }
      }
      items[index] = this.parse(item, named);
    });
  }

  #pattern(source: string): RegExp {
    let pattern = PATTERNS.get(source);
    if (pattern === undefined) PATTERNS.set(source, (pattern = new RegExp(source, 'u')));
    return pattern;
  }
}

function jsonCopy(value: unknown): unknown {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}
