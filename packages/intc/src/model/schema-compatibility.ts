/**
 * Whether every value one JSON Schema accepts is accepted by another
 * ("candidate satisfies required"), judged structurally on the keywords
 * interfaces rely on: type sets (`integer` ⊂ `number`, also from const and
 * enum), required and declared properties, `additionalProperties: false`
 * (unless objects are open, as Botpress's are), array `items`, and
 * const/enum values. Everything else (oneOf, allOf,
 * patterns, bounds…) is not judged: this check may miss a contradiction, but
 * never reports one that is not there. Pure and cycle-safe; `$ref`s to
 * `#/entities/<name>` are resolved by the caller, local `#/…` pointers
 * against the embedded schema they are in.
 */
import type { LocationPart, PathSegment, ValuePath } from '../load/source-file.js';
import { decodePointer, isEntityRef } from '../validate/json-pointer.js';
import { isPlainObject, type PlainObject } from './values.js';

/** A schema and where it sits: which manifest (a tag the caller chooses) and the path in its value. */
export interface LocatedSchema {
  readonly schema: unknown;
  readonly manifest: string;
  readonly path: ValuePath;
}

/** Where an issue shows in one of the two schemas. */
export interface SchemaLocation {
  readonly manifest: string;
  readonly path: ValuePath;
  readonly part: LocationPart;
}

/** The schema `$ref: '#/entities/<entity>'` means in `manifest`, or undefined when unknown (not judged). */
export type EntityResolver = (entity: string, manifest: string) => LocatedSchema | undefined;

/**
 * type/values: the candidate allows a type or value the required schema does
 * not; missing/optional: a property the required schema requires is not
 * declared, or not required, in the candidate; extra: the candidate declares
 * a property the required schema forbids (`additionalProperties: false`).
 */
export type IssueKind = 'type' | 'values' | 'missing' | 'optional' | 'extra';

export interface CompatibilityIssue {
  readonly kind: IssueKind;
  /** Where in a value: property names, `[]` for the items of an array. */
  readonly valuePath: readonly string[];
  /** What the required schema allows, as a noun phrase ("a string", "'stop' or 'length'"); type/values only. */
  readonly requiredAllows: string;
  /** What the candidate allows beyond it ("an integer", "any string"); type/values only. */
  readonly candidateAllows: string;
  /** True when the candidate allows nothing the required schema does (so "is", not "may be"). */
  readonly disjoint: boolean;
  /** The node of each side the issue is about. */
  readonly candidate: SchemaLocation;
  readonly required: SchemaLocation;
  /** The issue from the candidate's side: "property 'id' must be a string, but is an integer here". */
  readonly detail: string;
}

export const ITEMS_SEGMENT = '[]';

export interface SatisfiesOptions {
  /**
   * Botpress's object semantics (zod objects, which strip unknown keys):
   * `additionalProperties: false` on the required side does not forbid the
   * candidate's other properties, so no `extra` issue is reported.
   */
  readonly openObjects?: boolean;
}

/** The issues that keep `candidate` from satisfying `required`; empty when none is found. */
export function satisfies(candidate: LocatedSchema, required: LocatedSchema, resolveEntity: EntityResolver, options: SatisfiesOptions = {}): CompatibilityIssue[] {
  const check = new CompatibilityCheck(resolveEntity, options);
  check.compare(rootNode(candidate), rootNode(required), []);
  return check.issues;
}

/** How `describeIssue` words an issue for one of the two sides. */
export type IssueWording =
  | {
      /** The sentence is about the candidate: "… must be a string, but is an integer here". */
      readonly focus: 'candidate';
      /** Where the candidate is: "here", "in interface 'b'". */
      readonly candidateIn: string;
      /** Where the requirement comes from, when the sentence should say: "in interface 'a'". */
      readonly requiredIn?: string;
      /** What the root value is: "output" gives "output property 'id'" and "the output". */
      readonly what?: string;
    }
  | {
      /** The sentence is about the required schema: "… must be an integer here, but the interface allows a number". */
      readonly focus: 'required';
      readonly requiredIn: string;
      /** Who holds the candidate, as a subject: "the interface". */
      readonly candidateNoun: string;
      readonly what?: string;
    };

export function describeIssue(issue: CompatibilityIssue, wording: IssueWording): string {
  const subject = describeValuePath(issue.valuePath, wording.what);
  return wording.focus === 'candidate' ? fromCandidate(issue, subject, wording.candidateIn, wording.requiredIn) : fromRequired(issue, subject, wording.requiredIn, wording.candidateNoun);
}

function fromCandidate(issue: CompatibilityIssue, subject: string, candidateIn: string, requiredIn: string | undefined): string {
  const inRequired = requiredIn ? ` ${requiredIn}` : '';
  switch (issue.kind) {
    case 'missing':
      return `${subject} is required${inRequired}, but not declared ${candidateIn}`;
    case 'optional':
      return `${subject} is required${inRequired}, but optional ${candidateIn}`;
    case 'extra':
      return `${subject} is not allowed${inRequired} (additionalProperties: false), but declared ${candidateIn}`;
    default:
      return `${subject} must be ${issue.requiredAllows}${inRequired}, but ${issue.disjoint ? 'is' : 'may be'} ${issue.candidateAllows} ${candidateIn}`;
  }
}

function fromRequired(issue: CompatibilityIssue, subject: string, requiredIn: string, candidateNoun: string): string {
  switch (issue.kind) {
    case 'missing':
      return `${subject} is required ${requiredIn}, but ${candidateNoun} does not declare it`;
    case 'optional':
      return `${subject} is required ${requiredIn}, but optional in ${candidateNoun}`;
    case 'extra':
      return `${subject} is not allowed ${requiredIn} (additionalProperties: false), but ${candidateNoun} declares it`;
    default:
      return `${subject} must be ${issue.requiredAllows} ${requiredIn}, but ${candidateNoun} allows ${issue.candidateAllows}`;
  }
}

/** `['choices', '[]', 'role']` → "property 'choices[].role'"; the root → "the value". */
export function describeValuePath(valuePath: readonly string[], what?: string): string {
  if (valuePath.length === 0) return `the ${what ?? 'value'}`;
  const joined = valuePath.reduce((text, segment) => (segment === ITEMS_SEGMENT ? `${text}${segment}` : text === '' ? segment : `${text}.${segment}`), '');
  return `${what ? `${what} ` : ''}property '${joined}'`;
}

// ---------------------------------------------------------------------------

/** A schema node being compared: its value, where it is, the embedded schema local pointers resolve in. */
interface SchemaNode extends LocatedSchema {
  readonly root: LocatedSchema;
  /** Where the `$ref` this node was reached through is written, when it was: type issues show at the use. */
  readonly refAt?: SchemaLocation;
}

function rootNode(located: LocatedSchema): SchemaNode {
  return { ...located, root: located };
}

function child(node: SchemaNode, schema: unknown, ...segments: PathSegment[]): SchemaNode {
  return { schema, manifest: node.manifest, path: [...node.path, ...segments], root: node.root };
}

/** Keywords that narrow a schema in ways not judged here; a candidate using them is given the benefit of the doubt. */
const UNJUDGED_NARROWING = ['allOf', 'anyOf', 'oneOf', 'not', 'if', '$ref'];

class CompatibilityCheck {
  readonly issues: CompatibilityIssue[] = [];
  /**
   * Pairs already compared (or being compared), by the manifests they are in
   * (one schema means different things under different entity mappings): a
   * recursive entity is compared once, as if it fit.
   */
  private readonly compared = new Map<string, Map<unknown, Set<unknown>>>();

  constructor(
    private readonly resolveEntity: EntityResolver,
    private readonly options: SatisfiesOptions,
  ) {}

  compare(candidateNode: SchemaNode, requiredNode: SchemaNode, valuePath: readonly string[]): void {
    const candidate = this.dereference(candidateNode);
    const required = this.dereference(requiredNode);
    if (!candidate || !required || !this.firstComparison(candidate, required)) return;
    if (candidate.schema === false || required.schema === true) return;
    // A candidate of `true` accepts anything: the same as an empty schema.
    const candidateSchema = candidate.schema === true ? {} : candidate.schema;
    if (!isPlainObject(candidateSchema) || !isPlainObject(required.schema)) return;
    const pair = { candidate, required, candidateSchema, requiredSchema: required.schema, valuePath };
    if (!this.compareTypes(pair) || !this.compareValues(pair)) return;
    this.compareProperties(pair);
    this.compareItems(pair);
  }

  private firstComparison(candidate: SchemaNode, required: SchemaNode): boolean {
    if (candidate.schema === required.schema && candidate.manifest === required.manifest) return false;
    const manifests = JSON.stringify([candidate.manifest, required.manifest]);
    let byCandidate = this.compared.get(manifests);
    if (!byCandidate) this.compared.set(manifests, (byCandidate = new Map()));
    let seen = byCandidate.get(candidate.schema);
    if (!seen) byCandidate.set(candidate.schema, (seen = new Set()));
    if (seen.has(required.schema)) return false;
    seen.add(required.schema);
    return true;
  }

  /** Follows `$ref`s to the schema they name; undefined when one cannot be followed (not judged). */
  private dereference(node: SchemaNode): SchemaNode | undefined {
    let current = node;
    const followed = new Set<unknown>();
    while (isPlainObject(current.schema) && typeof current.schema.$ref === 'string') {
      if (followed.has(current.schema)) return undefined;
      followed.add(current.schema);
      const target = this.follow(current, current.schema.$ref);
      if (!target) return undefined;
      current = { ...target, refAt: node.refAt ?? at(node, 'value', '$ref') };
    }
    return current;
  }

  private follow(node: SchemaNode, ref: string): SchemaNode | undefined {
    if (ref !== '#' && !ref.startsWith('#/')) return undefined;
    const segments = decodePointer(ref);
    if (isEntityRef(ref)) {
      const target = segments.length === 2 ? this.resolveEntity(segments[1] ?? '', node.manifest) : undefined;
      return target && rootNode(target);
    }
    let target = rootNode(node.root);
    for (const segment of segments) {
      const container = target.schema;
      const key = Array.isArray(container) ? Number(segment) : segment;
      const value = Array.isArray(container) ? container[key as number] : isPlainObject(container) && Object.hasOwn(container, segment) ? container[segment] : undefined;
      if (value === undefined) return undefined;
      target = child(target, value, key);
    }
    return { ...target, root: node.root };
  }

  /** Type sets: every type the candidate allows must be allowed by the required schema. False when reported. */
  private compareTypes(pair: Pair): boolean {
    const requiredTypes = typesOf(pair.requiredSchema);
    if (!requiredTypes) return true;
    const candidateTypes = typesOf(pair.candidateSchema);
    if (!candidateTypes) {
      if (usesUnjudgedNarrowing(pair.candidateSchema)) return false;
      this.report(pair, 'type', { requiredAllows: describeTypes(requiredTypes), candidateAllows: 'any value', disjoint: false });
      return false;
    }
    const extra = candidateTypes.filter((type) => !typeAllows(requiredTypes, type));
    if (extra.length === 0) return true;
    const disjoint = extra.length === candidateTypes.length;
    this.report(pair, 'type', { requiredAllows: describeTypes(requiredTypes), candidateAllows: describeTypes(extra), disjoint });
    return false;
  }

  /** const/enum: the candidate's values must be among the required ones. False when reported. */
  private compareValues(pair: Pair): boolean {
    const requiredValues = valuesOf(pair.requiredSchema);
    if (!requiredValues) return true;
    const candidateValues = valuesOf(pair.candidateSchema);
    if (!candidateValues) {
      if (usesUnjudgedNarrowing(pair.candidateSchema)) return false;
      const types = typesOf(pair.candidateSchema);
      const candidateAllows = types ? `any ${types.join(' or ')}` : 'any value';
      this.report(pair, 'values', { requiredAllows: describeValues(requiredValues), candidateAllows, disjoint: false });
      return false;
    }
    const extra = candidateValues.filter((value) => !requiredValues.some((allowed) => jsonEqual(value, allowed)));
    if (extra.length === 0) return true;
    const disjoint = extra.length === candidateValues.length;
    this.report(pair, 'values', { requiredAllows: describeValues(requiredValues), candidateAllows: describeValues(extra), disjoint });
    return false;
  }

  private compareProperties(pair: Pair): void {
    const { candidate, required, candidateSchema, requiredSchema, valuePath } = pair;
    const candidateProperties = objectOf(candidateSchema.properties);
    const requiredProperties = objectOf(requiredSchema.properties);
    const candidateRequired = stringsOf(candidateSchema.required);
    const lenient = usesUnjudgedNarrowing(candidateSchema);
    stringsOf(requiredSchema.required).forEach((name, index) => {
      if (lenient || candidateRequired.includes(name)) return;
      const declared = Object.hasOwn(candidateProperties, name);
      const location = declared ? at(candidate, 'key', 'properties', name) : at(candidate, 'key');
      this.issues.push(issue(declared ? 'optional' : 'missing', [...valuePath, name], { candidate: location, required: at(required, 'value', 'required', index) }));
    });
    for (const [name, requiredProperty] of Object.entries(requiredProperties)) {
      if (!Object.hasOwn(candidateProperties, name)) continue;
      this.compare(child(candidate, candidateProperties[name], 'properties', name), child(required, requiredProperty, 'properties', name), [...valuePath, name]);
    }
    if (this.options.openObjects || requiredSchema.additionalProperties !== false || requiredSchema.patternProperties !== undefined) return;
    for (const name of Object.keys(candidateProperties)) {
      if (Object.hasOwn(requiredProperties, name)) continue;
      this.issues.push(issue('extra', [...valuePath, name], { candidate: at(candidate, 'key', 'properties', name), required: at(required, 'value', 'additionalProperties') }));
    }
  }

  private compareItems(pair: Pair): void {
    const { candidate, required, candidateSchema, requiredSchema, valuePath } = pair;
    const requiredItems = requiredSchema.items;
    if (requiredItems === undefined || Array.isArray(requiredItems) || Array.isArray(candidateSchema.items)) return;
    if (candidateSchema.items === undefined && usesUnjudgedNarrowing(candidateSchema)) return;
    // No `items` in the candidate: its items may be anything, as if `items: true` were written on the array.
    const candidateItems = candidateSchema.items === undefined ? { ...candidate, schema: true, refAt: undefined } : child(candidate, candidateSchema.items, 'items');
    this.compare(candidateItems, child(required, requiredItems, 'items'), [...valuePath, ITEMS_SEGMENT]);
  }

  private report(pair: Pair, kind: 'type' | 'values', allows: Pick<CompatibilityIssue, 'requiredAllows' | 'candidateAllows' | 'disjoint'>): void {
    const keyword = kind === 'type' ? ['type', 'const', 'enum'] : ['const', 'enum', 'type'];
    this.issues.push(
      issue(kind, pair.valuePath, {
        ...allows,
        candidate: keywordLocation(pair.candidate, pair.candidateSchema, keyword),
        required: keywordLocation(pair.required, pair.requiredSchema, keyword),
      }),
    );
  }
}

interface Pair {
  readonly candidate: SchemaNode;
  readonly required: SchemaNode;
  readonly candidateSchema: PlainObject;
  readonly requiredSchema: PlainObject;
  readonly valuePath: readonly string[];
}

type IssueFields = Pick<CompatibilityIssue, 'candidate' | 'required'> & Partial<Pick<CompatibilityIssue, 'requiredAllows' | 'candidateAllows' | 'disjoint'>>;

function issue(kind: IssueKind, valuePath: readonly string[], fields: IssueFields): CompatibilityIssue {
  const draft = { kind, valuePath, requiredAllows: '', candidateAllows: '', disjoint: true, ...fields, detail: '' };
  return { ...draft, detail: describeIssue(draft, { focus: 'candidate', candidateIn: 'here' }) };
}

function at(node: SchemaNode, part: LocationPart, ...segments: PathSegment[]): SchemaLocation {
  return { manifest: node.manifest, path: [...node.path, ...segments], part };
}

/** The keyword a type or value issue is about; the `$ref` when the node was reached through one here. */
function keywordLocation(node: SchemaNode, schema: PlainObject, keywords: readonly string[]): SchemaLocation {
  if (node.refAt) return node.refAt;
  const keyword = keywords.find((name) => Object.hasOwn(schema, name));
  return keyword ? at(node, 'value', keyword) : at(node, 'key');
}

function usesUnjudgedNarrowing(schema: PlainObject): boolean {
  return UNJUDGED_NARROWING.some((keyword) => Object.hasOwn(schema, keyword));
}

// --- type and value sets ------------------------------------------------------

const JSON_TYPES = new Set(['array', 'boolean', 'integer', 'null', 'number', 'object', 'string']);

/** The types a schema allows, from `type`, `const` and `enum`; undefined when unconstrained. (Also read by src/diff/.) */
export function typesOf(schema: PlainObject): string[] | undefined {
  const declared = declaredTypes(schema.type);
  const values = valuesOf(schema);
  if (!values) return declared;
  const fromValues = [...new Set(values.map(jsonTypeOf))];
  return declared ? fromValues.filter((type) => typeAllows(declared, type)) : fromValues;
}

function declaredTypes(type: unknown): string[] | undefined {
  const list = Array.isArray(type) ? type : [type];
  const types = list.filter((t): t is string => typeof t === 'string' && JSON_TYPES.has(t));
  return types.length > 0 && types.length === list.length ? types : undefined;
}

export function typeAllows(types: readonly string[], type: string): boolean {
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

/** The values `const` and `enum` allow (both: the ones in both); undefined when neither is given. */
export function valuesOf(schema: PlainObject): unknown[] | undefined {
  const enumValues = Array.isArray(schema.enum) ? schema.enum : undefined;
  if (!Object.hasOwn(schema, 'const')) return enumValues;
  return enumValues && !enumValues.some((value) => jsonEqual(value, schema.const)) ? [] : [schema.const];
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
}

export function describeTypes(types: readonly string[]): string {
  return orList(types.map((type) => (type === 'null' ? 'null' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`)));
}

export function describeValues(values: readonly unknown[]): string {
  if (values.length === 0) return 'nothing';
  return orList(values.map((value) => (typeof value === 'string' ? `'${value}'` : JSON.stringify(value))));
}

function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

function objectOf(value: unknown): PlainObject {
  return isPlainObject(value) ? value : {};
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
