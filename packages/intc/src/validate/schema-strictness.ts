import type { PathSegment } from '../load/source-file.js';
import { isPlainObject, type PlainObject } from '../model/values.js';
import { isPathPrefix } from '../model/path-pattern.js';
import { isLocalRef, valueAtPath } from './json-pointer.js';
import { walkSchema } from './walk-schema.js';

/**
 * Ajv strict mode, for the common subset of JSON Schema, without compiling
 * (a compile costs ~0.4 ms or more a schema, which dominates large
 * manifests). It follows Ajv's own algorithm (ajv/lib/compile/validate):
 * a keyword that applies to one type needs that type among the data types in
 * force (strictTypes); a schema applied to the same value (allOf, anyOf,
 * oneOf, not) inherits those types and may only narrow them; every
 * `required` name is defined in `properties` (strictRequired). The parts
 * outside that subset are compiled by Ajv instead (planStrictnessCheck);
 * test/schema-strictness.test.ts keeps both verdicts equal.
 */
const KEYWORD_TYPES: Readonly<Record<string, readonly string[]>> = {
  maximum: ['number'],
  minimum: ['number'],
  exclusiveMaximum: ['number'],
  exclusiveMinimum: ['number'],
  multipleOf: ['number'],
  maxLength: ['string'],
  minLength: ['string'],
  pattern: ['string'],
  format: ['number', 'string'],
  maxItems: ['array'],
  minItems: ['array'],
  uniqueItems: ['array'],
  items: ['array'],
  maxProperties: ['object'],
  minProperties: ['object'],
  required: ['object'],
  properties: ['object'],
  additionalProperties: ['object'],
};

/** Subschemas that apply to the same value as their parent, and inherit its data types. */
const SAME_VALUE_APPLICATORS = ['allOf', 'anyOf', 'oneOf', 'not'];

/** Keywords whose strict-mode rules (ignored keywords, tuples, property names) are left to Ajv. */
const KEYWORDS_LEFT_TO_AJV = new Set(['if', 'then', 'else', 'dependencies', 'patternProperties', 'propertyNames', 'contains', 'additionalItems']);

export interface StrictnessProblem {
  /** Path of the offending keyword (or `required` item) inside the schema. */
  readonly path: PathSegment[];
  readonly message: string;
}

/** Keywords whose subschemas apply to a different value (a property, an item): a fresh Ajv context. */
const NEW_VALUE_KEYWORDS = new Set(['properties', 'patternProperties', 'additionalProperties', 'items', 'additionalItems', 'contains', 'propertyNames', 'definitions', '$defs']);

/**
 * Splits a schema between the checks here and Ajv. Ajv evaluates a value's
 * schema and the applicators on that same value together (shared data types
 * and defined properties), so the unit handed to Ajv is the whole schema of
 * one value: the nearest node above an unsupported keyword that a
 * property, item or definition keyword leads to (or the root). Such a unit
 * is compiled alone, unless it holds a local `$ref`, which only resolves
 * from the root: then the whole schema is compiled.
 */
export function planStrictnessCheck(schema: unknown): { readonly compileWithAjv: PathSegment[][] } {
  const units: PathSegment[][] = [];
  walkSchema(schema, (node, path) => {
    if (!needsAjv(node, path)) return;
    const unit = valueSchemaRoot(path);
    if (!units.some((other) => isPathPrefix(other, unit))) units.push(unit);
  });
  const outermost = units.filter((unit) => !units.some((other) => other !== unit && isPathPrefix(other, unit)));
  const withLocalRef = outermost.some((unit) => hasLocalRef(valueAtPath(schema, unit)));
  return { compileWithAjv: withLocalRef ? [[]] : outermost };
}

function needsAjv(node: PlainObject, path: PathSegment[]): boolean {
  if (Array.isArray(node.items) || Object.keys(node).some((keyword) => KEYWORDS_LEFT_TO_AJV.has(keyword))) return true;
  // Ajv's strictRequired also counts properties defined by other schemas of the same value, in evaluation order.
  const hasApplicator = SAME_VALUE_APPLICATORS.some((keyword) => keyword in node);
  return 'required' in node && (hasApplicator || valueSchemaRoot(path).length < path.length);
}

/** The path of the schema node for the same value that the node at `path` belongs to. */
function valueSchemaRoot(path: readonly PathSegment[]): PathSegment[] {
  for (let i = path.length - 1; i >= 0; i--) {
    const segment = path[i];
    if (typeof segment === 'string' && NEW_VALUE_KEYWORDS.has(segment) && !isMapKey(path, i)) {
      const childStart = MAP_KEYWORDS.has(segment) ? i + 2 : segment === 'items' && typeof path[i + 1] === 'number' ? i + 2 : i + 1;
      return path.slice(0, childStart);
    }
  }
  return [];
}

const MAP_KEYWORDS = new Set(['properties', 'patternProperties', 'definitions', '$defs']);

/** True when path[i] is a property name inside a map keyword rather than a keyword. */
function isMapKey(path: readonly PathSegment[], i: number): boolean {
  const previous = path[i - 1];
  return typeof previous === 'string' && MAP_KEYWORDS.has(previous) && !isMapKey(path, i - 1);
}

function hasLocalRef(schema: unknown): boolean {
  let found = false;
  walkSchema(schema, (node) => {
    if (typeof node.$ref === 'string' && isLocalRef(node.$ref)) found = true;
  });
  return found;
}



/** Ajv's strict-mode problems in the schema, outside the units left to Ajv. */
export function findStrictnessProblems(schema: unknown, leftToAjv: readonly (readonly PathSegment[])[] = []): StrictnessProblem[] {
  const problems: StrictnessProblem[] = [];
  checkNode(schema, [], [], problems, leftToAjv);
  return problems;
}

function checkNode(
  schema: unknown,
  path: PathSegment[],
  inheritedTypes: readonly string[],
  problems: StrictnessProblem[],
  skip: readonly (readonly PathSegment[])[],
): void {
  if (!isPlainObject(schema) || skip.some((unit) => unit.length === path.length && isPathPrefix(unit, path))) return;
  const dataTypes = checkContextTypes(schema, path, inheritedTypes, problems);
  checkKeywordTypes(schema, path, dataTypes, problems);
  checkRequired(schema, path, problems);
  for (const keyword of SAME_VALUE_APPLICATORS) {
    const value = schema[keyword];
    if (Array.isArray(value)) value.forEach((branch, i) => checkNode(branch, [...path, keyword, i], dataTypes, problems, skip));
    else if (isPlainObject(value)) checkNode(value, [...path, keyword], dataTypes, problems, skip);
  }
  for (const keyword of ['properties', 'definitions', '$defs']) {
    const map = schema[keyword];
    if (isPlainObject(map)) for (const name in map) checkNode(map[name], [...path, keyword, name], [], problems, skip);
  }
  for (const keyword of ['items', 'additionalProperties']) {
    if (isPlainObject(schema[keyword])) checkNode(schema[keyword], [...path, keyword], [], problems, skip);
  }
}

/** The data types in force at this node: its own `type`, which must fit (and narrows) the inherited ones. */
function checkContextTypes(schema: PlainObject, path: PathSegment[], inherited: readonly string[], problems: StrictnessProblem[]): readonly string[] {
  const own = declaredTypes(schema.type);
  if (own.length === 0) return inherited;
  if (inherited.length === 0) return own;
  for (const type of own) {
    if (!includesType(inherited, type)) {
      problems.push({ path: [...path, 'type'], message: `type "${type}" not allowed by context "${inherited.join(',')}"` });
    }
  }
  const narrowed: string[] = [];
  for (const type of inherited) {
    if (includesType(own, type)) narrowed.push(type);
    else if (own.includes('integer') && type === 'number') narrowed.push('integer');
  }
  return narrowed;
}

function checkKeywordTypes(schema: PlainObject, path: PathSegment[], dataTypes: readonly string[], problems: StrictnessProblem[]): void {
  for (const keyword of Object.keys(schema)) {
    const applicable = Object.hasOwn(KEYWORD_TYPES, keyword) ? KEYWORD_TYPES[keyword] : undefined;
    if (applicable && !applicable.some((type) => hasApplicableType(dataTypes, type))) {
      problems.push({ path: [...path, keyword], message: `missing type "${applicable.join('" or "')}" for keyword "${keyword}"` });
    }
  }
}

function checkRequired(schema: PlainObject, path: PathSegment[], problems: StrictnessProblem[]): void {
  if (!Array.isArray(schema.required)) return;
  const defined = isPlainObject(schema.properties) ? schema.properties : {};
  schema.required.forEach((name, index) => {
    if (typeof name === 'string' && !Object.prototype.hasOwnProperty.call(defined, name)) {
      problems.push({ path: [...path, 'required', index], message: `required property "${name}" is not defined in "properties"` });
    }
  });
}

/** The type names a `type` keyword lists (a string or an array of them). */
export function declaredTypes(type: unknown): string[] {
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

/** A keyword for numbers applies to integers too. */
function hasApplicableType(types: readonly string[], keywordType: string): boolean {
  return types.includes(keywordType) || (keywordType === 'number' && types.includes('integer'));
}

/** An `integer` fits a context that allows `number`. */
function includesType(types: readonly string[], type: string): boolean {
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}
