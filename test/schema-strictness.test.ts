import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { kindFromFileName } from '../src/model/manifest-kind.js';
import { collectEmbeddedSchemas } from '../src/model/schema-locations.js';
import { findStrictnessProblems, isInStrictSubset } from '../src/validate/schema-strictness.js';

const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

/** Ajv's own verdict: does a strict compile accept the schema? (entity refs replaced by `{}`) */
function ajvAccepts(schema: unknown): boolean {
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  try {
    ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/entities\/[^"]+"/g, '"#"')) as object);
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
];

describe('strict-mode checks without Ajv agree with Ajv', () => {
  it.each(subsetCases)('%s', (_, schema) => {
    const cleaned = JSON.parse(JSON.stringify(schema)) as unknown;
    expect(isInStrictSubset(cleaned)).toBe(true);
    expect(findStrictnessProblems(cleaned).length === 0).toBe(ajvAccepts(cleaned));
  });

  it('on every embedded schema of the valid fixtures that is in the subset', () => {
    let checked = 0;
    for (const file of manifestFiles('fixtures/valid')) {
      const kind = kindFromFileName(file)!;
      for (const { schema } of collectEmbeddedSchemas(kind, parse(readFileSync(file, 'utf8')))) {
        if (!isInStrictSubset(schema)) continue;
        checked++;
        expect(findStrictnessProblems(schema)).toEqual([]);
        expect(ajvAccepts(schema)).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('leaves applicators and tuples to Ajv', () => {
    expect(isInStrictSubset({ if: { type: 'string' }, then: { minLength: 1 } })).toBe(false);
    expect(isInStrictSubset({ type: 'object', anyOf: [{ required: ['a'] }], properties: { a: {} } })).toBe(false);
    expect(isInStrictSubset({ type: 'object', properties: { a: { type: 'object', patternProperties: {} } } })).toBe(false);
    expect(isInStrictSubset({ type: 'array', items: [{ type: 'string' }] })).toBe(false);
  });
});
