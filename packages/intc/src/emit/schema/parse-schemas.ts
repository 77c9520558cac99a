/**
 * What the generated validators need for zod's parse semantics (see
 * src/runtime/parse.ts): each schema, already prepared by `schemaForAjv`,
 * becomes
 *
 * - the schema Ajv compiles: `additionalProperties: false` left out (the
 *   runtime strips instead of rejecting), properties with a `default` no
 *   longer `required` (the runtime fills them in), and each `anyOf`/`oneOf`
 *   whose branches parse differently marked with a number
 *   (`intcAnyOf`/`intcOneOf`, read by the union keywords in ajv-standalone.ts,
 *   which record the branch a value matched);
 * - its shape, in one table shared by the module: property names and
 *   defaults, closed objects, items, `allOf`, marked unions and `$ref`s (as
 *   table indices).
 *
 * Only the places that give a value its shape are rewritten: `properties`,
 * `patternProperties`, `additionalProperties`, `items`, `additionalItems`,
 * `allOf`, `anyOf`, `oneOf` and `$ref` targets. Below `not`, `if`, `then`,
 * `else`, `contains`, `propertyNames` and `dependencies` (checks, not shapes)
 * a schema keeps its JSON Schema meaning.
 */
import { isPlainObject, type PlainObject } from '../../model/values.js';
import { decodePointer } from '../../validate/json-pointer.js';
import { ENTITY_BASE } from './ajv-schemas.js';

/** Keywords of the Ajv schema that mark a union: their value is the union's number. */
export const UNION_MARKERS = { anyOf: 'intcAnyOf', oneOf: 'intcOneOf' } as const;

export type ShapeJson = PlainObject;

export interface PreparedSchema {
  /** What Ajv compiles. */
  readonly ajv: unknown;
  /** Index of the root's shape in the table, or `undefined` when parsing does nothing beyond validating. */
  readonly shape: number | undefined;
}

/** The shape table of one module and the numbering of its unions. */
export class ShapeTable {
  /** The shapes, in index order (`$ref`s as indices). */
  readonly shapes: ShapeJson[] = [];
  #unions = 0;
  readonly #entities = new Map<string, number>();

  /** Reserves a table entry for every entity (by the URI `schemaForAjv` gives its `$ref`s), before any is prepared. */
  constructor(entityUris: readonly string[]) {
    for (const uri of entityUris) this.#entities.set(uri, this.reserve());
  }

  /** Prepares an entity's schema; its shape takes the entry reserved for it. */
  prepareEntity(uri: string, schema: unknown): unknown {
    const index = this.#entities.get(uri);
    if (index === undefined) throw new Error(`intc: entity ${uri} has no shape entry`);
    return new DocumentPreparation(this, schema).prepareRoot(index).ajv;
  }

  /** Prepares a configuration, input, output, payload or state schema. */
  prepare(schema: unknown): PreparedSchema {
    const index = this.reserve();
    const prepared = new DocumentPreparation(this, schema).prepareRoot(index);
    if (!isTrivial(this.shapes[index]!)) return prepared;
    // Nothing to do beyond validating: give the entry back (only the last one can be).
    if (index === this.shapes.length - 1) this.shapes.pop();
    return { ajv: prepared.ajv, shape: undefined };
  }

  /**
   * The entries the given roots need, renumbered in table order: roots whose
   * parsing would strip or fill in nothing (no closed object, no default
   * within reach) are left out, and so is what only they use.
   */
  used(roots: readonly (number | undefined)[]): { readonly shapes: ShapeJson[]; readonly indexOf: ReadonlyMap<number, number> } {
    const refs = this.shapes.map((shape) => refsOf(shape));
    const active = this.shapes.map((shape) => acts(shape));
    for (let changed = true; changed; ) {
      changed = false;
      refs.forEach((targets, index) => {
        if (!active[index] && targets.some((target) => active[target])) changed = active[index] = true;
      });
    }
    const kept = new Set<number>();
    const keep = (index: number) => {
      if (kept.has(index)) return;
      kept.add(index);
      for (const target of refs[index]!) keep(target);
    };
    for (const root of roots) if (root !== undefined && active[root]) keep(root);
    const order = [...kept].sort((a, b) => a - b);
    const indexOf = new Map(order.map((old, index) => [old, index]));
    return { shapes: order.map((old) => renumbered(this.shapes[old]!, indexOf)), indexOf };
  }

  entityIndex(uri: string): number | undefined {
    return this.#entities.get(uri);
  }

  nextUnion(): number {
    return this.#unions++;
  }

  /** A new entry (filled in later, so that cycles can refer to it). */
  reserve(): number {
    this.shapes.push({});
    return this.shapes.length - 1;
  }
}

/** Keywords below which a schema is a check, not a shape: copied as they are. */
const CHECKS = new Set(['not', 'if', 'then', 'else', 'contains', 'propertyNames', 'dependencies']);

/** One schema document (an entity's or a slot's): its local `$ref`s resolve against its root. */
class DocumentPreparation {
  /** Local `$ref` target → its shape's table index. */
  readonly #targets = new Map<unknown, number>();

  constructor(
    private readonly table: ShapeTable,
    private readonly root: unknown,
  ) {}

  prepareRoot(index: number): { ajv: unknown; shape: number } {
    this.#targets.set(this.root, index);
    const { ajv, shape } = this.#prepare(this.root);
    this.table.shapes[index] = shape;
    return { ajv, shape: index };
  }

  #prepare(node: unknown): { ajv: unknown; shape: ShapeJson } {
    if (!isPlainObject(node)) return { ajv: node, shape: {} };
    const ajv: PlainObject = {};
    const shape: ShapeJson = {};
    for (const [keyword, value] of Object.entries(node)) {
      if (CHECKS.has(keyword)) setOwn(ajv, keyword, value);
      else if (keyword === 'properties' && isPlainObject(value)) this.#properties(value, ajv, shape);
      else if (keyword === 'patternProperties' && isPlainObject(value)) this.#patternProperties(value, ajv, shape);
      else if (keyword === 'additionalProperties') this.#additionalProperties(value, ajv, shape);
      else if (keyword === 'items') this.#items(value, ajv, shape);
      else if (keyword === 'additionalItems') {
        const prepared = this.#prepare(value);
        ajv.additionalItems = prepared.ajv;
        if (value !== false) shape.additionalItems = prepared.shape;
      } else if (keyword === 'allOf' && Array.isArray(value)) {
        const members = value.map((member) => this.#prepare(member));
        ajv.allOf = members.map((member) => member.ajv);
        const shaped = members.map((member) => member.shape).filter((member) => !isTrivial(member));
        if (shaped.length > 0) shape.allOf = shaped;
      } else if ((keyword === 'anyOf' || keyword === 'oneOf') && Array.isArray(value)) {
        this.#union(keyword, value, ajv, shape);
      } else if ((keyword === 'definitions' || keyword === '$defs') && isPlainObject(value)) {
        const definitions: PlainObject = {};
        for (const [name, definition] of Object.entries(value)) setOwn(definitions, name, this.#prepare(definition).ajv);
        ajv[keyword] = definitions;
      } else {
        setOwn(ajv, keyword, value);
        if (keyword === '$ref' && typeof value === 'string') {
          const target = this.#refIndex(value);
          if (target !== undefined) shape.$ref = target;
        }
      }
    }
    if (Array.isArray(ajv.required) && isPlainObject(node.properties)) {
      const properties = node.properties;
      ajv.required = ajv.required.filter((key) => !(typeof key === 'string' && Object.hasOwn(properties, key) && hasDefault(properties[key])));
    }
    return { ajv, shape };
  }

  /** Every property is named in the shape (it keeps the key), with its default; `__proto__` never is (Ajv does not check it). */
  #properties(properties: PlainObject, ajv: PlainObject, shape: ShapeJson): void {
    const ajvProperties: PlainObject = {};
    const shapeProperties: PlainObject = {};
    for (const [key, value] of Object.entries(properties)) {
      const prepared = this.#prepare(value);
      setOwn(ajvProperties, key, prepared.ajv);
      if (key === '__proto__') continue;
      shapeProperties[key] = hasDefault(value) ? { ...prepared.shape, default: (value as PlainObject).default } : prepared.shape;
    }
    ajv.properties = ajvProperties;
    shape.properties = shapeProperties;
  }

  #patternProperties(patterns: PlainObject, ajv: PlainObject, shape: ShapeJson): void {
    const ajvPatterns: PlainObject = {};
    const shapePatterns: PlainObject = {};
    for (const [pattern, value] of Object.entries(patterns)) {
      const prepared = this.#prepare(value);
      setOwn(ajvPatterns, pattern, prepared.ajv);
      setOwn(shapePatterns, pattern, prepared.shape);
    }
    ajv.patternProperties = ajvPatterns;
    shape.patternProperties = shapePatterns;
  }

  /** `false` strips (and is left out of the Ajv schema); anything else names every other property. */
  #additionalProperties(value: unknown, ajv: PlainObject, shape: ShapeJson): void {
    if (value === false) {
      shape.additionalProperties = false;
      return;
    }
    const prepared = this.#prepare(value);
    ajv.additionalProperties = prepared.ajv;
    shape.additionalProperties = prepared.shape;
  }

  #items(value: unknown, ajv: PlainObject, shape: ShapeJson): void {
    if (Array.isArray(value)) {
      const items = value.map((item) => this.#prepare(item));
      ajv.items = items.map((item) => item.ajv);
      shape.items = items.map((item) => item.shape);
      return;
    }
    const prepared = this.#prepare(value);
    ajv.items = prepared.ajv;
    if (!isTrivial(prepared.shape)) shape.items = prepared.shape;
  }

  /** A union is marked when one of its branches has a shape; a second union on the same node goes into `allOf`. */
  #union(keyword: 'anyOf' | 'oneOf', branches: readonly unknown[], ajv: PlainObject, shape: ShapeJson): void {
    const prepared = branches.map((branch) => this.#prepare(branch));
    ajv[keyword] = prepared.map((branch) => branch.ajv);
    if (prepared.every((branch) => isTrivial(branch.shape))) return;
    const union = this.table.nextUnion();
    ajv[UNION_MARKERS[keyword]] = union;
    const unionShape = { union, branches: prepared.map((branch) => branch.shape) };
    if (shape.union === undefined) Object.assign(shape, unionShape);
    else shape.allOf = [...((shape.allOf as ShapeJson[] | undefined) ?? []), unionShape];
  }

  /** The table index of a `$ref`'s shape: an entity's entry, or an entry made for a local target. */
  #refIndex(ref: string): number | undefined {
    if (ref.startsWith(ENTITY_BASE)) return this.table.entityIndex(ref);
    if (!ref.startsWith('#')) return undefined;
    const target = pointerTarget(this.root, ref);
    if (target === undefined) return undefined;
    const known = this.#targets.get(target);
    if (known !== undefined) return known;
    const index = this.table.reserve();
    this.#targets.set(target, index);
    this.table.shapes[index] = this.#prepare(target).shape;
    return index;
  }
}

function pointerTarget(root: unknown, ref: string): unknown {
  let current = root;
  for (const segment of decodePointer(ref)) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    else if (isPlainObject(current) && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}

function hasDefault(schema: unknown): boolean {
  return isPlainObject(schema) && Object.hasOwn(schema, 'default');
}

/** The nested shapes of a shape (not through `$ref`). */
function childShapes(shape: ShapeJson): ShapeJson[] {
  const children: unknown[] = [];
  for (const map of [shape.properties, shape.patternProperties]) if (isPlainObject(map)) children.push(...Object.values(map));
  for (const list of [shape.items, shape.allOf, shape.branches]) if (Array.isArray(list)) children.push(...list);
  children.push(shape.items, shape.additionalItems, shape.additionalProperties);
  return children.filter(isPlainObject);
}

/** The table indices a shape's `$ref`s name. */
function refsOf(shape: ShapeJson): number[] {
  const own = typeof shape.$ref === 'number' ? [shape.$ref] : [];
  return [...own, ...childShapes(shape).flatMap(refsOf)];
}

/** Whether a shape (not following `$ref`) strips or fills in something itself. */
function acts(shape: ShapeJson): boolean {
  return shape.additionalProperties === false || Object.hasOwn(shape, 'default') || childShapes(shape).some(acts);
}

/** A copy of a shape with its `$ref` indices renumbered. */
function renumbered(shape: ShapeJson, indexOf: ReadonlyMap<number, number>): ShapeJson {
  const copy: ShapeJson = {};
  for (const [key, value] of Object.entries(shape)) {
    if (key === '$ref' && typeof value === 'number') copy.$ref = indexOf.get(value);
    else if (key === 'default') copy.default = value;
    else if (key === 'properties' || key === 'patternProperties') {
      const map: PlainObject = {};
      for (const [name, member] of Object.entries(value as PlainObject)) setOwn(map, name, renumbered(member as ShapeJson, indexOf));
      copy[key] = map;
    } else if (Array.isArray(value)) copy[key] = value.map((member) => renumbered(member as ShapeJson, indexOf));
    else copy[key] = isPlainObject(value) ? renumbered(value, indexOf) : value;
  }
  return copy;
}

/** A shape that makes parsing do nothing. */
export function isTrivial(shape: ShapeJson): boolean {
  return Object.keys(shape).length === 0;
}

function setOwn(target: PlainObject, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
