/**
 * What people write when they translate a zod (or OpenAPI, or TypeScript)
 * definition into JSON Schema by hand, and the JSON Schema for it. Pure
 * tables and lookups: the fixes that edit the manifest are built from these
 * in schema-keyword-fixes.ts and meta-fixes.ts.
 */

/** The JSON Schema type names. */
export const JSON_TYPES = ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'] as const;

/** A type as people write it elsewhere → what JSON Schema says. */
export interface TypeSpelling {
  readonly type?: string | readonly string[];
  /** A `format` that goes with it (`type: email` → `type: string, format: email`). */
  readonly format?: string;
  /** `string[]` → `type: array, items: { type: string }`. */
  readonly items?: string;
  /** Where it comes from, for the message. */
  readonly note?: string;
}

const TYPE_ALIASES: Readonly<Record<string, TypeSpelling>> = {
  str: { type: 'string' },
  text: { type: 'string' },
  char: { type: 'string' },
  int: { type: 'integer' },
  long: { type: 'integer' },
  short: { type: 'integer' },
  bigint: { type: 'integer' },
  float: { type: 'number' },
  double: { type: 'number' },
  decimal: { type: 'number' },
  num: { type: 'number' },
  bool: { type: 'boolean' },
  dict: { type: 'object' },
  map: { type: 'object' },
  record: { type: 'object', note: 'a record is an object whose values share one schema: give it `additionalProperties: <schema>`' },
  obj: { type: 'object' },
  hash: { type: 'object' },
  list: { type: 'array' },
  tuple: { type: 'array' },
  arr: { type: 'array' },
  none: { type: 'null' },
  nil: { type: 'null' },
  undefined: { type: 'null', note: 'JSON has no undefined: leave the property out of `required` instead' },
  date: { type: 'string', format: 'date' },
  datetime: { type: 'string', format: 'date-time' },
  'date-time': { type: 'string', format: 'date-time' },
  time: { type: 'string', format: 'time' },
  email: { type: 'string', format: 'email' },
  url: { type: 'string', format: 'uri' },
  uri: { type: 'string', format: 'uri' },
  uuid: { type: 'string', format: 'uuid' },
  ipv4: { type: 'string', format: 'ipv4' },
  ipv6: { type: 'string', format: 'ipv6' },
  hostname: { type: 'string', format: 'hostname' },
};

/** Words that mean "any value": JSON Schema says that by having no `type`. */
const ANY_TYPES = new Set(['any', 'unknown', 'mixed', '*']);

/**
 * How a `type` value written another way reads in JSON Schema: `str`,
 * `String`, `string[]`, `string | number`, `email`. Undefined when it is not
 * a spelling of a type.
 */
export function typeSpelling(written: unknown): TypeSpelling | 'any' | undefined {
  if (typeof written !== 'string') return undefined;
  const text = written.trim();
  if (ANY_TYPES.has(text.toLowerCase())) return 'any';
  const union = text.split(/\s*\|\s*|\s*,\s*|\s+or\s+/);
  if (union.length > 1) {
    const parts = union.map((part) => singleType(part));
    if (parts.every((part): part is string => typeof part === 'string')) return { type: [...new Set(parts)], note: 'a union of types is a list' };
    return undefined;
  }
  const array = /^(.+)\[\]$/.exec(text) ?? /^(?:array|list)\s*<\s*(.+)\s*>$/i.exec(text);
  if (array) {
    const item = singleType(array[1]!);
    return typeof item === 'string' ? { type: 'array', items: item } : undefined;
  }
  const lower = text.toLowerCase();
  if ((JSON_TYPES as readonly string[]).includes(lower)) return lower === text ? undefined : { type: lower };
  return Object.hasOwn(TYPE_ALIASES, lower) ? TYPE_ALIASES[lower] : undefined;
}

/** One type name of a union: a JSON type, or an alias that needs no format. */
function singleType(text: string): string | undefined {
  const lower = text.trim().toLowerCase();
  if ((JSON_TYPES as readonly string[]).includes(lower)) return lower;
  const alias = Object.hasOwn(TYPE_ALIASES, lower) ? TYPE_ALIASES[lower] : undefined;
  return alias && typeof alias.type === 'string' && alias.format === undefined ? alias.type : undefined;
}

/** The schema `type: <written>` stands for, as an object (`{ type: array, items: { type: string } }`). */
export function schemaForSpelling(spelling: TypeSpelling): Record<string, unknown> {
  const schema: Record<string, unknown> = {};
  if (spelling.type !== undefined) schema.type = spelling.type;
  if (spelling.format !== undefined) schema.format = spelling.format;
  if (spelling.items !== undefined) schema.items = { type: spelling.items };
  return schema;
}

/**
 * A keyword of zod (or OpenAPI, or another schema language) inside an
 * embedded schema, and what JSON Schema writes for it. `byType` picks the
 * keyword by the schema's type (`min` is minLength for a string, minimum for
 * a number); `value` turns the written value into the JSON Schema one.
 */
export interface KeywordSpelling {
  readonly keyword?: string;
  readonly byType?: Readonly<Record<string, string>>;
  /** The JSON Schema value for the written one; undefined keeps it. */
  readonly value?: (written: unknown) => unknown;
  /** Where it comes from, said in the fix. */
  readonly origin: string;
  /** Only when the written value is `true` (a zod flag such as `.int()`), else the fix is a sentence. */
  readonly flag?: boolean;
}

const MIN = { string: 'minLength', number: 'minimum', integer: 'minimum', array: 'minItems', object: 'minProperties' };
const MAX = { string: 'maxLength', number: 'maximum', integer: 'maximum', array: 'maxItems', object: 'maxProperties' };
const ZERO = () => 0;
const ONE = () => 1;
const FALSE = () => false;
const TRUE = () => true;
const LIST = (written: unknown) => (Array.isArray(written) ? written : typeof written === 'string' ? splitList(written) : [written]);

const KEYWORD_SPELLINGS: Readonly<Record<string, KeywordSpelling>> = {
  describe: { keyword: 'description', origin: "zod's .describe()" },
  desc: { keyword: 'description', origin: 'an abbreviation' },
  label: { keyword: 'title', origin: 'a form library' },
  min: { byType: MIN, origin: "zod's .min()" },
  max: { byType: MAX, origin: "zod's .max()" },
  gte: { keyword: 'minimum', origin: "zod's .gte()" },
  lte: { keyword: 'maximum', origin: "zod's .lte()" },
  gt: { keyword: 'exclusiveMinimum', origin: "zod's .gt()" },
  lt: { keyword: 'exclusiveMaximum', origin: "zod's .lt()" },
  minimumLength: { keyword: 'minLength', origin: 'a longer spelling' },
  maximumLength: { keyword: 'maxLength', origin: 'a longer spelling' },
  nonempty: { byType: { string: 'minLength', array: 'minItems', object: 'minProperties' }, value: ONE, origin: "zod's .nonempty()", flag: true },
  positive: { keyword: 'exclusiveMinimum', value: ZERO, origin: "zod's .positive()", flag: true },
  nonnegative: { keyword: 'minimum', value: ZERO, origin: "zod's .nonnegative()", flag: true },
  negative: { keyword: 'exclusiveMaximum', value: ZERO, origin: "zod's .negative()", flag: true },
  nonpositive: { keyword: 'maximum', value: ZERO, origin: "zod's .nonpositive()", flag: true },
  step: { keyword: 'multipleOf', origin: "zod's .step()" },
  regex: { keyword: 'pattern', origin: "zod's .regex()" },
  literal: { keyword: 'const', origin: "zod's z.literal()" },
  values: { keyword: 'enum', value: LIST, origin: "zod's z.enum([...])" },
  options: { keyword: 'enum', value: LIST, origin: "zod's z.enum([...])" },
  choices: { keyword: 'enum', value: LIST, origin: 'a form library' },
  defaultValue: { keyword: 'default', origin: 'a form library' },
  example: { keyword: 'examples', value: (written) => [written], origin: 'OpenAPI' },
  strict: { keyword: 'additionalProperties', value: FALSE, origin: "zod's .strict()", flag: true },
  passthrough: { keyword: 'additionalProperties', value: TRUE, origin: "zod's .passthrough()", flag: true },
  catchall: { keyword: 'additionalProperties', origin: "zod's .catchall()" },
  shape: { keyword: 'properties', origin: "zod's z.object({...})" },
  fields: { keyword: 'properties', origin: 'a form library' },
  props: { keyword: 'properties', origin: 'an abbreviation' },
  element: { keyword: 'items', origin: "zod's z.array(...)" },
  of: { keyword: 'items', origin: "zod's z.array(...)" },
  union: { keyword: 'anyOf', origin: "zod's z.union([...])" },
  or: { keyword: 'anyOf', origin: "zod's .or()" },
  and: { keyword: 'allOf', origin: "zod's .and()" },
  intersection: { keyword: 'allOf', origin: "zod's z.intersection()" },
  merge: { keyword: 'allOf', origin: "zod's .merge()" },
  discriminatedUnion: { keyword: 'oneOf', origin: "zod's z.discriminatedUnion()" },
};

/** zod's string formats written as flags (`email: true`) → `format`. */
const FORMAT_FLAGS: Readonly<Record<string, string>> = {
  email: 'email',
  url: 'uri',
  uri: 'uri',
  uuid: 'uuid',
  datetime: 'date-time',
  date: 'date',
  time: 'time',
  ip: 'ipv4',
  ipv4: 'ipv4',
  ipv6: 'ipv6',
  duration: 'duration',
};

/** zod's `.int()` as a flag: the type is integer. */
export const INTEGER_FLAGS = new Set(['int', 'integer']);

/** Botpress's UI hints (`.secret()`, `.placeholder()`…) live in its `x-zui` extension. */
export const ZUI_HINTS = new Set(['secret', 'hidden', 'placeholder', 'displayAs', 'tooltip']);

/** The JSON Schema spelling of an unknown keyword, or undefined. */
export function keywordSpelling(name: string): KeywordSpelling | undefined {
  if (Object.hasOwn(KEYWORD_SPELLINGS, name)) return KEYWORD_SPELLINGS[name];
  if (Object.hasOwn(FORMAT_FLAGS, name)) {
    const format = FORMAT_FLAGS[name]!;
    return { keyword: 'format', value: () => format, origin: `zod's .${name}()`, flag: true };
  }
  return undefined;
}

/** `a | b`, `a, b` or `a` as a list of values. */
export function splitList(text: string): string[] {
  return text
    .split(/\s*[|,]\s*/)
    .map((part) => part.trim().replace(/^(['"])(.*)\1$/, '$2'))
    .filter((part) => part !== '');
}

/** YAML 1.1 booleans, which YAML 1.2 (and intc) read as text. */
export const YAML11_BOOLEAN = /^(?:y|yes|n|no|on|off|true|false)$/i;

export function yaml11BooleanValue(text: string): boolean {
  return /^(?:y|yes|on|true)$/i.test(text);
}

/** Keywords that are misspellings of JSON Schema (zod's, OpenAPI's, Botpress's UI hints): they belong in a schema, to be fixed there. */
export function isSchemaSlip(name: string): boolean {
  return keywordSpelling(name) !== undefined || INTEGER_FLAGS.has(name) || ZUI_HINTS.has(name) || ['optional', 'nullable', 'nullish'].includes(name);
}
