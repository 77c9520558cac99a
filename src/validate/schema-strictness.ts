import type { PathSegment } from '../load/source-file.js';
import { isPlainObject } from '../model/values.js';
import { walkSchema } from './walk-schema.js';

/**
 * Ajv strict mode, for the common subset of JSON Schema, without compiling:
 * a keyword that applies to one type needs that type in `type` beside it
 * (strictTypes), and every `required` name is defined in `properties`
 * (strictRequired). Schemas outside the subset are compiled by Ajv instead
 * (see check-embedded-schemas.ts); a test keeps both verdicts equal.
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

/** Keywords whose strict-mode rules (type inheritance, tuples, ignored keywords) are left to Ajv. */
const KEYWORDS_LEFT_TO_AJV = new Set([
  'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else',
  'dependencies', 'patternProperties', 'propertyNames', 'contains', 'additionalItems',
]);

export interface StrictnessProblem {
  /** Path of the offending keyword (or `required` item) inside the schema. */
  readonly path: PathSegment[];
  readonly message: string;
}

/** True when every node of the schema stays inside the subset checked here. */
export function isInStrictSubset(schema: unknown): boolean {
  let inSubset = true;
  walkSchema(schema, (node) => {
    if (Array.isArray(node.items) || Object.keys(node).some((keyword) => KEYWORDS_LEFT_TO_AJV.has(keyword))) inSubset = false;
  });
  return inSubset;
}

export function findStrictnessProblems(schema: unknown): StrictnessProblem[] {
  const problems: StrictnessProblem[] = [];
  walkSchema(schema, (node, path) => {
    const types = declaredTypes(node.type);
    for (const keyword of Object.keys(node)) {
      const applicable = KEYWORD_TYPES[keyword];
      if (applicable && !applicable.some((type) => includesType(types, type))) {
        problems.push({ path: [...path, keyword], message: `missing type "${applicable.join('" or "')}" for keyword "${keyword}"` });
      }
    }
    if (Array.isArray(node.required)) {
      const defined = isPlainObject(node.properties) ? node.properties : {};
      node.required.forEach((name, index) => {
        if (typeof name === 'string' && !Object.prototype.hasOwnProperty.call(defined, name)) {
          problems.push({ path: [...path, 'required', index], message: `required property "${name}" is not defined in "properties"` });
        }
      });
    }
  });
  return problems;
}

function declaredTypes(type: unknown): string[] {
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

/** Ajv counts `integer` as a number for number keywords. */
function includesType(types: readonly string[], type: string): boolean {
  return types.includes(type) || (type === 'number' && types.includes('integer'));
}
