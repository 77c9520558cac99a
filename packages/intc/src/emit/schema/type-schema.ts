/**
 * Turns an integration's schemas into the one root schema handed to
 * json-schema-to-typescript, shaped so its output is predictable and safe:
 *
 * - every type is a definition of the root, titled with a placeholder
 *   (`IntcType3X`) that the output pass renames to the real type name, so
 *   the library's own naming (`toSafeString`, `Foo1` suffixes) never shows;
 * - `$ref: '#/entities/x'` points at the entity's definition and a local
 *   `$ref` at a definition made of its target (named after the schema that
 *   holds it), so types are referenced, never copied;
 * - property names become placeholders (`intcKey12X`) that the output pass
 *   replaces with the quoted name (and `readonly` for `readOnly`), so no
 *   manifest key reaches the library's code paths or the output unquoted;
 * - only the keywords that shape a type are kept: titles, descriptions and
 *   constraints move into the description as escaped JSDoc text (Botpress's
 *   `x-zui.title` stands in for a missing `title`), and anything else
 *   (`tsType`, `tsEnumNames`, `$id`, `extends`, `x-` extensions,
 *   `discriminator`…) is dropped.
 */
import { schemaTitle } from '../../model/schema-extensions.js';
import { isPlainObject, type PlainObject } from '../../model/values.js';
import { decodePointer, ENTITY_REF_PREFIX, isEntityRef, isLocalRef, safeDecodeUri, valueAtPath } from '../../validate/json-pointer.js';
import { walkSchema } from '../../validate/walk-schema.js';
import { commentText, stringLiteral } from './comment-text.js';
import { constraintTags } from './constraint-tags.js';
import type { TypedSchema } from './schema-slots.js';
import { GIVEN_SUFFIX, pascalCase } from '../type-names.js';
import { DefaultsReach, defaultedProperties } from './defaults-reach.js';

export interface TypeSchemaPlan {
  /** The schema to compile: one definition per type, each referenced from `properties`. */
  readonly root: PlainObject;
  /** The root's own placeholder name (its declaration is dropped from the output). */
  readonly rootPlaceholder: string;
  /** Placeholder → the type's real name. */
  readonly typeNames: ReadonlyMap<string, string>;
  /** Placeholder → the property key as written in TypeScript (`"a-b"`, `readonly id`). */
  readonly keys: ReadonlyMap<string, string>;
}

export const ROOT_PLACEHOLDER = 'IntcRootX';
const TYPE_PLACEHOLDER = (index: number) => `IntcType${index}X`;
const KEY_PLACEHOLDER = (index: number) => `intcKey${index}X`;
export const TYPE_PLACEHOLDER_PATTERN = /^IntcType\d+X$/;
export const KEY_PLACEHOLDER_PATTERN = /^intcKey\d+X$/;

/**
 * `entities` maps an entity name to the type name its schema is typed under;
 * `given`, a type name to the name of its type as a caller gives it (schemas
 * with defaults; see defaults-reach.ts); `reach` says which local `$ref`
 * targets hold a default.
 */
export function planTypeSchema(
  typed: readonly TypedSchema[],
  entities: ReadonlyMap<string, string>,
  given: ReadonlyMap<string, string> = new Map(),
  reach: DefaultsReach = new DefaultsReach([]),
): TypeSchemaPlan {
  return new TypeSchemaPlanner(typed, entities, given, reach).plan();
}

/**
 * A schema with defaults is typed twice: `parsed`, what parsing gives
 * (defaulted properties required), and `given`, what a caller may write
 * (defaulted properties optional), whose references name the given types.
 */
type View = 'parsed' | 'given';

/** The definitions a place in a schema is typed as: its parsed type, and its given type when it holds a default. */
interface Target {
  readonly parsed: string;
  readonly given?: string;
}

interface Definition {
  readonly placeholder: string;
  readonly name: string;
  readonly schema: unknown;
}

class TypeSchemaPlanner {
  private readonly definitions: Definition[] = [];
  private readonly usedNames = new Set<string>();
  private readonly placeholderOfType = new Map<string, string>();
  private readonly keys = new Map<string, string>();

  constructor(
    private readonly typed: readonly TypedSchema[],
    private readonly entities: ReadonlyMap<string, string>,
    private readonly given: ReadonlyMap<string, string>,
    readonly reach: DefaultsReach,
  ) {
    for (const { typeName, givenName } of typed) {
      this.usedNames.add(typeName);
      if (givenName !== undefined) this.usedNames.add(givenName);
    }
    typed.forEach(({ typeName }, index) => this.placeholderOfType.set(typeName, TYPE_PLACEHOLDER(index)));
    for (const { givenName } of typed) if (givenName !== undefined) this.placeholderOfType.set(givenName, TYPE_PLACEHOLDER(this.placeholderOfType.size));
  }

  plan(): TypeSchemaPlan {
    for (const schema of this.typed) new SchemaTranslation(this, schema).translateAll();
    const sorted = [...this.definitions].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const root: PlainObject = {
      title: ROOT_PLACEHOLDER,
      type: 'object',
      properties: Object.fromEntries(sorted.map((d) => [d.placeholder, { $ref: `#/definitions/${d.placeholder}` }])),
      required: [],
      additionalProperties: false,
      definitions: Object.fromEntries(sorted.map((d) => [d.placeholder, d.schema])),
    };
    return {
      root,
      rootPlaceholder: ROOT_PLACEHOLDER,
      typeNames: new Map(this.definitions.map((d) => [d.placeholder, d.name])),
      keys: this.keys,
    };
  }

  placeholderOf(typeName: string): string {
    const placeholder = this.placeholderOfType.get(typeName);
    if (placeholder === undefined) throw new Error(`no placeholder for type ${typeName}`);
    return placeholder;
  }

  /** The placeholder of an entity's type in a view (the manifest was validated, so the entity exists). */
  entityPlaceholder(ref: string, view: View): string {
    const entity = safeDecodeUri(ref.slice(ENTITY_REF_PREFIX.length));
    const typeName = this.entities.get(entity);
    if (typeName === undefined) throw new Error(`$ref to unknown entity '${entity}'`);
    return this.placeholderOf((view === 'given' ? this.given.get(typeName) : undefined) ?? typeName);
  }

  /** A new type for the target of a local `$ref`: a name derived from its parent's, never taken. */
  newLocalType(parentName: string, path: readonly string[]): { placeholder: string; name: string } {
    return this.newType(`${parentName}${suffixOf(path)}`);
  }

  /** The given type of a place typed as `parsedName`: `<parsedName>Given`, never taken. */
  newGivenType(parsedName: string): { placeholder: string; name: string } {
    return this.newType(`${parsedName}${GIVEN_SUFFIX}`);
  }

  private newType(base: string): { placeholder: string; name: string } {
    let name = base;
    for (let counter = 2; this.usedNames.has(name); counter++) name = `${base}${counter}`;
    this.usedNames.add(name);
    const placeholder = TYPE_PLACEHOLDER(this.placeholderOfType.size);
    this.placeholderOfType.set(name, placeholder);
    return { placeholder, name };
  }

  define(placeholder: string, name: string, schema: unknown): void {
    this.definitions.push({ placeholder, name, schema });
  }

  newKey(key: string, readonly: boolean): string {
    const placeholder = KEY_PLACEHOLDER(this.keys.size);
    this.keys.set(placeholder, `${readonly ? 'readonly ' : ''}${propertyName(key)}`);
    return placeholder;
  }
}

/** Keywords under which a schema's own definitions and properties are named: left out of derived names. */
const NAME_CONTAINERS = new Set(['definitions', '$defs', 'properties']);

function suffixOf(path: readonly string[]): string {
  const words = path.filter((segment) => !NAME_CONTAINERS.has(segment)).flatMap((segment) => segment.split(/[^A-Za-z0-9]+/));
  const suffix = words
    .filter((word) => word !== '')
    .map(pascalCase)
    .join('');
  return suffix === '' ? 'Schema' : suffix;
}

/** A property name as TypeScript source: bare when it is an identifier, else a string literal. */
function propertyName(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : stringLiteral(key);
}

/** Keywords that decide the shape of a type; everything else is documentation or dropped. */
const SHAPE_KEYWORDS = ['type', 'enum', 'const', 'properties', 'additionalProperties', 'patternProperties', 'items', 'allOf', 'anyOf', 'oneOf'];

/** One top-level schema: its root and the targets of its local `$ref`s each become a definition (two with defaults). */
class SchemaTranslation {
  /** JSON of a path inside the schema → the definitions made of it. */
  private readonly targets = new Map<string, Target>();
  private readonly pending: { path: string[]; placeholder: string; name: string; doc: readonly string[]; view: View }[] = [];

  constructor(
    private readonly planner: TypeSchemaPlanner,
    private readonly typed: TypedSchema,
  ) {}

  translateAll(): void {
    const { typeName, givenName, doc } = this.typed;
    const root = { parsed: this.planner.placeholderOf(typeName), ...(givenName === undefined ? {} : { given: this.planner.placeholderOf(givenName) }) };
    this.targets.set(pathKey([]), root);
    this.pending.push({ path: [], placeholder: root.parsed, name: typeName, doc, view: 'parsed' });
    if (givenName !== undefined) this.pending.push({ path: [], placeholder: root.given!, name: givenName, doc: [...doc, givenDoc(typeName)], view: 'given' });
    this.collectLocalTargets();
    this.collectHoistedProperties();
    for (const { path, placeholder: target, name, doc: paragraphs, view } of this.pending) {
      const node = path.length === 0 ? this.typed.schema : valueAtPath(this.typed.schema, path);
      this.planner.define(target, name, this.definition(node, path, target, paragraphs, view));
    }
  }

  /** A place that becomes a definition of its own: a parsed type, and a given one when the schema has one and the place holds a default. */
  private addTarget(path: string[], parentName: string): void {
    const { placeholder, name } = this.planner.newLocalType(parentName, path);
    const withGiven = this.typed.givenName !== undefined && this.planner.reach.ofTarget(this.typed.schema, path);
    const given = withGiven ? this.planner.newGivenType(name) : undefined;
    this.targets.set(pathKey(path), { parsed: placeholder, ...(given === undefined ? {} : { given: given.placeholder }) });
    this.pending.push({ path, placeholder, name, doc: [], view: 'parsed' });
    if (given !== undefined) this.pending.push({ path, placeholder: given.placeholder, name: given.name, doc: [givenDoc(name)], view: 'given' });
  }

  /** Names every local `$ref` target first, so a target is referenced wherever it appears, not inlined. */
  private collectLocalTargets(): void {
    walkSchema(this.typed.schema, (node) => {
      const ref = node.$ref;
      if (typeof ref !== 'string' || !isLocalRef(ref)) return;
      const path = decodePointer(ref);
      if (this.targets.has(pathKey(path))) return;
      this.addTarget(path, this.typed.typeName);
    });
  }

  /**
   * json-schema-to-typescript widens an index signature with the type of every
   * property beside it (so the properties stay assignable to it), printing each
   * type a second time. TypeScript relates the copy of an inline intersection
   * to its original structurally, and for `{ x?: T } & { x: unknown }` (a key
   * optional in one member, required in another) that fails under
   * exactOptionalPropertyTypes: TS2411, "Property 'p' … is not assignable to
   * 'string' index type". Such a property's type becomes a definition of its
   * own (named like a local `$ref` target), so both places name the same type.
   * Only properties beside a typed index signature whose type holds an inline
   * intersection are hoisted; every other type stays inline.
   */
  private collectHoistedProperties(): void {
    const starts = [...new Set(this.pending.map((entry) => pathKey(entry.path)))].map((key) => JSON.parse(key) as string[]);
    for (const start of starts) {
      const node = start.length === 0 ? this.typed.schema : valueAtPath(this.typed.schema, start);
      this.walkTranslated(node, start, true, (object, path) => {
        if (!isPlainObject(object.properties) || !hasTypedIndexSignature(object)) return;
        for (const [key, value] of Object.entries(object.properties)) {
          const propertyPath = [...path, 'properties', key];
          if (key === '__proto__' || this.targets.has(pathKey(propertyPath)) || !this.holdsInlineIntersection(value, propertyPath)) continue;
          this.addTarget(propertyPath, this.typed.typeName);
        }
      });
    }
  }

  /** Visits the object subschemas `translate` inlines (not the targets, which are definitions of their own). */
  private walkTranslated(node: unknown, path: string[], start: boolean, visit: (node: PlainObject, path: string[]) => void): void {
    if (!isPlainObject(node) || (!start && this.targets.has(pathKey(path)))) return;
    visit(node, path);
    for (const [child, childPath] of inlineChildren(node, path)) this.walkTranslated(child, childPath, false, visit);
  }

  /** Whether the type of `node` has an intersection (`A & B`) that is printed inline, not behind a name. */
  private holdsInlineIntersection(node: unknown, path: string[]): boolean {
    let found = false;
    this.walkTranslated(node, path, true, (object) => {
      found ||= isIntersection(object);
    });
    return found;
  }

  private definition(node: unknown, path: string[], placeholder: string, doc: readonly string[], view: View): PlainObject {
    if (node === false) return withDoc({ title: placeholder, tsType: 'never' }, doc);
    const translated = isPlainObject(node) ? this.translateObject(node, path, doc, view) : withDoc({ tsType: 'unknown' }, doc);
    // A definition that is only a `$ref` becomes an alias of the referenced type, not a copy of it.
    if ('$ref' in translated) return { title: placeholder, allOf: [translated] };
    // Titled, allOf/anyOf/oneOf beside other shape keywords is split by the library into helper types
    // named after the title (`IntcType1X1 & IntcType1X2`), which no placeholder stands for; untitled
    // inside an allOf, it stays one inline type.
    if (isSplitByLibrary(translated)) {
      const { description, ...shape } = translated;
      return { title: placeholder, ...(description === undefined ? {} : { description }), allOf: [shape] };
    }
    return { title: placeholder, ...translated };
  }

  private translate(node: unknown, path: string[], view: View): unknown {
    // (The root is always a target; other targets exist only when the schema has local `$ref`s.)
    const target = this.targets.size > 1 ? this.targets.get(pathKey(path)) : undefined;
    if (target !== undefined) return { $ref: `#/definitions/${placeholderIn(target, view)}` };
    if (typeof node === 'boolean') return node;
    if (!isPlainObject(node)) return true;
    return this.translateObject(node, path, [], view);
  }

  private translateObject(node: PlainObject, path: string[], extraDoc: readonly string[], view: View): PlainObject {
    const shape = this.shapeOf(node, path, view);
    const doc = [...extraDoc, ...documentationOf(node)];
    const ref = typeof node.$ref === 'string' ? this.refTo(node.$ref, view) : undefined;
    if (ref === undefined) {
      const hasShape = SHAPE_KEYWORDS.some((keyword) => keyword in shape) || 'tsType' in shape;
      return withDoc(hasShape ? shape : { tsType: 'unknown' }, doc);
    }
    const hasShape = Object.keys(shape).length > 0;
    if (!hasShape && doc.length === 0) return ref;
    // A `$ref` with siblings is copied by the ref parser (a second type); an `allOf` keeps it a reference.
    return withDoc({ allOf: hasShape ? [ref, shape] : [ref] }, doc);
  }

  private refTo(ref: string, view: View): PlainObject {
    if (isEntityRef(ref)) return { $ref: `#/definitions/${this.planner.entityPlaceholder(ref, view)}` };
    const target = this.targets.get(pathKey(decodePointer(ref)));
    if (target === undefined) throw new Error(`unresolved local $ref ${ref}`);
    return { $ref: `#/definitions/${placeholderIn(target, view)}` };
  }

  /** The keywords that shape the type, translated; property names become placeholders. */
  private shapeOf(node: PlainObject, path: string[], view: View): PlainObject {
    const shape: PlainObject = {};
    if (typeof node.type === 'string' || (Array.isArray(node.type) && node.type.every((t) => typeof t === 'string'))) shape.type = node.type;
    if (Array.isArray(node.enum)) Object.assign(shape, literalUnion(node.enum));
    else if ('const' in node) Object.assign(shape, literalUnion([node.const]));
    const required = requiredIn(node, view);
    if (isPlainObject(node.properties)) {
      const properties: PlainObject = {};
      const requiredKeys: string[] = [];
      for (const [key, value] of Object.entries(node.properties)) {
        // Ajv never treats `__proto__` as a declared property (a value holding it fails `additionalProperties: false`).
        if (key === '__proto__') continue;
        const placeholder = this.planner.newKey(key, isPlainObject(value) && value.readOnly === true);
        properties[placeholder] = this.translate(value, [...path, 'properties', key], view);
        if (required.has(key)) requiredKeys.push(placeholder);
      }
      shape.properties = properties;
      shape.required = requiredKeys;
    }
    Object.assign(shape, this.additionalProperties(node, path, view));
    if (Array.isArray(node.items)) {
      shape.items = node.items.map((item, index) => this.translate(item, [...path, 'items', String(index)], view));
      // JSON Schema allows elements past the listed ones unless `additionalItems` says otherwise.
      shape.additionalItems = 'additionalItems' in node ? this.translate(node.additionalItems, [...path, 'additionalItems'], view) : true;
    } else if ('items' in node) {
      shape.items = this.translate(node.items, [...path, 'items'], view);
    }
    for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
      const members = node[keyword];
      if (Array.isArray(members)) shape[keyword] = members.map((member, index) => this.translate(member, [...path, keyword, String(index)], view));
    }
    return shape;
  }

  /**
   * TypeScript cannot constrain keys by pattern, so `patternProperties` joins
   * `additionalProperties` in the index signature, keeping the JSON Schema
   * meaning: absent `additionalProperties` allows any other key.
   */
  private additionalProperties(node: PlainObject, path: string[], view: View): PlainObject {
    const additional = node.additionalProperties;
    const patterns = isPlainObject(node.patternProperties) ? Object.entries(node.patternProperties) : [];
    const translatedAdditional = 'additionalProperties' in node ? this.translate(additional, [...path, 'additionalProperties'], view) : undefined;
    if (patterns.length === 0) return translatedAdditional === undefined ? {} : { additionalProperties: translatedAdditional };
    if (additional === undefined || additional === true) return { additionalProperties: true };
    const members = patterns.map(([pattern, schema]) => this.translate(schema, [...path, 'patternProperties', pattern], view));
    if (additional !== false) members.push(translatedAdditional);
    return { additionalProperties: members.length === 1 ? members[0] : { anyOf: members } };
  }
}

/** The subschemas of `node` that `shapeOf` translates, with their paths. */
function inlineChildren(node: PlainObject, path: string[]): [unknown, string[]][] {
  const children: [unknown, string[]][] = [];
  for (const keyword of ['properties', 'patternProperties'] as const) {
    const map = node[keyword];
    if (isPlainObject(map)) for (const [key, value] of Object.entries(map)) children.push([value, [...path, keyword, key]]);
  }
  for (const keyword of ['additionalProperties', 'additionalItems'] as const) if (keyword in node) children.push([node[keyword], [...path, keyword]]);
  if (Array.isArray(node.items)) node.items.forEach((item, index) => children.push([item, [...path, 'items', String(index)]]));
  else if ('items' in node) children.push([node.items, [...path, 'items']]);
  for (const keyword of APPLICATORS) {
    const members = node[keyword];
    if (Array.isArray(members)) members.forEach((member, index) => children.push([member, [...path, keyword, String(index)]]));
  }
  return children;
}

/**
 * An index signature json-schema-to-typescript widens with the property types:
 * one that is not `unknown` (see `additionalProperties` below for how
 * `patternProperties` join it).
 */
function hasTypedIndexSignature(node: PlainObject): boolean {
  const additional = node.additionalProperties;
  if (additional === undefined || additional === true) return false;
  const patterns = isPlainObject(node.patternProperties) ? Object.values(node.patternProperties) : [];
  if (patterns.length === 0) return additional !== false && !isUnknownSchema(additional);
  return [...patterns, ...(additional === false ? [] : [additional])].every((member) => member !== true && !isUnknownSchema(member));
}

/** A schema `translateObject` types as `unknown`: no keyword that shapes it. */
function isUnknownSchema(schema: unknown): boolean {
  return isPlainObject(schema) && !('$ref' in schema) && !SHAPE_KEYWORDS.some((keyword) => keyword in schema);
}

/** A schema printed as an intersection: several `allOf` members, or an applicator or `$ref` beside another keyword that shapes the type. */
function isIntersection(schema: PlainObject): boolean {
  if (Array.isArray(schema.allOf) && schema.allOf.length > 1) return true;
  const shaping = SHAPE_KEYWORDS.filter((keyword) => keyword in schema);
  if ('$ref' in schema) return shaping.length > 0;
  return shaping.length > 1 && shaping.some((keyword) => APPLICATORS.includes(keyword));
}

function pathKey(path: readonly string[]): string {
  return JSON.stringify(path);
}

function placeholderIn(target: Target, view: View): string {
  return view === 'given' ? (target.given ?? target.parsed) : target.parsed;
}

/**
 * The names `required` lists, as the view sees them: parsing fills in a
 * property's default, so the parsed type requires it and the given type
 * does not.
 */
function requiredIn(node: PlainObject, view: View): Set<string> {
  const required = new Set(Array.isArray(node.required) ? node.required.filter((k): k is string => typeof k === 'string') : []);
  for (const name of defaultedProperties(node)) {
    if (view === 'parsed') required.add(name);
    else required.delete(name);
  }
  return required;
}

/** The JSDoc paragraph of a given type. */
function givenDoc(parsedName: string): string {
  return `As a caller gives it: a property with a default may be left out (\`${parsedName}\` has it filled in).`;
}

/** Title (`title`, else `x-zui.title`), description and constraint tags of a schema, as escaped JSDoc paragraphs. */
function documentationOf(node: PlainObject): string[] {
  const paragraphs: string[] = [];
  const title = schemaTitle(node);
  if (title !== undefined) paragraphs.push(title);
  if (typeof node.description === 'string' && node.description.trim() !== '') paragraphs.push(node.description);
  const escaped = paragraphs.map(commentText);
  const tags = constraintTags(node);
  if (tags.length > 0) escaped.push(tags.join('\n'));
  return escaped;
}

const APPLICATORS = ['allOf', 'anyOf', 'oneOf'];

/** An applicator with any other keyword that shapes the type (another applicator included) beside it. */
function isSplitByLibrary(schema: PlainObject): boolean {
  const keywords = Object.keys(schema).filter((keyword) => SHAPE_KEYWORDS.includes(keyword) || keyword === 'tsType');
  return keywords.length > 1 && keywords.some((keyword) => APPLICATORS.includes(keyword));
}

function withDoc(schema: PlainObject, doc: readonly string[]): PlainObject {
  return doc.length === 0 ? schema : { ...schema, description: doc.join('\n\n') };
}

/**
 * `enum` / `const`: primitive values stay for the library (it prints them with
 * JSON.stringify); objects and arrays become a `tsType` built here from JSON,
 * which is a valid TypeScript type literal.
 */
function literalUnion(values: readonly unknown[]): PlainObject {
  if (values.every((value) => value === null || ['string', 'number', 'boolean'].includes(typeof value))) return { enum: [...values] };
  return { tsType: values.map((value) => jsonTypeLiteral(value)).join(' | ') };
}

function jsonTypeLiteral(value: unknown): string {
  if (typeof value === 'string') return stringLiteral(value);
  if (Array.isArray(value)) return `[${value.map(jsonTypeLiteral).join(', ')}]`;
  if (isPlainObject(value)) {
    const members = Object.entries(value).map(([key, member]) => `${stringLiteral(key)}: ${jsonTypeLiteral(member)}`);
    // `{}` would take any value but null; this takes the one value the schema allows.
    return members.length === 0 ? '{ [k: string]: never }' : `{ ${members.join('; ')} }`;
  }
  return JSON.stringify(value) ?? 'null';
}
