import type { PathSegment } from '../load/source-file.js';
import { isPlainObject, type PlainObject } from '../model/values.js';
import { walkSchema } from './walk-schema.js';

/**
 * Ajv strict mode, for the common subset of JSON Schema, without compiling
 * (a compile costs ~0.4 ms or more a schema, which dominates large
 * manifests). It follows Ajv's own algorithm (ajv/lib/compile/validate):
 * a keyword that applies to one type needs that type among the data types in
 * force (strictTypes); a schema applied to the same value (allOf, anyOf,
 * oneOf, not) inherits those types and may only narrow them; every
 * `required` name is defined in `properties` (strictRequired). Schemas
 * outside the subset are compiled by Ajv instead (check-embedded-schemas.ts);
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

/** True when every node of the schema stays inside the subset checked here. */
export function isInStrictSubset(schema: unknown): boolean {
  let inSubset = true;
  walkSchema(schema, (node, path) => {
    if (Array.isArray(node.items) || Object.keys(node).some((keyword) => KEYWORDS_LEFT_TO_AJV.has(keyword))) inSubset = false;
    // Ajv's strictRequired also counts properties defined by sibling schemas of the same value, in keyword order.
    const hasApplicator = SAME_VALUE_APPLICATORS.some((keyword) => keyword in node);
    const insideApplicator = path.some((segment) => typeof segment === 'string' && SAME_VALUE_APPLICATORS.includes(segment));
    if ('required' in node && (hasApplicator || insideApplicator)) inSubset = false;
  });
  return inSubset;
}

export function findStrictnessProblems(schema: unknown): StrictnessProblem[] {
  const problems: StrictnessProblem[] = [];
  checkNode(schema, [], [], problems);
  return problems;
}

function checkNode(schema: unknown, path: PathSegment[], inheritedTypes: readonly string[], problems: StrictnessProblem[]): void {
  if (!isPlainObject(schema)) return;
  const dataTypes = checkContextTypes(schema, path, inheritedTypes, problems);
  if (!('$ref' in schema) || Object.keys(schema).some((keyword) => keyword in KEYWORD_TYPES)) {
    checkKeywordTypes(schema, path, dataTypes, problems);
  }
  checkRequired(schema, path, problems);
  for (const keyword of SAME_VALUE_APPLICATORS) {
    const value = schema[keyword];
    if (Array.isArray(value)) value.forEach((branch, i) => checkNode(branch, [...path, keyword, i], dataTypes, problems));
    else if (isPlainObject(value)) checkNode(value, [...path, keyword], dataTypes, problems);
  }
  for (const keyword of ['properties', 'definitions', '$defs']) {
    const map = schema[keyword];
    if (isPlainObject(map)) for (const name in map) checkNode(map[name], [...path, keyword, name], [], problems);
  }
  for (const keyword of ['items', 'additionalProperties']) {
    if (isPlainObject(schema[keyword])) checkNode(schema[keyword], [...path, keyword], [], problems);
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
    const applicable = KEYWORD_TYPES[keyword];
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

function declaredTypes(type: unknown): string[] {
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
