/**
 * zod's parse semantics on the generated validators (src/runtime/parse.ts
 * and src/emit/schema/parse-schemas.ts): defaults filled in at every level,
 * properties a closed object does not name stripped, never rejected, unions
 * parsed by the branch the value matched (the first, as zod's union), every
 * other check still rejecting. The expected values are what zod's `.parse()`
 * gives for the zod schema Botpress's converter turns into the same JSON
 * Schema. Property tests hold the parsed value to the strict schema.
 */
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlainObject } from '../packages/intc/src/model/values.js';
import { InMemoryClient, IntegrationRuntime } from '../packages/runtime/src/index.js';
import { issuesOf } from '../packages/runtime/src/issues.js';
import { parseValue } from '../packages/runtime/src/parse.js';
import type { ValidateFunction } from '../packages/runtime/src/validators.js';
import { modelOf, validatorsFile, validatorsOf } from './generated-validators.js';

type Parsed = { value: unknown } | { issues: string[] };

/** Parses with the input validator generated for `schema` (entities beside it): the parsed copy, or the issues. */
function parserOf(schema: unknown, entities: PlainObject = {}): (value: unknown) => Parsed {
  const validators = validatorsOf(modelOf({ name: 'parse', version: '1.0.0', entities, actions: { probe: { input: { schema }, output: { schema: {} } } } }));
  return (value) => parseWith(validators.actions.probe!.input, value);
}

function parseWith(validate: ValidateFunction, value: unknown): Parsed {
  const owned = JSON.parse(JSON.stringify(value)) as unknown;
  const result = parseValue(validate, owned);
  if (result.valid) return { value: result.value };
  return { issues: issuesOf(validate, 'input').map((issue) => `${issue.path} ${issue.message}`) };
}

const closed = (properties: PlainObject, required: string[] = []): PlainObject => ({ type: 'object', properties, required, additionalProperties: false });
const str = { type: 'string' };
const num = { type: 'number' };

describe('defaults', () => {
  const parse = parserOf(
    closed({
      perPage: { type: 'number', default: 30 },
      state: { type: 'string', enum: ['open', 'closed'], default: 'open' },
      nullable: { type: ['string', 'null'], default: null },
      options: { ...closed({ sort: { type: 'string', default: 'created' }, deep: closed({ flag: { type: 'boolean', default: true } }) }), default: {} },
      filter: closed({ label: { type: 'string', default: 'bug' }, assignee: str }),
      tags: { type: 'array', items: closed({ name: str, color: { type: 'string', default: 'grey' } }, ['name']) },
    }),
  );

  it.each<[string, unknown, unknown]>([
    [
      'fills every default of an empty object; an object default gets its own defaults; an absent optional object stays absent',
      {},
      { perPage: 30, state: 'open', nullable: null, options: { sort: 'created' } },
    ],
    [
      'keeps given values, falsy ones included',
      { perPage: 0, state: 'closed', nullable: 'x', options: { sort: '' } },
      { perPage: 0, state: 'closed', nullable: 'x', options: { sort: '' } },
    ],
    ['keeps a given null', { nullable: null }, { nullable: null, perPage: 30, state: 'open', options: { sort: 'created' } }],
    [
      'fills defaults inside a present nested object, at every level',
      { filter: {}, options: { deep: {} } },
      { filter: { label: 'bug' }, options: { deep: { flag: true }, sort: 'created' }, perPage: 30, state: 'open', nullable: null },
    ],
    [
      'fills defaults in every array item',
      { tags: [{ name: 'a' }, { name: 'b', color: 'red' }] },
      { tags: [{ name: 'a', color: 'grey' }, { name: 'b', color: 'red' }], perPage: 30, state: 'open', nullable: null, options: { sort: 'created' } },
    ],
  ])('%s', (_name, given, parsed) => {
    expect(parse(given)).toEqual({ value: parsed });
  });

  it('does not share a default between values', () => {
    const first = parse({}) as { value: { options: { sort: string } } };
    first.value.options.sort = 'changed';
    expect(parse({})).toEqual({ value: expect.objectContaining({ options: { sort: 'created' } }) });
  });

  it('makes a required property with a default optional for the caller', () => {
    const required = parserOf(closed({ perPage: { type: 'integer', default: 30 }, q: str }, ['perPage', 'q']));
    expect(required({ q: 'x' })).toEqual({ value: { q: 'x', perPage: 30 } });
    expect(required({})).toEqual({ issues: ['input.q is required'] });
  });

  it('fills a default given as an entity $ref, and the defaults of the entity', () => {
    const parse2 = parserOf(closed({ page: { $ref: '#/entities/page', default: { size: 5 } }, other: { $ref: '#/entities/page' } }), {
      page: { schema: closed({ size: { type: 'integer', default: 10 }, cursor: { type: 'string', default: '' } }) },
    });
    expect(parse2({ other: { junk: 1 } })).toEqual({ value: { other: { size: 10, cursor: '' }, page: { size: 5, cursor: '' } } });
  });
});

describe('stripping', () => {
  const parse = parserOf(
    closed(
      {
        name: str,
        nested: closed({ a: num }),
        list: { type: 'array', items: closed({ id: str }) },
        open: { type: 'object', properties: { a: num } },
        passthrough: { type: 'object', properties: { a: num }, additionalProperties: true },
        record: { type: 'object', additionalProperties: { type: 'number' } },
        tagged: { type: 'object', properties: { id: str }, patternProperties: { '^x-': { type: 'string' } }, additionalProperties: false },
        constructor: str,
        toString: str,
        empty: { type: 'object', additionalProperties: false },
      },
      ['name'],
    ),
  );

  it.each<[string, unknown, unknown]>([
    ['strips unknown properties at the top', { name: 'n', extra: 1, other: { a: 1 } }, { name: 'n' }],
    ['strips at every level and in every item', { name: 'n', nested: { a: 1, b: 2 }, list: [{ id: 'x', z: 1 }, { id: 'y' }] }, { name: 'n', nested: { a: 1 }, list: [{ id: 'x' }, { id: 'y' }] }],
    ['keeps what an open object does not name', { name: 'n', open: { a: 1, b: 'kept' }, passthrough: { z: [1] } }, { name: 'n', open: { a: 1, b: 'kept' }, passthrough: { z: [1] } }],
    ['keeps additionalProperties that fit their schema', { name: 'n', record: { a: 1, b: 2 } }, { name: 'n', record: { a: 1, b: 2 } }],
    ['keeps pattern properties, strips the others', { name: 'n', tagged: { id: 'i', 'x-a': 'kept', y: 'stripped' } }, { name: 'n', tagged: { id: 'i', 'x-a': 'kept' } }],
    ['keeps declared names every object inherits', { name: 'n', constructor: 'c', toString: 't' }, { name: 'n', constructor: 'c', toString: 't' }],
    ['empties a closed object that names nothing', { name: 'n', empty: { a: 1 } }, { name: 'n', empty: {} }],
  ])('%s', (_name, given, parsed) => {
    expect(parse(given)).toEqual({ value: parsed });
  });

  it('strips an own __proto__ key (never a declared property), leaving the prototype alone', () => {
    const result = parse(JSON.parse('{"name":"n","__proto__":{"polluted":true},"nested":{"a":1,"__proto__":{"x":1}}}')) as { value: PlainObject };
    expect(Object.keys(result.value)).toEqual(['name', 'nested']);
    expect(Object.keys(result.value.nested as PlainObject)).toEqual(['a']);
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(({} as PlainObject).polluted).toBeUndefined();
  });

  it.each<[string, unknown, string[]]>([
    ['a bad type', { name: 1 }, ['input.name must be a string']],
    ['a missing required property', { extra: 1 }, ['input.name is required']],
    ['an additional property that does not fit additionalProperties', { name: 'n', record: { a: 'x' } }, ['input.record.a must be a number']],
    ['a pattern property of the wrong type', { name: 'n', tagged: { 'x-a': 1 } }, ['input.tagged["x-a"] must be a string']],
    ['a bad value inside a property that would be stripped is not looked at', { name: 1, extra: { deep: 'x' } }, ['input.name must be a string']],
  ])('still rejects %s, and never for an unknown property', (_name, given, issues) => {
    expect(parse(given)).toEqual({ issues });
  });
});

describe('unions', () => {
  const x = closed({ t: { const: 'x' }, a: num }, ['t', 'a']);
  const y = closed({ t: { const: 'y' }, b: num, d: { type: 'string', default: 'dy' } }, ['t', 'b']);

  it.each<[string, unknown, unknown]>([
    ['the matching branch keeps its properties (a failing branch strips nothing)', { u: { t: 'y', b: 1 } }, { u: { t: 'y', b: 1, d: 'dy' } }],
    ['strips by the branch matched', { u: { t: 'x', a: 1, b: 2, junk: 3 } }, { u: { t: 'x', a: 1 } }],
    ['fills the defaults of the branch matched only', { u: { t: 'y', b: 2, a: 1 } }, { u: { t: 'y', b: 2, d: 'dy' } }],
    ['parses each item by its own branch', { list: [{ t: 'x', a: 1, b: 1 }, { t: 'y', b: 1, a: 1 }] }, { list: [{ t: 'x', a: 1 }, { t: 'y', b: 1, d: 'dy' }] }],
  ])('anyOf (a discriminated union): %s', (_name, given, parsed) => {
    const parse = parserOf(closed({ u: { anyOf: [x, y] }, list: { type: 'array', items: { anyOf: [x, y] } } }));
    expect(parse(given)).toEqual({ value: parsed });
  });

  it('anyOf: the first branch that matches wins, as zod’s union returns the first option that parses', () => {
    const parse = parserOf(closed({ u: { anyOf: [closed({ a: str }, ['a']), closed({ a: str, b: num }, ['a', 'b'])] } }));
    expect(parse({ u: { a: 'x', b: 1 } })).toEqual({ value: { u: { a: 'x' } } });
    const reversed = parserOf(closed({ u: { anyOf: [closed({ a: str, b: num }, ['a', 'b']), closed({ a: str }, ['a'])] } }));
    expect(reversed({ u: { a: 'x', b: 1, c: 2 } })).toEqual({ value: { u: { a: 'x', b: 1 } } });
    expect(reversed({ u: { a: 'x', c: 2 } })).toEqual({ value: { u: { a: 'x' } } });
  });

  it('anyOf: a value no branch matches is rejected, naming each branch’s issues', () => {
    const parse = parserOf(closed({ u: { anyOf: [x, y] } }));
    expect(parse({ u: { t: 'z' } })).toEqual({
      issues: [
        'input.u.a is required',
        'input.u.t must be "x"',
        'input.u.b is required',
        'input.u.t must be "y"',
        'input.u must match a schema in anyOf',
      ],
    });
  });

  it('anyOf at the root of the schema, and a union of primitives and objects', () => {
    const root = parserOf({ anyOf: [x, y] });
    expect(root({ t: 'y', b: 1, z: 1 })).toEqual({ value: { t: 'y', b: 1, d: 'dy' } });
    const mixed = parserOf(closed({ v: { anyOf: [str, { type: 'array', items: closed({ a: num }) }, closed({ b: num })] } }));
    expect(mixed({ v: 'text' })).toEqual({ value: { v: 'text' } });
    expect(mixed({ v: [{ a: 1, z: 1 }] })).toEqual({ value: { v: [{ a: 1 }] } });
    expect(mixed({ v: { b: 1, z: 1 } })).toEqual({ value: { v: { b: 1 } } });
  });

  it('oneOf (with a discriminator, as the SDK writes a discriminated union): the one branch that matches', () => {
    const parse = parserOf(closed({ u: { oneOf: [x, y], discriminator: { propertyName: 't' } } }));
    expect(parse({ u: { t: 'y', b: 1, a: 5 } })).toEqual({ value: { u: { t: 'y', b: 1, d: 'dy' } } });
    expect(parse({ u: { t: 'x', a: 1, b: 5 } })).toEqual({ value: { u: { t: 'x', a: 1 } } });
  });

  it('oneOf: a value two branches match once stripped is rejected', () => {
    const parse = parserOf(closed({ u: { oneOf: [closed({ a: str }), closed({ b: str })] } }));
    expect(parse({ u: { a: 'x' } })).toEqual({ issues: ['input.u must match exactly one schema in oneOf'] });
  });

  it('nested unions: each parsed by its own branch', () => {
    const inner = { anyOf: [closed({ k: { const: 1 }, one: str }, ['k']), closed({ k: { const: 2 }, two: str }, ['k'])] };
    const parse = parserOf(closed({ u: { anyOf: [closed({ kind: { const: 'a' }, inner }, ['kind']), closed({ kind: { const: 'b' }, inner, extra: str }, ['kind'])] } }));
    expect(parse({ u: { kind: 'b', extra: 'e', inner: { k: 2, two: 't', one: 'o' } } })).toEqual({ value: { u: { kind: 'b', extra: 'e', inner: { k: 2, two: 't' } } } });
    expect(parse({ u: { kind: 'a', extra: 'e', inner: { k: 1, two: 't', one: 'o' } } })).toEqual({ value: { u: { kind: 'a', inner: { k: 1, one: 'o' } } } });
  });

  it('a union in an entity used in two places, each value by its own branch', () => {
    const parse = parserOf(closed({ first: { $ref: '#/entities/shape' }, second: { $ref: '#/entities/shape' } }), {
      shape: { schema: { anyOf: [closed({ r: num }, ['r']), closed({ w: num, h: num }, ['w', 'h'])] } },
    });
    expect(parse({ first: { w: 1, h: 2, r: 3 }, second: { w: 1, h: 2 } })).toEqual({ value: { first: { r: 3 }, second: { w: 1, h: 2 } } });
  });

  it('a closed object with a union beside it: what the matched branch names is kept', () => {
    const parse = parserOf({ ...closed({ kind: str }, ['kind']), anyOf: [{ properties: { kind: { const: 'a' }, a: num } }, { properties: { kind: { const: 'b' }, b: num } }] });
    expect(parse({ kind: 'b', a: 1, b: 2, c: 3 })).toEqual({ value: { kind: 'b', b: 2 } });
  });
});

describe('allOf, $ref, recursion, checks', () => {
  it('allOf: a property any member names is kept (zod’s intersection merges what each side keeps)', () => {
    const parse = parserOf({ allOf: [closed({ a: str }), closed({ b: num, d: { type: 'number', default: 3 } })] });
    expect(parse({ a: 'x', b: 1, c: 1 })).toEqual({ value: { a: 'x', b: 1, d: 3 } });
    // As Botpress's converter writes `z.object(…).and(z.object(…))`: open members keep everything.
    const open = parserOf({ allOf: [{ type: 'object', properties: { a: str } }, { type: 'object', properties: { b: { type: 'number', default: 3 } } }] });
    expect(open({ a: 'x', c: 1 })).toEqual({ value: { a: 'x', c: 1, b: 3 } });
  });

  it('local $ref targets parse as the schema they point at, recursion included', () => {
    const parse = parserOf({
      ...closed({ root: { $ref: '#/definitions/node' } }),
      definitions: { node: closed({ value: { type: 'integer', default: 0 }, children: { type: 'array', items: { $ref: '#/definitions/node' } } }) },
    });
    expect(parse({ root: { children: [{ children: [{ junk: 1 }] }], junk: 2 } })).toEqual({
      value: { root: { children: [{ children: [{ value: 0 }], value: 0 }], value: 0 } },
    });
  });

  it('recursive entities strip and fill in at every depth', () => {
    const parse = parserOf(closed({ tree: { $ref: '#/entities/node' } }), {
      node: { schema: closed({ label: { type: 'string', default: '?' }, next: { $ref: '#/entities/node' } }) },
    });
    expect(parse({ tree: { next: { next: { x: 1 } } } })).toEqual({ value: { tree: { next: { next: { label: '?' }, label: '?' }, label: '?' } } });
  });

  it('if/then/else and not keep their JSON Schema meaning: a check, nothing stripped or filled in there', () => {
    const parse = parserOf({
      type: 'object',
      properties: { kind: str, n: num },
      if: { properties: { kind: { const: 'strict' } }, required: ['kind'] },
      then: { properties: { kind: str }, additionalProperties: false },
      not: { required: ['forbidden'] },
    });
    expect(parse({ kind: 'loose', n: 1, x: 1 })).toEqual({ value: { kind: 'loose', n: 1, x: 1 } });
    expect(parse({ kind: 'strict', n: 1 })).toEqual({ issues: ['input.n is not an allowed property', 'input must match "then" schema'] });
    expect(parse({ forbidden: 1 })).toEqual({ issues: ['input must NOT be valid'] });
  });

  it('tuples: each position by its own schema, the rest by additionalItems', () => {
    const parse = parserOf(closed({ pair: { type: 'array', items: [closed({ a: num }), closed({ b: num })], additionalItems: closed({ c: num }) } }));
    expect(parse({ pair: [{ a: 1, z: 1 }, { b: 2, z: 2 }, { c: 3, z: 3 }] })).toEqual({ value: { pair: [{ a: 1 }, { b: 2 }, { c: 3 }] } });
  });
});

describe('the generated code', () => {
  it('leaves additionalProperties: false and defaulted required names out of the Ajv code, and records only marked unions', () => {
    const content = validatorsFile(
      modelOf({
        name: 'code',
        version: '1.0.0',
        actions: {
          marked: { input: { schema: closed({ u: { anyOf: [closed({ a: str }), closed({ b: str })] }, n: { type: 'number', default: 1 } }, ['n']) }, output: { schema: {} } },
          plain: { input: { schema: closed({ p: { anyOf: [str, num] } }) }, output: { schema: {} } },
        },
      }),
    );
    expect(content).not.toContain('additionalProperty');
    expect(content).not.toContain('missingProperty: "n"');
    expect(content.match(/intcChoice\(\d+, \d+, data\d*\)/g)).toHaveLength(2);
    expect(content).toContain("import { intcChoice, intcShapes } from '@intc/runtime';");
    expect(content).toMatch(/^const shapes = intcShapes\(\[$/m);
  });

  it('gives no shape to a validator whose parsing does nothing (no closed object, no default)', () => {
    const content = validatorsFile(modelOf({ name: 'open', version: '1.0.0', actions: { a: { input: { schema: { type: 'object', properties: { a: str } } }, output: { schema: {} } } } }));
    expect(content).not.toContain('intcShapes');
    expect(content).not.toContain('.shape =');
  });

  it('does not change the value it is given when validation fails', () => {
    const parse = parserOf(closed({ a: str, d: { type: 'number', default: 1 } }, ['a']));
    expect(parse({ b: 1 })).toEqual({ issues: ['input.a is required'] });
  });
});

// ---- properties ---------------------------------------------------------------

describe('properties (random values against a schema with every construct)', () => {
  const entity = closed({ id: str, note: { type: 'string', default: '' } }, ['id']);
  const schema = closed({
    a: { type: 'number', default: 1 },
    b: closed({ c: str, d: { type: 'boolean', default: false } }),
    list: { type: 'array', items: { anyOf: [closed({ k: { const: 'x' }, x: num }, ['k']), closed({ k: { const: 'y' }, y: num, z: { type: 'number', default: 0 } }, ['k'])] } },
    ref: { $ref: '#/entities/item' },
    map: { type: 'object', additionalProperties: closed({ v: num }) },
    both: { allOf: [closed({ p: str }), closed({ q: num })] },
  });
  const validators = validatorsOf(modelOf({ name: 'prop', version: '1.0.0', entities: { item: { schema: entity } }, actions: { probe: { input: { schema }, output: { schema: {} } } } }));
  const validate = validators.actions.probe!.input;
  // The schema as written, with the defaulted properties required: what every parsed value must satisfy.
  const strict = new Ajv({ strict: false, allErrors: true });
  strict.addSchema(requireDefaults(entity) as object, 'https://intc.invalid/entities/item.json');
  const parsedSchema = JSON.parse(JSON.stringify(requireDefaults(schema)).replaceAll('#/entities/item', 'https://intc.invalid/entities/item.json')) as object;
  // allOf of two closed objects names no value strictly: check its members one by one instead.
  const checkParsed = strict.compile({ ...parsedSchema, properties: { ...(parsedSchema as { properties: object }).properties, both: { type: 'object', properties: { p: str, q: num }, additionalProperties: false } } });

  const key = fc.constantFrom('a', 'b', 'c', 'd', 'k', 'x', 'y', 'z', 'list', 'ref', 'id', 'note', 'map', 'v', 'both', 'p', 'q', 'junk');
  const leaf = fc.oneof(fc.constantFrom('x', 'y', ''), fc.integer({ min: -2, max: 2 }), fc.boolean(), fc.constant(null));
  const value = fc.letrec((tie) => ({
    any: fc.oneof({ depthSize: 'small' }, leaf, tie('object'), fc.array(tie('any'), { maxLength: 3 })),
    object: fc.dictionary(key, tie('any'), { maxKeys: 6 }),
  })).object;

  it('a parsed value satisfies the schema as written (nothing unknown left, every default present), and parsing it again changes nothing', () => {
    fc.assert(
      fc.property(value, (given) => {
        const owned = structuredClone(given);
        const result = parseValue(validate, owned);
        if (!result.valid) return;
        expect(checkParsed(result.value), JSON.stringify(checkParsed.errors)).toBe(true);
        const again = parseValue(validate, structuredClone(result.value));
        expect(again).toEqual({ valid: true, value: result.value });
      }),
      { numRuns: 400, seed: 20240611 },
    );
  });

  it('accepts a value exactly when the schema, with unknown properties allowed, accepts it', () => {
    const relaxed = new Ajv({ strict: false, allErrors: true });
    relaxed.addSchema(relax(entity) as object, 'https://intc.invalid/entities/item.json');
    const relaxedCheck = relaxed.compile(JSON.parse(JSON.stringify(relax(schema)).replaceAll('#/entities/item', 'https://intc.invalid/entities/item.json')) as object);
    fc.assert(
      fc.property(value, (given) => {
        expect(parseValue(validate, structuredClone(given)).valid).toBe(relaxedCheck(given));
      }),
      { numRuns: 400, seed: 20240612 },
    );
  });
});

/** The schema with every property that has a default also required (the parsed view). */
function requireDefaults(schema: unknown): unknown {
  return mapSchema(schema, (node) => {
    if (typeof node.properties !== 'object' || node.properties === null) return node;
    const defaulted = Object.entries(node.properties as PlainObject)
      .filter(([, property]) => typeof property === 'object' && property !== null && 'default' in property)
      .map(([name]) => name);
    return defaulted.length === 0 ? node : { ...node, required: [...new Set([...((node.required as string[] | undefined) ?? []), ...defaulted])] };
  });
}

/** The schema with `additionalProperties: false` left out and defaulted properties not required (what is validated). */
function relax(schema: unknown): unknown {
  return mapSchema(schema, (node) => {
    const { additionalProperties, ...rest } = node;
    return additionalProperties === false ? rest : node;
  });
}

function mapSchema(schema: unknown, map: (node: PlainObject) => PlainObject): unknown {
  if (Array.isArray(schema)) return schema.map((item) => mapSchema(item, map));
  if (typeof schema !== 'object' || schema === null) return schema;
  const node = map(schema as PlainObject);
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, key === 'default' || key === 'const' ? value : mapSchema(value, map)]));
}

// ---- the runtime: what handlers and callers see ---------------------------------

describe('the runtime parses what it hands over', () => {
  const issue = closed({ id: str, state: { type: 'string', default: 'open' }, labels: { type: 'array', items: str, default: [] } }, ['id']);
  const validators = validatorsOf(
    modelOf({
      name: 'tracker',
      version: '1.0.0',
      configuration: { schema: closed({ token: str, baseUrl: { type: 'string', default: 'https://api.example.com' } }, ['token']) },
      entities: { issue: { schema: issue } },
      actions: {
        listIssues: {
          input: { schema: closed({ perPage: { type: 'integer', default: 30 }, filter: closed({ state: { type: 'string', default: 'all' } }) }) },
          output: { schema: closed({ issues: { type: 'array', items: { $ref: '#/entities/issue' } }, total: { type: 'integer', default: 0 } }, ['issues']) },
        },
      },
      channels: { chat: { messages: { text: { schema: closed({ text: str, markdown: { type: 'boolean', default: false } }, ['text']) } } } },
      events: { issueOpened: { schema: closed({ issue: { $ref: '#/entities/issue' } }, ['issue']) } },
      states: { cursor: { type: 'integration', schema: closed({ page: { type: 'integer', default: 1 } }) } },
    }),
  );
  const metadata = { name: 'tracker', version: '1.0.0', secrets: { required: [], optional: [] }, states: { integration: ['cursor'], conversation: [], user: [] }, configurations: [] };
  const seen: { input?: unknown; configuration?: unknown; payload?: unknown } = {};
  const implementation = {
    register: async () => undefined,
    unregister: async () => undefined,
    handler: async ({ client }: { client: InMemoryClient }) => {
      await client.createEvent({ type: 'issueOpened', payload: { issue: { id: 'i1', junk: 1 } } });
      await client.setState({ type: 'integration', id: 'x', name: 'cursor', payload: {} });
      const { conversation } = await client.getOrCreateConversation({ channel: 'chat', tags: { id: 'c' } });
      const { user } = await client.getOrCreateUser({ tags: { id: 'u' } });
      await client.createMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text: 'hi', extra: true } });
    },
    actions: {
      listIssues: async ({ input, configuration }: { input: unknown; configuration: unknown }) => {
        seen.input = input;
        seen.configuration = configuration;
        return { issues: [{ id: 'i1', extra: 'stripped' }], debug: 'stripped' };
      },
    },
    channels: {
      chat: {
        messages: {
          text: async ({ payload }: { payload: unknown }) => {
            seen.payload = payload;
          },
        },
      },
    },
  };
  const runtime = new IntegrationRuntime(implementation as never, metadata, validators);

  it('gives the handler the parsed input and configuration, and the caller the parsed output; the caller’s objects stay as they were', async () => {
    const configuration = { token: 't', unknown: 1 };
    const instance = runtime.start({ configuration, env: {}, logger: () => undefined } as never);
    const input = { filter: {}, junk: true };
    const output = await instance.callAction('listIssues' as never, input as never);
    expect(seen.input).toEqual({ filter: { state: 'all' }, perPage: 30 });
    expect(seen.configuration).toEqual({ token: 't', baseUrl: 'https://api.example.com' });
    expect(instance.ctx.configuration).toEqual({ token: 't', baseUrl: 'https://api.example.com' });
    expect(output).toEqual({ issues: [{ id: 'i1', state: 'open', labels: [] }], total: 0 });
    expect(input).toEqual({ filter: {}, junk: true });
    expect(configuration).toEqual({ token: 't', unknown: 1 });
  });

  it('gives a channel handler the parsed payload', async () => {
    const instance = runtime.start({ configuration: { token: 't' }, env: {}, logger: () => undefined } as never);
    await instance.handleMessage({ channel: 'chat', type: 'text', payload: { text: 'hi', extra: 1 }, conversation: { id: 'c1' } } as never);
    expect(seen.payload).toEqual({ text: 'hi', markdown: false });
  });

  it('stores events, states and messages parsed in the in-memory client', async () => {
    const instance = runtime.start({ configuration: { token: 't' }, env: {}, logger: () => undefined } as never);
    await instance.handleWebhook({ body: '{}' });
    const client = instance.client as unknown as InMemoryClient;
    expect(client.events.map((event) => event.payload)).toEqual([{ issue: { id: 'i1', state: 'open', labels: [] } }]);
    expect(client.states.map((state) => state.payload)).toEqual([{ page: 1 }]);
    expect(client.messages.map((message) => message.payload)).toEqual([{ text: 'hi', markdown: false }]);
    expect((await client.getState({ type: 'integration', id: 'x', name: 'cursor' })).state.payload).toEqual({ page: 1 });
  });
});
