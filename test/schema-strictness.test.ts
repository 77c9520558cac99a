import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { kindFromFileName } from '../packages/intc/src/model/manifest-kind.js';
import { collectEmbeddedSchemas } from '../packages/intc/src/model/schema-locations.js';
import { valueAtPath } from '../packages/intc/src/validate/json-pointer.js';
import { schemaForCompile } from '../packages/intc/src/validate/schema-compiler.js';
import { findStrictnessProblems, planStrictnessCheck } from '../packages/intc/src/validate/schema-strictness.js';

const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

/**
 * Ajv's own verdict: does a strict compile accept the schema as intc hands
 * it over (entity refs replaced by `#`; `x-` extensions and `discriminator`
 * left out by schemaForCompile)?
 */
function ajvAccepts(schema: unknown): boolean {
  return strictAjvCompiles(schemaForCompile(JSON.parse(JSON.stringify(schema).replace(/"#\/entities\/[^"]+"/g, '"#"')), 'https://intc.invalid/test/'));
}

function strictAjvCompiles(schema: unknown): boolean {
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  try {
    ajv.compile(schema as object);
    return true;
  } catch {
    return false;
  }
}

function manifestFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return manifestFiles(path);
    return kindFromFileName(path) ? [path] : [];
  });
}

const subsetCases: [string, unknown][] = [
  ['object with properties', { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }],
  ['properties without type', { properties: { a: { type: 'string' } } }],
  ['minimum on a string', { type: 'string', minimum: 1 }],
  ['minimum on an integer', { type: 'integer', minimum: 1 }],
  ['format on a number', { type: 'number', format: 'float' }],
  ['format without type', { format: 'email' }],
  ['nullable string with pattern', { type: ['string', 'null'], pattern: '^a' }],
  ['required not in properties', { type: 'object', properties: { a: {} }, required: ['b'] }],
  ['required without properties', { type: 'object', required: ['b'] }],
  ['items without type', { items: { type: 'string' } }],
  ['array of enums', { type: 'array', items: { enum: ['a', 'b'] }, minItems: 1, uniqueItems: true }],
  ['additionalProperties schema', { type: 'object', additionalProperties: { type: 'number', maximum: 3 } }],
  ['additionalProperties without type', { additionalProperties: false }],
  ['nested problem', { type: 'object', properties: { a: { type: 'object', properties: { b: { maxLength: 2 } } } } }],
  ['const and enum need no type', { properties: undefined, enum: [1, 'a'], const: 1 }],
  ['definitions with a ref', { type: 'object', properties: { a: { $ref: '#/definitions/x' } }, definitions: { x: { type: 'string', minLength: 1 } } }],
  ['boolean schema', true],
  ['ref with a sibling keyword', { type: 'object', properties: { a: { $ref: '#/definitions/x', maxLength: 2 } }, definitions: { x: { type: 'string' } } }],
  ['anyOf branches with their own types', { anyOf: [{ type: 'string', maxLength: 2 }, { type: 'object', properties: {} }] }],
  ['anyOf branch inherits the parent type', { type: 'string', anyOf: [{ maxLength: 2 }, { pattern: '^a' }] }],
  ['anyOf branch without any type', { anyOf: [{ maxLength: 2 }, { type: 'number' }] }],
  ['branch type outside the parent context', { type: 'string', oneOf: [{ type: 'number' }] }],
  ['integer branch narrows a number context', { type: 'number', allOf: [{ type: 'integer', minimum: 1 }] }],
  ['number branch in an integer context', { type: 'integer', allOf: [{ type: 'number' }] }],
  ['union context narrowed by a branch', { type: ['string', 'null'], anyOf: [{ type: 'string', minLength: 1 }, { type: 'null' }] }],
  ['not inherits the context', { type: 'string', not: { pattern: '^x' } }],
  ['not without a type', { not: { minimum: 3 } }],
  ['nested applicators', { type: 'object', properties: { a: { type: ['string', 'number'], anyOf: [{ allOf: [{ minLength: 1 }] }, { minimum: 0 }] } } }],
  ['properties inside an object branch', { anyOf: [{ type: 'object', properties: { a: { minLength: 1 } } }] }],
  [
    'x- extensions and a discriminator beside keywords (annotations, invisible to strict mode)',
    {
      type: 'object',
      'x-zui': { title: 'T' },
      properties: {
        'x-named-property': { type: 'string', 'x-zui': {} },
        d: { oneOf: [{ type: 'object', properties: { k: { const: 'a' } } }], discriminator: { propertyName: 'k' }, 'x-zui': { def: { minimum: 'x' } } },
      },
    },
  ],
  ['a problem beside x- extensions is still found', { type: 'object', 'x-zui': {}, properties: { a: { maxLength: 2, 'x-zui': { title: 'A' } } } }],
];

/** intc's verdict: the direct checks, plus Ajv on the units the plan leaves to it. */
function intcAccepts(schema: unknown): boolean {
  const { compileWithAjv } = planStrictnessCheck(schema);
  return findStrictnessProblems(schema, compileWithAjv).length === 0 && compileWithAjv.every((unit) => ajvAccepts(valueAtPath(schema, unit)));
}

const mixedCases: [string, unknown, unknown[][]][] = [
  ['required inside an anyOf branch', { type: 'object', properties: { r: { anyOf: [{ type: 'object', properties: { c: {} }, required: ['c'] }, { type: 'string' }] } } }, [['properties', 'r']]],
  ['required naming a property of another branch', { type: 'object', properties: { r: { type: 'object', anyOf: [{ properties: { c: {} } }, { required: ['c'] }] } } }, [['properties', 'r']]],
  ['required beside an applicator', { type: 'object', properties: { a: {} }, required: ['a'], allOf: [{ properties: { b: {} } }] }, [[]]],
  ['tuple items deep inside', { type: 'object', properties: { t: { type: 'array', items: [{ type: 'string' }] } } }, [['properties', 't']]],
  ['strict tuple', { type: 'object', properties: { t: { type: 'array', items: [{ type: 'string' }], minItems: 1, additionalItems: false } } }, [['properties', 't']]],
  ['if without then', { type: 'object', properties: { a: { type: 'string', if: { minLength: 1 } } } }, [['properties', 'a']]],
  ['problem outside the unit is still found', { type: 'object', properties: { a: { minLength: 1 }, t: { type: 'array', items: [{ type: 'string' }] } } }, [['properties', 't']]],
  ['local ref sends the whole schema to Ajv', { type: 'object', properties: { a: { $ref: '#/definitions/x', if: { type: 'string' }, then: {} } }, definitions: { x: { type: 'string' } } }, [[]]],
  ['patternProperties inside items', { type: 'array', items: { type: 'object', patternProperties: { '^a': { type: 'string' } } } }, [['items']]],
  ['x- extensions inside a unit left to Ajv', { type: 'object', properties: { t: { type: 'array', items: [{ type: 'string', 'x-zui': { title: 'From' } }], 'x-zui': {}, discriminator: { propertyName: 'k' } } } }, [['properties', 't']]],
];

describe('annotations for other tools', () => {
  it('are left out of what Ajv compiles (strict mode would call them unknown keywords), names and data kept', () => {
    const schema = {
      type: 'object',
      'x-zui': { title: 'T' },
      discriminator: { propertyName: 'k' },
      properties: { 'x-name': { type: 'string', default: { 'x-data': 1 }, 'x-order': 1 } },
      definitions: { 'x-def': { enum: [{ discriminator: 1 }] } },
    };
    expect(strictAjvCompiles(schema)).toBe(false);
    const compiled = schemaForCompile(schema, 'https://intc.invalid/test/');
    expect(compiled).toEqual({
      type: 'object',
      properties: { 'x-name': { type: 'string', default: { 'x-data': 1 } } },
      definitions: { 'x-def': { enum: [{ discriminator: 1 }] } },
    });
    expect(strictAjvCompiles(compiled)).toBe(true);
  });
});

describe('strict-mode checks without Ajv agree with Ajv', () => {
  it.each(subsetCases)('%s', (_, schema) => {
    const cleaned = JSON.parse(JSON.stringify(schema)) as unknown;
    expect(planStrictnessCheck(cleaned).compileWithAjv).toEqual([]);
    expect(findStrictnessProblems(cleaned).length === 0).toBe(ajvAccepts(cleaned));
  });

  it.each(mixedCases)('%s: only the right part goes to Ajv, and the verdict is Ajv\'s', (_, schema, units) => {
    expect(planStrictnessCheck(schema).compileWithAjv).toEqual(units);
    expect(intcAccepts(schema)).toBe(ajvAccepts(schema));
  });

  it('on every embedded schema of the fixtures', () => {
    let checked = 0;
    for (const file of [...manifestFiles('fixtures/valid'), ...manifestFiles('fixtures/invalid')]) {
      let manifest: unknown;
      try {
        manifest = parse(readFileSync(file, 'utf8'), { logLevel: 'silent' });
        // An alias inside its own anchor makes a value that contains itself (refused before any schema check).
        JSON.stringify(manifest);
      } catch {
        continue;
      }
      for (const { schema } of collectEmbeddedSchemas(kindFromFileName(file)!, manifest)) {
        if (!isCheckableSchema(schema)) continue;
        checked++;
        expect(intcAccepts(schema), JSON.stringify(schema)).toBe(ajvAccepts(schema));
      }
    }
    expect(checked).toBeGreaterThan(60);
  });
});

/** Schemas the strict-mode layer sees: meta-valid, with resolvable refs and valid regular expressions. */
function isCheckableSchema(schema: unknown): boolean {
  if (typeof schema === 'boolean') return true;
  if (typeof schema !== 'object' || schema === null) return false;
  const text = JSON.stringify(schema);
  // Half a surrogate pair in a name is refused by the static checks (JSON.stringify escapes only lone ones).
  if (/\\ud[89a-f]/i.test(text)) return false;
  // $ref loops are refused by the static checks before this layer.
  if (/"(\w+)":\{"\$ref":"#\/definitions\/\1"\}/.test(text) || /^\{"\$ref":"#\/entities\//.test(text)) return false;
  // A $ref into an x- extension or a discriminator is refused by the static checks too.
  if (/"\$ref":"#[^"]*\/(?:x-|discriminator)/.test(text)) return false;
  return !/"(typ|\$id)"|integr"|"required":"|emial|https?:|#\/definitions\/missing/.test(text) && isMetaValidKeywords(schema);
}

/** intc's own meta-schema for embedded schemas (its keyword list: `tilte` or `x_zui` fail it). */
const embeddedSchemaMeta = (() => {
  const metaSchema = JSON.parse(readFileSync('packages/intc/schema/integration.schema.json', 'utf8')) as { definitions: object };
  const ajv = new Ajv({ strict: false, allowUnionTypes: true });
  return ajv.compile({ definitions: metaSchema.definitions, $ref: '#/definitions/jsonSchema' });
})();

function isMetaValidKeywords(schema: unknown): boolean {
  const ajv = new Ajv({ strict: false });
  return ajv.validateSchema(schema as object) === true && embeddedSchemaMeta(schema) && regexesCompile(schema) && localRefsResolve(schema, schema);
}

function regexesCompile(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(regexesCompile);
  if (typeof value !== 'object' || value === null) return true;
  return Object.entries(value).every(([key, child]) => {
    const patterns = key === 'pattern' && typeof child === 'string' ? [child] : key === 'patternProperties' && child ? Object.keys(child) : [];
    return patterns.every(isRegex) && regexesCompile(child);
  });
}

function isRegex(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function localRefsResolve(root: unknown, value: unknown): boolean {
  if (Array.isArray(value)) return value.every((item) => localRefsResolve(root, item));
  if (typeof value !== 'object' || value === null) return true;
  return Object.entries(value).every(([key, child]) => {
    if (key === '$ref' && typeof child === 'string' && child.startsWith('#/') && !child.startsWith('#/entities/')) {
      return valueAtPath(root, child.slice(2).split('/')) !== undefined;
    }
    return localRefsResolve(root, child);
  });
}
