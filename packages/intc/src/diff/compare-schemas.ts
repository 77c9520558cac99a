/**
 * Compares the old and the new version of one schema, judged by the
 * direction its values travel (buf breaking's wire rules, oasdiff's request
 * and response rules): in an input (callers send it) whatever the new
 * schema refuses that the old accepted breaks; in an output (bots read it)
 * whatever the new schema may produce that the old could not breaks. A
 * message payload travels both ways (bots send it, integrations create it):
 * the worse of the two verdicts counts.
 *
 * `$ref: '#/entities/<name>'` is followed on each side to that side's
 * entity, so a change inside an entity is judged at every use, by that
 * use's direction. Keyword order and YAML style never reach here (the
 * plain values are compared). Type and value sets reuse the structural
 * helpers of model/schema-compatibility.ts.
 */
import type { LocationPart, PathSegment, ValuePath } from '../load/source-file.js';
import {
  describeTypes,
  describeValuePath,
  describeValues,
  ITEMS_SEGMENT,
  jsonEqual,
  typeAllows,
  typesOf,
  valuesOf,
} from '../model/schema-compatibility.js';
import { schemaTitle, ZUI_KEYWORD } from '../model/schema-extensions.js';
import { isPlainObject, type PlainObject } from '../model/values.js';
import { decodePointer, isEntityRef } from '../validate/json-pointer.js';
import { changeCodes, severityRank, type ChangeCode } from './change-codes.js';
import { createChange, siteIn, type Change, type Side } from './change.js';

export type Direction = 'input' | 'output' | 'both';

/** One schema of a definition: what it is and who depends on it. */
export interface SchemaRoot {
  /** "action 'sendMessage' input", "event 'messageReceived'". */
  readonly label: string;
  readonly direction: Direction;
  /** Whose values an input change can refuse: "calls made against the old version". */
  readonly senders: string;
  /** Who an output change can break: "callers reading the result". */
  readonly readers: string;
  /** Where the schema is on each side (a path through that side's resolved definition). */
  readonly oldPath: ValuePath;
  readonly newPath: ValuePath;
}

/** One side's entities: name → schema (at `entities.<name>.schema` of that side). */
export type EntitySchemas = ReadonlyMap<string, unknown>;

export interface CompareOptions {
  readonly entities: { readonly old: EntitySchemas; readonly new: EntitySchemas };
  /** Leave out title, description and annotation changes inside entities (reported once, at the entity). */
  readonly skipEntityDocs?: boolean;
  /** Report only patch-level changes (an entity's own docs, when its contract is judged at its uses). */
  readonly docsOnly?: boolean;
  /** Collects the entities the comparison followed a `$ref` into on both sides (so judged at this use). */
  readonly reached?: Set<string>;
}

/** A change of meaning, before the direction decides which code (and so which severity) it gets. */
type Shift =
  | 'property-removed'
  | 'required-property-added'
  | 'optional-property-added'
  | 'made-required'
  | 'made-optional'
  | 'narrowed'
  | 'widened'
  | 'values-removed'
  | 'values-added'
  | 'tightened'
  | 'loosened'
  | 'changed';

/** The code of each shift in an input and in an output. */
const SHIFT_CODES: Record<Shift, { readonly input: ChangeCode; readonly output: ChangeCode }> = {
  'property-removed': { input: 'input-property-removed', output: 'output-property-removed' },
  'required-property-added': { input: 'input-required-property-added', output: 'output-property-added' },
  'optional-property-added': { input: 'input-optional-property-added', output: 'output-property-added' },
  'made-required': { input: 'input-property-made-required', output: 'output-property-made-required' },
  'made-optional': { input: 'input-property-made-optional', output: 'output-property-made-optional' },
  narrowed: { input: 'input-type-narrowed', output: 'output-type-narrowed' },
  widened: { input: 'input-type-widened', output: 'output-type-widened' },
  'values-removed': { input: 'input-enum-value-removed', output: 'output-enum-value-removed' },
  'values-added': { input: 'input-enum-value-added', output: 'output-enum-value-added' },
  tightened: { input: 'input-constraint-tightened', output: 'output-constraint-tightened' },
  loosened: { input: 'input-constraint-loosened', output: 'output-constraint-loosened' },
  changed: { input: 'input-schema-changed', output: 'output-schema-changed' },
};

/** The code a shift gets in a direction: for both, the more severe of the two (the input's on a tie). */
export function shiftCode(shift: Shift, direction: Direction): ChangeCode {
  const codes = SHIFT_CODES[shift];
  if (direction !== 'both') return codes[direction];
  return severityRank(changeCodes[codes.output].severity) > severityRank(changeCodes[codes.input].severity) ? codes.output : codes.input;
}

/** Lower bounds: raising one (or adding it) narrows what is valid. */
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'];
/** Upper bounds: lowering one (or adding it) narrows what is valid. */
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'];
/** Keywords whose changes intc does not judge structurally: any difference may break either way. */
const OPAQUE_KEYWORDS = ['not', 'if', 'then', 'else', 'patternProperties', 'dependencies', 'contains', 'propertyNames', 'additionalItems', 'allOf'];
/** Annotations: they change no value's validity (patch). `title`, `description` and `x-zui.title` are compared on their own. */
const ANNOTATIONS = ['examples', '$comment', 'deprecated', 'readOnly', 'writeOnly', 'discriminator', 'contentMediaType', 'contentEncoding', '$schema', '$id'];

/** Every change between two versions of one schema. */
export function compareSchemas(root: SchemaRoot, oldSchema: unknown, newSchema: unknown, options: CompareOptions): Change[] {
  const walk = new SchemaWalk(root, options);
  walk.compare(rootNode(oldSchema, root.oldPath), rootNode(newSchema, root.newPath), []);
  return walk.changes;
}

interface SchemaNode {
  readonly schema: unknown;
  readonly path: ValuePath;
  /** The embedded schema local pointers (`#/definitions/x`) resolve in. */
  readonly root: { readonly schema: unknown; readonly path: ValuePath };
  /** The entity this node is inside, reached through a `$ref`. */
  readonly entity?: string;
}

function rootNode(schema: unknown, path: ValuePath): SchemaNode {
  return { schema, path, root: { schema, path } };
}

function child(node: SchemaNode, schema: unknown, ...segments: PathSegment[]): SchemaNode {
  return { ...node, schema, path: [...node.path, ...segments] };
}

/** Both sides of one schema node, dereferenced, with the value path (property names, `[]`) it describes. */
interface Pair {
  readonly old: SchemaNode;
  readonly new: SchemaNode;
  readonly oldSchema: PlainObject;
  readonly newSchema: PlainObject;
  readonly valuePath: readonly string[];
}

class SchemaWalk {
  readonly changes: Change[] = [];
  /** Pairs of dereferenced schemas already compared: a recursive entity is compared once. */
  private readonly compared = new Map<unknown, Set<unknown>>();

  constructor(
    private readonly root: SchemaRoot,
    private readonly options: CompareOptions,
  ) {}

  compare(oldNode: SchemaNode, newNode: SchemaNode, valuePath: readonly string[]): void {
    // Docs are compared where they are written: beside a `$ref` on the node itself; an entity's at the entity.
    this.compareDocs(oldNode, newNode, valuePath);
    const oldTarget = this.dereference(oldNode, 'old');
    const newTarget = this.dereference(newNode, 'new');
    if (!oldTarget || !newTarget) {
      if (!jsonEqual(oldNode.schema, newNode.schema)) this.shift('changed', valuePath, 'new', newNode.path, 'value', "a '$ref' that cannot be followed");
      return;
    }
    if (newTarget.entity !== undefined && oldTarget.entity !== undefined) this.options.reached?.add(newTarget.entity);
    if (!this.firstComparison(oldTarget.schema, newTarget.schema)) return;
    const oldSchema = asObject(oldTarget.schema);
    const newSchema = asObject(newTarget.schema);
    if (!oldSchema || !newSchema) {
      if (jsonEqual(oldTarget.schema, newTarget.schema)) return;
      const detail = newSchema ? 'values the old schema `false` refused' : 'any value (the schema is now `false`)';
      this.shift(newSchema ? 'widened' : 'narrowed', valuePath, 'new', newTarget.path, 'value', detail);
      return;
    }
    const pair: Pair = { old: oldTarget, new: newTarget, oldSchema, newSchema, valuePath };
    this.compareDefault(pair);
    this.compareTypesAndValues(pair);
    this.compareBounds(pair);
    this.compareExactConstraints(pair);
    this.compareProperties(pair);
    this.compareAdditionalProperties(pair);
    this.compareItems(pair);
    this.compareAlternatives(pair, 'anyOf');
    this.compareAlternatives(pair, 'oneOf');
    for (const keyword of OPAQUE_KEYWORDS) this.compareOpaque(pair, keyword);
  }

  private firstComparison(oldSchema: unknown, newSchema: unknown): boolean {
    let seen = this.compared.get(oldSchema);
    if (!seen) this.compared.set(oldSchema, (seen = new Set()));
    if (seen.has(newSchema)) return false;
    seen.add(newSchema);
    return true;
  }

  /** Follows `$ref`s to the schema they name on that side; undefined when one cannot be followed. */
  private dereference(node: SchemaNode, side: Side): SchemaNode | undefined {
    let current = node;
    const followed = new Set<unknown>();
    while (isReference(current.schema)) {
      if (followed.has(current.schema)) return undefined;
      followed.add(current.schema);
      const ref = String((current.schema as PlainObject).$ref);
      const target = isEntityRef(ref) ? this.entityNode(ref, side) : localTarget(current, ref);
      if (!target) return undefined;
      current = target;
    }
    return current;
  }

  private entityNode(ref: string, side: Side): SchemaNode | undefined {
    const segments = decodePointer(ref);
    const name = segments[1];
    const entities = this.options.entities[side];
    if (segments.length !== 2 || name === undefined || !entities.has(name)) return undefined;
    return { ...rootNode(entities.get(name), ['entities', name, 'schema']), entity: name };
  }

  // --- documentation ------------------------------------------------------------------------------

  private compareDocs(oldNode: SchemaNode, newNode: SchemaNode, valuePath: readonly string[]): void {
    const oldSchema = asObject(oldNode.schema);
    const newSchema = asObject(newNode.schema);
    if (!oldSchema || !newSchema || (this.options.skipEntityDocs && newNode.entity !== undefined)) return;
    const what = this.subject(valuePath, newNode);
    const oldTitle = schemaTitle(oldSchema);
    const newTitle = schemaTitle(newSchema);
    if (oldTitle !== newTitle) {
      this.add(createChange('title-changed', { what, detail: describeEdit(quoted(oldTitle), quoted(newTitle)) }, titleSite(newNode, newSchema)));
    }
    if (oldSchema.description !== newSchema.description) {
      this.add(createChange('description-changed', { what }, siteIn('new', keywordPath(newNode, newSchema, 'description'), keywordPart(newSchema, 'description'))));
    }
    const keywords = new Set([...Object.keys(oldSchema), ...Object.keys(newSchema)].filter((key) => ANNOTATIONS.includes(key) || key.startsWith('x-')));
    for (const keyword of [...keywords].sort()) {
      const before = keyword === ZUI_KEYWORD ? withoutTitle(oldSchema[keyword]) : oldSchema[keyword];
      const after = keyword === ZUI_KEYWORD ? withoutTitle(newSchema[keyword]) : newSchema[keyword];
      if (jsonEqual(before, after)) continue;
      this.add(createChange('annotation-changed', { what, detail: `'${keyword}'` }, siteIn('new', keywordPath(newNode, newSchema, keyword), keywordPart(newSchema, keyword))));
    }
  }

  private compareDefault(pair: Pair): void {
    const { oldSchema, newSchema } = pair;
    if (jsonEqual(oldSchema.default, newSchema.default)) return;
    const detail = describeEdit(showValue(oldSchema.default), showValue(newSchema.default));
    this.add(createChange('default-changed', { subject: this.subject(pair.valuePath, pair.new), detail, who: '' }, this.keywordSite(pair, 'default')));
  }

  // --- types and values ---------------------------------------------------------------------------

  private compareTypesAndValues(pair: Pair): void {
    const { oldSchema, newSchema } = pair;
    const oldValues = valuesOf(oldSchema);
    const newValues = valuesOf(newSchema);
    const valueKeyword = ['enum', 'const'];
    if (oldValues && newValues) {
      const removed = oldValues.filter((value) => !newValues.some((kept) => jsonEqual(kept, value)));
      const added = newValues.filter((value) => !oldValues.some((had) => jsonEqual(had, value)));
      if (removed.length > 0) this.shiftAt(pair, 'values-removed', valueKeyword, describeValues(removed));
      if (added.length > 0) this.shiftAt(pair, 'values-added', valueKeyword, describeValues(added));
      return;
    }
    if (oldValues && !newValues) {
      this.shiftAt(pair, 'values-added', valueKeyword, `any ${describeTypeSet(typesOf(newSchema))} (it was ${describeValues(oldValues)})`);
      return;
    }
    if (newValues && !oldValues) {
      this.shiftAt(pair, 'values-removed', valueKeyword, `any ${describeTypeSet(typesOf(oldSchema))} but ${describeValues(newValues)}`);
      return;
    }
    const oldTypes = typesOf(oldSchema);
    const newTypes = typesOf(newSchema);
    if (!oldTypes && !newTypes) return;
    if (!newTypes) {
      this.shiftAt(pair, 'widened', ['type'], `any type (it was ${describeTypes(oldTypes!)})`);
      return;
    }
    if (!oldTypes) {
      this.shiftAt(pair, 'narrowed', ['type'], `anything but ${describeTypes(newTypes)}`);
      return;
    }
    const removed = oldTypes.filter((type) => !typeAllows(newTypes, type));
    const added = newTypes.filter((type) => !typeAllows(oldTypes, type));
    if (removed.length > 0) this.shiftAt(pair, 'narrowed', ['type'], describeTypeChange(removed, newTypes));
    if (added.length > 0) this.shiftAt(pair, 'widened', ['type'], describeTypeChange(added, oldTypes));
  }

  // --- constraints --------------------------------------------------------------------------------

  private compareBounds(pair: Pair): void {
    for (const keyword of [...LOWER_BOUNDS, ...UPPER_BOUNDS]) {
      const before = pair.oldSchema[keyword];
      const after = pair.newSchema[keyword];
      if (jsonEqual(before, after)) continue;
      const lower = LOWER_BOUNDS.includes(keyword);
      const tighter = after !== undefined && (before === undefined || (lower ? Number(after) > Number(before) : Number(after) < Number(before)));
      this.shiftAt(pair, tighter ? 'tightened' : 'loosened', [keyword], `${keyword} ${describeEdit(showValue(before), showValue(after))}`);
    }
  }

  /** pattern, format, multipleOf, uniqueItems: adding one narrows, removing one widens, changing one may do either. */
  private compareExactConstraints(pair: Pair): void {
    const { oldSchema, newSchema } = pair;
    for (const keyword of ['pattern', 'format', 'multipleOf', 'uniqueItems']) {
      const before = keyword === 'uniqueItems' && oldSchema[keyword] === false ? undefined : oldSchema[keyword];
      const after = keyword === 'uniqueItems' && newSchema[keyword] === false ? undefined : newSchema[keyword];
      if (jsonEqual(before, after)) continue;
      const detail = `${keyword} ${describeEdit(showValue(before), showValue(after))}`;
      if (before === undefined) this.shiftAt(pair, 'tightened', [keyword], detail);
      else if (after === undefined) this.shiftAt(pair, 'loosened', [keyword], detail);
      else if (keyword === 'multipleOf' && isMultiple(Number(after), Number(before))) this.shiftAt(pair, 'tightened', [keyword], detail);
      else if (keyword === 'multipleOf' && isMultiple(Number(before), Number(after))) this.shiftAt(pair, 'loosened', [keyword], detail);
      else this.shiftAt(pair, 'changed', [keyword], detail);
    }
  }

  // --- objects ------------------------------------------------------------------------------------

  private compareProperties(pair: Pair): void {
    const oldProperties = objectOf(pair.oldSchema.properties);
    const newProperties = objectOf(pair.newSchema.properties);
    const oldRequired = new Set(stringsOf(pair.oldSchema.required));
    const newRequired = new Set(stringsOf(pair.newSchema.required));
    const names = [...new Set([...Object.keys(oldProperties), ...Object.keys(newProperties)])].sort();
    for (const name of names) {
      const valuePath = [...pair.valuePath, name];
      const inOld = Object.hasOwn(oldProperties, name);
      const inNew = Object.hasOwn(newProperties, name);
      if (!inNew) {
        this.shift('property-removed', valuePath, 'old', [...pair.old.path, 'properties', name], 'key', '', pair.old);
        continue;
      }
      const at = [...pair.new.path, 'properties', name];
      if (!inOld) {
        this.shift(newRequired.has(name) ? 'required-property-added' : 'optional-property-added', valuePath, 'new', at, 'key', '', pair.new);
        continue;
      }
      if (oldRequired.has(name) && !newRequired.has(name)) this.shift('made-optional', valuePath, 'new', at, 'key', '', pair.new);
      if (!oldRequired.has(name) && newRequired.has(name)) this.shift('made-required', valuePath, 'new', at, 'key', '', pair.new);
      this.compare(child(pair.old, oldProperties[name], 'properties', name), child(pair.new, newProperties[name], 'properties', name), valuePath);
    }
  }

  /** `additionalProperties: false` closes an object (a constraint); a schema there is compared like a property. */
  private compareAdditionalProperties(pair: Pair): void {
    const before = pair.oldSchema.additionalProperties;
    const after = pair.newSchema.additionalProperties;
    if (jsonEqual(before, after)) return;
    if (isPlainObject(before) && isPlainObject(after)) {
      this.compare(child(pair.old, before, 'additionalProperties'), child(pair.new, after, 'additionalProperties'), [...pair.valuePath, '*']);
      return;
    }
    const closedBefore = before === false;
    const closedAfter = after === false;
    const detail = `additionalProperties ${describeEdit(showValue(before), showValue(after))}`;
    if (!closedBefore && closedAfter) this.shiftAt(pair, 'tightened', ['additionalProperties'], 'the object is now closed: additionalProperties: false');
    else if (closedBefore && !closedAfter) this.shiftAt(pair, 'loosened', ['additionalProperties'], 'the object is now open: additionalProperties is no longer false');
    else this.shiftAt(pair, before === undefined || before === true ? 'tightened' : after === undefined || after === true ? 'loosened' : 'changed', ['additionalProperties'], detail);
  }

  // --- arrays and alternatives ---------------------------------------------------------------------

  private compareItems(pair: Pair): void {
    const before = pair.oldSchema.items;
    const after = pair.newSchema.items;
    if (before === undefined && after === undefined) return;
    const valuePath = [...pair.valuePath, ITEMS_SEGMENT];
    if (Array.isArray(before) || Array.isArray(after)) {
      if (!jsonEqual(before, after)) this.shiftAt(pair, 'changed', ['items'], "tuple 'items'");
      return;
    }
    if (before === undefined) this.shiftAt(pair, 'tightened', ['items'], 'items are now constrained');
    else if (after === undefined) this.shiftAt(pair, 'loosened', ['items'], 'items are no longer constrained');
    else this.compare(child(pair.old, before, 'items'), child(pair.new, after, 'items'), valuePath);
  }

  /**
   * anyOf/oneOf: branches equal on both sides are set aside; with as many
   * left on each side, they are compared in order, else each one left is a
   * removed (narrower) or an added (wider) alternative.
   */
  private compareAlternatives(pair: Pair, keyword: 'anyOf' | 'oneOf'): void {
    const before = pair.oldSchema[keyword];
    const after = pair.newSchema[keyword];
    if (jsonEqual(before, after)) return;
    if (!Array.isArray(before) || !Array.isArray(after)) {
      this.shiftAt(pair, 'changed', [keyword], `'${keyword}' ${before === undefined ? 'added' : after === undefined ? 'removed' : 'changed'}`);
      return;
    }
    const unmatchedOld = before.map((_, index) => index).filter((index) => !after.some((branch) => jsonEqual(branch, before[index])));
    const unmatchedNew = after.map((_, index) => index).filter((index) => !before.some((branch) => jsonEqual(branch, after[index])));
    if (unmatchedOld.length === unmatchedNew.length) {
      unmatchedOld.forEach((oldIndex, i) => {
        const newIndex = unmatchedNew[i]!;
        this.compare(child(pair.old, before[oldIndex], keyword, oldIndex), child(pair.new, after[newIndex], keyword, newIndex), pair.valuePath);
      });
      return;
    }
    for (const index of unmatchedOld) this.shift('narrowed', pair.valuePath, 'old', [...pair.old.path, keyword, index], 'value', `what ${keyword} branch ${index + 1} allowed`, pair.old);
    for (const index of unmatchedNew) this.shift('widened', pair.valuePath, 'new', [...pair.new.path, keyword, index], 'value', `what the new ${keyword} branch ${index + 1} allows`, pair.new);
  }

  private compareOpaque(pair: Pair, keyword: string): void {
    if (jsonEqual(pair.oldSchema[keyword], pair.newSchema[keyword])) return;
    const change = pair.oldSchema[keyword] === undefined ? 'added' : pair.newSchema[keyword] === undefined ? 'removed' : 'changed';
    this.shiftAt(pair, 'changed', [keyword], `'${keyword}' ${change}`);
  }

  // --- reporting ----------------------------------------------------------------------------------

  /** A shift located at the first of `keywords` the new schema has (else at the new node). */
  private shiftAt(pair: Pair, shift: Shift, keywords: readonly string[], detail: string): void {
    const keyword = keywords.find((name) => Object.hasOwn(pair.newSchema, name)) ?? keywords[0]!;
    const site = this.keywordSite(pair, keyword);
    this.shift(shift, pair.valuePath, site.side, site.path, site.part, detail, pair.new);
  }

  private keywordSite(pair: Pair, keyword: string) {
    return siteIn('new', keywordPath(pair.new, pair.newSchema, keyword), keywordPart(pair.newSchema, keyword));
  }

  private shift(shift: Shift, valuePath: readonly string[], side: Side, path: ValuePath, part: LocationPart, detail: string, node?: SchemaNode): void {
    const code = shiftCode(shift, this.root.direction);
    const isOutput = code.startsWith('output-');
    const params = { subject: this.subject(valuePath, node), detail, who: isOutput ? this.root.readers : this.root.senders };
    this.add(createChange(code, params, siteIn(side, path, part)));
  }

  private add(change: Change): void {
    if (this.options.docsOnly && change.severity !== 'patch') return;
    this.changes.push(change);
  }

  /** "action 'getUser' output property 'user.lastName' (entity 'telegramUser')". */
  private subject(valuePath: readonly string[], node?: SchemaNode): string {
    const subject = describeValuePath(valuePath, this.root.label);
    return node?.entity !== undefined && valuePath.length > 0 ? `${subject} (entity '${node.entity}')` : subject;
  }
}

// --- helpers ----------------------------------------------------------------------------------------

function isReference(schema: unknown): boolean {
  return isPlainObject(schema) && typeof schema.$ref === 'string';
}

/** `true` is the empty schema; `false` (accepts nothing) and non-schemas are undefined. */
function asObject(schema: unknown): PlainObject | undefined {
  if (schema === true) return {};
  return isPlainObject(schema) ? schema : undefined;
}

function localTarget(node: SchemaNode, ref: string): SchemaNode | undefined {
  if (ref !== '#' && !ref.startsWith('#/')) return undefined;
  let target: SchemaNode = { ...node, schema: node.root.schema, path: node.root.path };
  for (const segment of decodePointer(ref)) {
    const container = target.schema;
    if (Array.isArray(container) && /^\d+$/.test(segment) && Number(segment) < container.length) {
      target = child(target, container[Number(segment)], Number(segment));
    } else if (isPlainObject(container) && Object.hasOwn(container, segment)) {
      target = child(target, container[segment], segment);
    } else {
      return undefined;
    }
  }
  return target;
}

/** Where a keyword of a node is: the keyword's value when the node has it, else the node itself. */
function keywordPath(node: SchemaNode, schema: PlainObject, keyword: string): ValuePath {
  return Object.hasOwn(schema, keyword) ? [...node.path, keyword] : node.path;
}

function keywordPart(schema: PlainObject, keyword: string): LocationPart {
  return Object.hasOwn(schema, keyword) ? 'value' : 'key';
}

/** Where a node's title is written: `title`, else `x-zui.title`, else the node itself. */
function titleSite(node: SchemaNode, schema: PlainObject) {
  if (Object.hasOwn(schema, 'title')) return siteIn('new', [...node.path, 'title'], 'value');
  const zui = schema[ZUI_KEYWORD];
  if (isPlainObject(zui) && Object.hasOwn(zui, 'title')) return siteIn('new', [...node.path, ZUI_KEYWORD, 'title'], 'value');
  return siteIn('new', node.path, 'key');
}

function withoutTitle(zui: unknown): unknown {
  if (!isPlainObject(zui)) return zui;
  const { title: _title, ...rest } = zui;
  return rest;
}

function describeTypeSet(types: readonly string[] | undefined): string {
  return types ? types.join(' or ') : 'value';
}

/** The types gained or lost, "a non-integer number" where only integers are left or were there. */
function describeTypeChange(types: readonly string[], others: readonly string[]): string {
  return describeTypes(types).replace(/\ba number\b/, others.includes('integer') ? 'a non-integer number' : 'a number');
}

/** "'a' → 'b'", "added: 3", "removed (was 3)". */
export function describeEdit(before: string | undefined, after: string | undefined): string {
  if (before === undefined) return `added: ${after}`;
  if (after === undefined) return `removed, was ${before}`;
  return `${before} → ${after}`;
}

function showValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function isMultiple(value: number, of: number): boolean {
  if (!Number.isFinite(value) || !Number.isFinite(of) || of === 0) return false;
  const ratio = value / of;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}

function quoted(text: string | undefined): string | undefined {
  return text === undefined ? undefined : `'${text}'`;
}

function objectOf(value: unknown): PlainObject {
  return isPlainObject(value) ? value : {};
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
