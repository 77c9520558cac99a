/**
 * Mutations of a manifest's text: structural ones on its value (a key
 * deleted or renamed, a value of the wrong type), written back in the file's
 * format, and textual ones (truncation, random bytes, a line duplicated —
 * which duplicates keys —, bad indentation, stray punctuation). A mutation
 * is data (`describe` says what it did) so a failure can be read and replayed.
 */
import fc from 'fast-check';
import YAML from 'yaml';

export interface Mutation {
  readonly describe: string;
  /** The mutated file content. */
  apply(text: string, isJson: boolean): Buffer;
}

type Path = (string | number)[];

/** Every path to a value inside `value` (the root excluded), objects' keys and arrays' items alike. */
function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) value.forEach((item, i) => (out.push([...prefix, i]), pathsOf(item, [...prefix, i], out)));
  else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      out.push([...prefix, key]);
      pathsOf((value as Record<string, unknown>)[key], [...prefix, key], out);
    }
  }
  return out;
}

function parseValue(text: string, isJson: boolean): unknown {
  try {
    return isJson ? JSON.parse(text) : YAML.parse(text, { logLevel: 'silent' });
  } catch {
    return undefined;
  }
}

function serialize(value: unknown, isJson: boolean): string {
  return isJson ? `${JSON.stringify(value, null, 2)}\n` : YAML.stringify(value);
}

/** Changes the value at the `pick`-th path (modulo their count) with `change(parent, key)`. */
/** A mutation that fast-check prints as what it does. */
function named(describe: string, apply: Mutation['apply']): Mutation {
  return { describe, apply, [fc.toStringMethod]: () => describe } as Mutation;
}

function valueMutation(describe: string, pick: number, change: (parent: Record<string | number, unknown>, key: string | number) => void): Mutation {
  return named(describe, (text, isJson) => {
    const value = parseValue(text, isJson);
    const paths = pathsOf(value);
    if (paths.length === 0) return Buffer.from(text);
    const path = paths[pick % paths.length]!;
    let parent = value as Record<string | number, unknown>;
    for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>;
    change(parent, path[path.length - 1]!);
    return Buffer.from(serialize(value, isJson));
  });
}

const WRONG_VALUES: unknown[] = [42, -1.5, 'text', '', true, false, null, [], {}, [1, 'two'], { type: 'nope' }, '#/entities/nowhere', '1.0', 'a'.repeat(300)];

const deleteKey = fc.nat().map((pick) =>
  valueMutation(`delete the value at path #${pick}`, pick, (parent, key) => {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  }),
);

const wrongType = fc.tuple(fc.nat(), fc.constantFrom(...WRONG_VALUES)).map(([pick, replacement]) =>
  valueMutation(`replace the value at path #${pick} with ${JSON.stringify(replacement)}`, pick, (parent, key) => {
    parent[key] = structuredClone(replacement);
  }),
);

const renamedKey = fc.tuple(fc.nat(), fc.oneof(fc.constantFrom('x', 'X', '_', '-', ' ', '$', 'é', '__proto__', 'constructor', 'type', '$ref'), fc.string({ maxLength: 4 })), fc.constantFrom('append', 'replace', 'upper'))
  .map(([pick, text, how]) =>
    valueMutation(`rename the key at path #${pick} (${how} ${JSON.stringify(text)})`, pick, (parent, key) => {
      if (Array.isArray(parent) || typeof key !== 'string') return;
      const renamed = how === 'append' ? `${key}${text}` : how === 'upper' ? key.toUpperCase() : text;
      const entries = Object.entries(parent).map(([k, v]): [string, unknown] => [k === key ? renamed : k, v]);
      for (const k of Object.keys(parent)) delete parent[k];
      for (const [k, v] of entries) Object.defineProperty(parent, k, { value: v, enumerable: true, writable: true, configurable: true });
    }),
  );

/**
 * Schema keywords, right or wrong, added to an object: they reach the parts
 * of validation that hand schemas to Ajv (tuples, if/then/else,
 * patternProperties, dependencies…) and, when the result is still valid, the
 * emitters.
 */
const KEYWORD_INSERTIONS: Record<string, unknown>[] = [
  { type: 'string' }, { type: 'array' }, { type: ['string', 'null'] }, { type: 'integr' }, { type: 'object', required: ['nope'] },
  { required: ['a'] }, { minLength: 1 }, { maximum: 3 }, { multipleOf: 0.5 }, { multipleOf: 0 }, { pattern: '^a' }, { pattern: '(' },
  { type: 'string', pattern: '\\p{L}' }, { type: 'string', format: 'email' }, { type: 'string', format: 'emial' }, { type: 'number', format: 'int32' },
  { type: 'array', items: { type: 'string' } }, { type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false },
  { type: 'array', items: [{ type: 'string' }], minItems: 1 }, { type: 'array', contains: { type: 'number' } },
  { if: { properties: { a: { const: 1 } } }, then: { required: ['a'] }, else: { type: 'object' } },
  { type: 'object', patternProperties: { '^x': { type: 'string' } } }, { type: 'object', patternProperties: { '(': {} } },
  { type: 'object', propertyNames: { pattern: '^[a-z]+$' } }, { type: 'object', propertyNames: { maxLength: 3 } },
  { type: 'object', dependencies: { a: ['b'] } }, { type: 'object', dependencies: { a: { required: ['b'] } } },
  { const: 'x' }, { enum: [1, 'a', null] }, { enum: [] }, { $ref: '#/definitions/x' }, { $ref: '#/entities/nowhere' },
  { $ref: '#/entities/treeNode' }, { $ref: 'http://example.com/schema.json' }, { $ref: '#' }, { $ref: '#/properties/a' },
  { allOf: [] }, { oneOf: [{ type: 'string' }] }, { anyOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }] },
  { not: { type: 'null' } }, { default: 'x' }, { default: 42 }, { additionalProperties: false }, { additionalProperties: { type: 'string' } },
  { minProperties: 1 }, { maxItems: -1 }, { uniqueItems: true }, { readOnly: true }, { deprecated: 'yes' }, { title: 123 },
  { $schema: 'http://json-schema.org/draft-07/schema#' }, { $schema: 'http://json-schema.org/draft-04/schema#' },
  { contentMediaType: 'application/json', contentEncoding: 'base64' }, { $defs: { x: { type: 'string' } } },
  { definitions: { x: { type: 'string' } } }, { examples: 'x' }, { $id: 'x' }, { 'x-extension': true }, { nullable: true },
  { 'x-zui': {} }, { 'x-zui': 5 }, { 'x-zui': { title: 7, secret: 'yes' } }, { x_zui: {} }, { discriminator: {} },
  { discriminator: { propertyName: 'a' }, oneOf: [{ type: 'object' }] }, { $ref: '#/x-zui' }, { $ref: '#/discriminator' },
  { properties: JSON.parse('{"__proto__": { "type": "string" } }') as unknown }, { properties: { constructor: { type: 'string' } }, required: ['constructor'] },
];

const insertKeywords = fc.tuple(fc.nat(), fc.constantFrom(...KEYWORD_INSERTIONS)).map(([pick, keywords]) =>
  valueMutation(`add ${JSON.stringify(keywords)} to the object at path #${pick}`, pick, (parent, key) => {
    const target = parent[key];
    if (target === null || typeof target !== 'object' || Array.isArray(target)) return;
    for (const [keyword, value] of Object.entries(keywords)) {
      Object.defineProperty(target, keyword, { value: structuredClone(value), enumerable: true, writable: true, configurable: true });
    }
  }),
);

/** A position in the text, as a fraction of its length (so one mutation fits any file). */
const position = fc.double({ min: 0, max: 1, noNaN: true });
const at = (text: string, fraction: number) => Math.min(text.length, Math.floor(fraction * text.length));

function textMutation(describe: string, edit: (text: string) => string | Buffer): Mutation {
  return named(describe, (text) => {
    const edited = edit(text);
    return typeof edited === 'string' ? Buffer.from(edited) : edited;
  });
}

const truncate = position.map((fraction) => textMutation(`truncate at ${fraction.toFixed(3)}`, (text) => text.slice(0, at(text, fraction))));

const randomBytes = fc.tuple(position, fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([fraction, bytes]) =>
  textMutation(`insert bytes [${[...bytes].join(',')}] at ${fraction.toFixed(3)}`, (text) => {
    const buffer = Buffer.from(text);
    const offset = Math.floor(fraction * buffer.length);
    return Buffer.concat([buffer.subarray(0, offset), Buffer.from(bytes), buffer.subarray(offset)]);
  }),
);

const strayCharacter = fc.tuple(position, fc.constantFrom(':', '-', '[', ']', '{', '}', '"', "'", '#', '&', '*', '!', '|', '>', '%', '@', '`', '\t', '\n', ',', '?', '\\', '\u0000', '\ufeff', '\r'), fc.boolean())
  .map(([fraction, character, replace]) =>
    textMutation(`${replace ? 'replace the character' : 'insert'} ${JSON.stringify(character)} at ${fraction.toFixed(3)}`, (text) => {
      const i = at(text, fraction);
      return `${text.slice(0, i)}${character}${text.slice(replace ? i + 1 : i)}`;
    }),
  );

function lineMutation(describe: string, pick: number, edit: (lines: string[], i: number) => void): Mutation {
  return textMutation(`${describe} (line #${pick})`, (text) => {
    const lines = text.split('\n');
    edit(lines, pick % lines.length);
    return lines.join('\n');
  });
}

const duplicateLine = fc.nat().map((pick) => lineMutation('duplicate a line', pick, (lines, i) => lines.splice(i, 0, lines[i]!)));
const deleteLine = fc.nat().map((pick) => lineMutation('delete a line', pick, (lines, i) => lines.splice(i, 1)));
const swapLines = fc.nat().map((pick) =>
  lineMutation('swap a line with the next', pick, (lines, i) => {
    const j = (i + 1) % lines.length;
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
  }),
);
const badIndentation = fc.tuple(fc.nat(), fc.constantFrom(-4, -2, -1, 1, 2, 3, 'tab' as const)).map(([pick, shift]) =>
  lineMutation(`indent by ${shift}`, pick, (lines, i) => {
    const line = lines[i]!;
    if (shift === 'tab') lines[i] = `\t${line}`;
    else if (shift > 0) lines[i] = `${' '.repeat(shift)}${line}`;
    else lines[i] = line.replace(new RegExp(`^ {0,${-shift}}`), '');
  }),
);

/** One mutation of any kind. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: insertKeywords },
  deleteKey,
  wrongType,
  renamedKey,
  truncate,
  randomBytes,
  strayCharacter,
  duplicateLine,
  deleteLine,
  swapLines,
  badIndentation,
);

/** One to three mutations applied in turn. */
export const mutations: fc.Arbitrary<Mutation[]> = fc.array(mutation, { minLength: 1, maxLength: 3 });

export function applyMutations(text: string, isJson: boolean, steps: readonly Mutation[]): Buffer {
  let content: Buffer = Buffer.from(text);
  for (const step of steps) content = step.apply(content.toString('utf8'), isJson);
  return content;
}
