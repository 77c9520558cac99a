/**
 * What a schema says that a TypeScript type cannot (lengths, limits, formats,
 * patterns, defaults, examples…) as JSDoc tag lines, so editors show it on
 * hover: `@minLength 1`, `@format uri`, `@default "free"`.
 */
import type { PlainObject } from '../../model/values.js';
import { commentText } from './comment-text.js';

/** Keywords shown as `@<keyword> <value>`, in this order. */
const VALUE_TAGS = [
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'contentMediaType',
  'contentEncoding',
] as const;

export function constraintTags(schema: PlainObject): string[] {
  const tags: string[] = [];
  if (schema.deprecated === true) tags.push('@deprecated');
  for (const keyword of VALUE_TAGS) {
    const value = schema[keyword];
    if (typeof value === 'string' || typeof value === 'number') tags.push(`@${keyword} ${tagValue(String(value))}`);
  }
  if (schema.uniqueItems === true) tags.push('@uniqueItems');
  if (schema.writeOnly === true) tags.push('@writeOnly');
  if ('default' in schema) tags.push(`@default ${tagValue(json(schema.default))}`);
  if (Array.isArray(schema.examples)) for (const example of schema.examples) tags.push(`@example ${tagValue(json(example))}`);
  return tags;
}

/** A tag's value is manifest text: made inert like any other comment text. */
function tagValue(text: string): string {
  return commentText(text);
}

function json(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}
