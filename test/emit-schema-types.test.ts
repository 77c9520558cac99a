/**
 * `types.ts` from json-schema-to-typescript: every fixture's output passes a
 * strict TypeScript program; entity types are referenced, not copied; type
 * and property names are exactly the manifest's; constraints become JSDoc
 * tags; hostile manifest text stays inside comments and string literals.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import yaml from 'js-yaml';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitSchemaTypes } from '../packages/intc/src/emit/schema-types.js';
import { typeNamesOf } from '../packages/intc/src/emit/type-names.js';
import { toIntegrationModel, type IntegrationModel } from '../packages/intc/src/model/integration-model.js';
import type { PlainObject } from '../packages/intc/src/model/values.js';
import { validate } from '../packages/intc/src/pipeline.js';
import { pathToFileURL } from 'node:url';
import { findKindManifests, ROOT, VALID_DIR } from './fixture-harness.js';

type SyntheticManifest = (actions: number, options?: { heavy?: boolean }) => string;
const { syntheticManifest } = (await import(pathToFileURL(join(ROOT, 'scripts', 'synthetic-manifest.mjs')).href)) as { syntheticManifest: SyntheticManifest };

function modelOf(manifest: PlainObject, path = '/project/integration.yaml'): IntegrationModel {
  return toIntegrationModel(manifest, path);
}

function modelOfFile(file: string): IntegrationModel {
  return modelOf(yaml.load(readFileSync(file, 'utf8')) as PlainObject, file);
}

async function typesOf(model: IntegrationModel): Promise<string> {
  const files = await emitSchemaTypes(model, typeNamesOf(model));
  expect(files.map((file) => file.path)).toEqual(['types.ts']);
  return files[0]!.content;
}

function base(extra: PlainObject): PlainObject {
  return { name: 'hostile', version: '1.0.0', ...extra };
}

// ---------------------------------------------------------------------------
// A strict in-memory TypeScript program over several generated files.

const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noUnusedLocals: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  skipLibCheck: true,
  types: [],
  lib: ['lib.es2022.d.ts'],
};

/** Diagnostics of the virtual files (path → text), formatted one per line. */
function typeCheck(files: ReadonlyMap<string, string>): string[] {
  const host = ts.createCompilerHost(COMPILER_OPTIONS);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language) =>
    files.has(name) ? ts.createSourceFile(name, files.get(name)!, language, true) : getSourceFile(name, language);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  const program = ts.createProgram([...files.keys()], COMPILER_OPTIONS, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

function sourceOf(text: string): ts.SourceFile {
  return ts.createSourceFile('types.ts', text, ts.ScriptTarget.ES2022, true);
}

/** Top-level declarations by name. */
function declarations(text: string): Map<string, ts.InterfaceDeclaration | ts.TypeAliasDeclaration> {
  const found = new Map<string, ts.InterfaceDeclaration | ts.TypeAliasDeclaration>();
  for (const statement of sourceOf(text).statements) {
    if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) found.set(statement.name.text, statement);
    else throw new Error(`unexpected statement: ${statement.getText()}`);
  }
  return found;
}

function members(text: string, typeName: string): Map<string, ts.PropertySignature> {
  const declaration = declarations(text).get(typeName);
  if (declaration === undefined) throw new Error(`no declaration ${typeName}`);
  const list = ts.isInterfaceDeclaration(declaration)
    ? declaration.members
    : ts.isTypeLiteralNode(declaration.type)
      ? declaration.type.members
      : ts.factory.createNodeArray<ts.TypeElement>();
  const found = new Map<string, ts.PropertySignature>();
  for (const member of list) {
    if (ts.isPropertySignature(member)) found.set(propertyNameOf(member.name), member);
  }
  return found;
}

function propertyNameOf(name: ts.PropertyName): string {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  throw new Error(`unexpected property name ${name.getText()}`);
}

function jsdocOf(node: ts.Node): { text: string; tags: [string, string][] } {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const text = docs.map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '').join('\n');
  const tags = docs.flatMap((doc) => (doc.tags ?? []).map((tag) => [tag.tagName.text, ts.getTextOfJSDocComment(tag.comment) ?? ''] as [string, string]));
  return { text, tags };
}

/** Every token outside comments, as the scanner reads it. */
function codeTokens(text: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, true, ts.LanguageVariant.Standard, text);
  const tokens: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) tokens.push(scanner.getTokenText());
  return tokens;
}

// ---------------------------------------------------------------------------

const fixtures = findKindManifests(VALID_DIR).filter((file) => /(?:^|\.)integration\.(?:ya?ml|json)$/.test(basename(file)));

describe('types.ts of every valid fixture', () => {
  const outputs = new Map<string, string>();

  beforeAll(async () => {
    for (const [index, file] of fixtures.entries()) outputs.set(`/virtual/fixture${index}/types.ts`, await typesOf(modelOfFile(file)));
    outputs.set('/virtual/synthetic/types.ts', await typesOf(modelOf(yaml.load(syntheticManifest(25, { heavy: true })) as PlainObject)));
  });

  it('passes a strict TypeScript program', () => {
    expect(fixtures.length).toBeGreaterThan(3);
    expect(typeCheck(outputs)).toEqual([]);
  });

  it('starts with the do-not-edit header and declares every type typeNamesOf names', async () => {
    for (const file of fixtures) {
      const model = modelOfFile(file);
      const text = await typesOf(model);
      expect(text.startsWith('// Generated by intc from ')).toBe(true);
      expect(text.endsWith('\n')).toBe(true);
      expect(text).not.toContain('\r');
      const names = typeNamesOf(model);
      const expected = [
        names.configuration,
        ...names.configurations.values(),
        ...[...names.actions.values()].flatMap((a) => [a.input, a.output]),
        ...[...names.messages.values()].flatMap((byType) => [...byType.values()]),
        ...names.events.values(),
        ...names.states.values(),
        ...names.entities.values(),
      ];
      const declared = [...declarations(text).keys()];
      for (const name of expected) expect(declared, `${file}: ${name}`).toContain(name);
      expect(declared).toEqual([...declared].sort());
      // No name made up by json-schema-to-typescript (`Foo1`), no root interface.
      for (const name of declared) expect(name, file).toMatch(/^[A-Z][A-Za-z0-9_]*[A-Za-z_]$/);
      expect(text).not.toContain('This interface was referenced');
    }
  });

  it('is byte-identical on a second run and whatever the order of the manifest', async () => {
    const file = join(VALID_DIR, 'telegram', 'integration.yaml');
    const manifest = yaml.load(readFileSync(file, 'utf8')) as PlainObject;
    const reversed = Object.fromEntries(
      Object.entries(manifest)
        .reverse()
        .map(([key, value]) => [key, key === 'actions' || key === 'channels' ? Object.fromEntries(Object.entries(value as PlainObject).reverse()) : value]),
    );
    const first = await typesOf(modelOf(manifest, file));
    expect(await typesOf(modelOf(manifest, file))).toBe(first);
    expect(await typesOf(modelOf(reversed, file))).toBe(first);
  });
});

describe('references', () => {
  let text = '';
  beforeAll(async () => {
    text = await typesOf(modelOfFile(join(VALID_DIR, 'states-entities', 'integration.yaml')));
  });

  it.each([
    ['GetCustomerOutput', 'customer', 'CustomerEntity'],
    ['CustomerEntity', 'billingAddress', 'AddressEntity'],
    ['CustomerEntity', 'shippingAddresses', 'AddressEntity[]'],
    ['CartState', 'shippingAddress', 'AddressEntity'],
    ['CreateOrderInput', 'items', 'CreateOrderInputLineItem[]'],
    ['CreateOrderInput', 'discount', 'CreateOrderInputMoney'],
    ['CreateOrderInputLineItem', 'unitPrice', 'CreateOrderInputMoney'],
  ])('%s.%s is typed %s (a reference, not a copy)', (typeName, property, type) => {
    expect(members(text, typeName).get(property)?.type?.getText()).toBe(type);
  });

  it('declares each entity once', () => {
    expect(text.match(/export interface AddressEntity\b/g)).toHaveLength(1);
    expect(text.match(/\bstreet\??:/g)).toHaveLength(1);
  });

  it('references recursive entities and a schema that refers to itself by name', async () => {
    const model = modelOf(
      base({
        entities: {
          node: { schema: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/entities/node' } }, owner: { $ref: '#/entities/person' } } } },
          person: { schema: { type: 'object', properties: { tree: { $ref: '#/entities/node' } }, additionalProperties: false } },
          anything: { schema: true },
        },
        actions: {
          walk: {
            input: { schema: { type: 'object', properties: { next: { $ref: '#' }, any: { $ref: '#/entities/anything' } }, additionalProperties: false } },
            output: { schema: false },
          },
        },
      }),
    );
    const output = await typesOf(model);
    expect(members(output, 'NodeEntity').get('children')?.type?.getText()).toBe('NodeEntity[]');
    expect(members(output, 'NodeEntity').get('owner')?.type?.getText()).toBe('PersonEntity');
    expect(members(output, 'PersonEntity').get('tree')?.type?.getText()).toBe('NodeEntity');
    expect(members(output, 'WalkInput').get('next')?.type?.getText()).toBe('WalkInput');
    expect(members(output, 'WalkInput').get('any')?.type?.getText()).toBe('AnythingEntity');
    expect(output).toContain('export type AnythingEntity = unknown;');
    expect(output).toContain('export type WalkOutput = never;');
    expect(typeCheck(new Map([['/virtual/recursive/types.ts', output]]))).toEqual([]);
  });

  it('makes an alias of a schema that is only a $ref, and keeps local definitions named after their schema', async () => {
    const model = modelOf(
      base({
        entities: { point: { schema: { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] } } },
        actions: {
          move: {
            input: { schema: { $ref: '#/entities/point' } },
            output: {
              schema: {
                type: 'object',
                definitions: { node: { type: 'object', properties: { next: { $ref: '#/definitions/node' }, label: { $ref: '#/properties/label' } } } },
                properties: { head: { $ref: '#/definitions/node' }, label: { type: 'string', title: 'A label' } },
              },
            },
          },
        },
      }),
    );
    const output = await typesOf(model);
    expect(output).toContain('export type MoveInput = PointEntity;');
    expect(members(output, 'MoveOutput').get('head')?.type?.getText()).toBe('MoveOutputNode');
    expect(members(output, 'MoveOutputNode').get('next')?.type?.getText()).toBe('MoveOutputNode');
    expect(members(output, 'MoveOutputNode').get('label')?.type?.getText()).toBe('MoveOutputLabel');
    expect(members(output, 'MoveOutput').get('label')?.type?.getText()).toBe('MoveOutputLabel');
    expect(output).toContain('export type MoveOutputLabel = string;');
    expect(typeCheck(new Map([['/virtual/refs/types.ts', output]]))).toEqual([]);
  });
});

describe('JSDoc', () => {
  const schema: PlainObject = {
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 64, description: 'Display name' },
      latitude: { type: 'number', minimum: -90, maximum: 90, exclusiveMaximum: 91 },
      site: { type: 'string', format: 'uri', default: 'https://example.com' },
      code: { type: 'string', pattern: '^a$', examples: ['a', 'b'] },
      old: { type: 'integer', deprecated: true, multipleOf: 5 },
      tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3, uniqueItems: true },
      id: { type: 'string', readOnly: true, title: 'Identifier' },
      secret: { type: 'string', writeOnly: true },
    },
    required: ['name'],
    additionalProperties: false,
  };

  it.each([
    ['name', [['minLength', '1'], ['maxLength', '64']], 'Display name'],
    ['latitude', [['minimum', '-90'], ['maximum', '90'], ['exclusiveMaximum', '91']], ''],
    ['site', [['format', 'uri'], ['default', '"https://example.com"']], ''],
    ['code', [['pattern', '^a$'], ['example', '"a"'], ['example', '"b"']], ''],
    ['old', [['deprecated', ''], ['multipleOf', '5']], ''],
    ['tags', [['minItems', '1'], ['maxItems', '3'], ['uniqueItems', '']], ''],
    ['id', [], 'Identifier'],
    ['secret', [['writeOnly', '']], ''],
  ])('%s carries %j', async (property, tags, text) => {
    const output = await typesOf(modelOf(base({ configuration: { schema } })));
    const doc = jsdocOf(members(output, 'Configuration').get(property)!);
    expect(doc.tags).toEqual(tags);
    expect(doc.text).toBe(text);
  });

  it('marks readOnly properties readonly and keeps bounded arrays plain arrays', async () => {
    const output = await typesOf(modelOf(base({ configuration: { schema } })));
    const configuration = members(output, 'Configuration');
    expect(configuration.get('id')!.modifiers?.map((m) => m.getText())).toEqual(['readonly']);
    expect(configuration.get('tags')!.type!.getText()).toBe('string[]');
    expect(configuration.get('name')!.questionToken).toBeUndefined();
    expect(configuration.get('latitude')!.questionToken).toBeDefined();
  });

  it('types a schema with a default twice: parsed (the defaulted property present) and as a caller gives it (optional)', async () => {
    const output = await typesOf(modelOf(base({ configuration: { schema } })));
    expect(members(output, 'Configuration').get('site')!.questionToken).toBeUndefined();
    const given = members(output, 'ConfigurationGiven');
    expect(given.get('site')!.questionToken).toBeDefined();
    expect(given.get('name')!.questionToken).toBeUndefined();
    expect(jsdocOf(declarations(output).get('ConfigurationGiven')!).text).toBe(
      'As a caller gives it: a property with a default may be left out (`Configuration` has it filled in).',
    );
  });

  it('gives a schema without a default one type, and the given types name the given types of what they refer to', async () => {
    const model = modelOf(
      base({
        entities: {
          plain: { schema: { type: 'object', properties: { a: { type: 'string' } } } },
          defaulted: { schema: { type: 'object', properties: { d: { type: 'number', default: 1 } } } },
        },
        actions: {
          noDefaults: { input: { schema: { type: 'object', properties: { p: { $ref: '#/entities/plain' } } } }, output: { schema: { type: 'object' } } },
          viaEntity: {
            input: {
              schema: {
                type: 'object',
                properties: { p: { $ref: '#/entities/plain' }, d: { $ref: '#/entities/defaulted' }, l: { $ref: '#/definitions/local' }, m: { $ref: '#/definitions/withDefault' } },
                definitions: { local: { type: 'string' }, withDefault: { type: 'object', properties: { x: { type: 'boolean', default: false } } } },
              },
            },
            output: { schema: { type: 'object' } },
          },
        },
      }),
    );
    const output = await typesOf(model);
    const names = [...declarations(output).keys()];
    expect(names.filter((name) => name.endsWith('Given')).sort()).toEqual(['DefaultedEntityGiven', 'ViaEntityInputGiven', 'ViaEntityInputWithDefaultGiven']);
    const given = members(output, 'ViaEntityInputGiven');
    expect(Object.fromEntries([...given].map(([key, member]) => [key, member.type!.getText()]))).toEqual({
      p: 'PlainEntity',
      d: 'DefaultedEntityGiven',
      l: 'ViaEntityInputLocal',
      m: 'ViaEntityInputWithDefaultGiven',
    });
    expect(members(output, 'ViaEntityInput').get('m')!.type!.getText()).toBe('ViaEntityInputWithDefault');
    expect(members(output, 'ViaEntityInputWithDefault').get('x')!.questionToken).toBeUndefined();
    expect(members(output, 'ViaEntityInputWithDefaultGiven').get('x')!.questionToken).toBeDefined();
  });

  it.each<[string, PlainObject, string, [string, string][]]>([
    ['x-zui.title, as a title', { type: 'string', description: 'Secret key', 'x-zui': { title: 'API token', secret: true } }, 'API token\n\nSecret key', []],
    ['a plain title over x-zui.title', { type: 'string', title: 'Plain', 'x-zui': { title: 'Zui' } }, 'Plain', []],
    ['x-zui.title when the plain title is blank', { type: 'string', title: ' ', 'x-zui': { title: 'Zui' } }, 'Zui', []],
    ['x-zui.title beside constraints', { type: 'integer', minimum: 1, 'x-zui': { title: 'Count' } }, 'Count', [['minimum', '1']]],
    ['x-zui.title on a $ref', { $ref: '#/definitions/id', 'x-zui': { title: 'Owner' } }, 'Owner', []],
    ['x-zui.title escaped like any comment text', { type: 'string', 'x-zui': { title: 'a */ b @param c' } }, 'a *\\/ b \\@param c', []],
    ['nothing from x-zui without a title, or from other x- keys and discriminator', { type: 'string', 'x-zui': { placeholder: 'p', displayAs: ['textarea', {}] }, 'x-title': 'no', discriminator: { propertyName: 'k' } }, '', []],
  ])('%s', async (_, property, text, tags) => {
    const schema = { type: 'object', properties: { field: property }, definitions: { id: { type: 'string' } }, 'x-zui': { title: 'Settings' } };
    const output = await typesOf(modelOf(base({ configuration: { schema } })));
    const doc = jsdocOf(members(output, 'Configuration').get('field')!);
    expect(doc.text.replace(/\n+$/, '')).toBe(text);
    expect(doc.tags).toEqual(tags);
    expect(jsdocOf(declarations(output).get('Configuration')!).text).toBe('Settings');
    expect(output).not.toMatch(/placeholder|textarea|x-title|discriminator/);
    expect(typeCheck(new Map([['/virtual/zui/types.ts', output]]))).toEqual([]);
  });

  it('documents an entity with its title and description', async () => {
    const output = await typesOf(modelOfFile(join(VALID_DIR, 'states-entities', 'integration.yaml')));
    expect(jsdocOf(declarations(output).get('AddressEntity')!).text).toBe('Postal Address\n\nA postal address as stored in the CRM');
  });
});

describe('shapes', () => {
  it.each<[string, PlainObject | boolean, string]>([
    ['an empty schema', {}, 'unknown'],
    ['true', true, 'unknown'],
    ['false', false, 'never'],
    ['a schema with only constraints', { minLength: 2 }, 'unknown'],
    ['a string', { type: 'string' }, 'string'],
    ['an integer', { type: 'integer' }, 'number'],
    ['a nullable string', { type: ['string', 'null'] }, '(string | null)'],
    ['an enum', { enum: ['a', 1, null, true] }, '("a" | 1 | null | true)'],
    ['a const object', { const: { a: [1, 'x'] } }, '{ "a": [1, "x"] }'],
    ['a tuple', { type: 'array', items: [{ type: 'string' }, { type: 'number' }] }, '[string, number, ...(unknown)[]]'],
    ['a closed tuple', { type: 'array', items: [{ type: 'string' }], additionalItems: false }, '[string]'],
  ])('%s', async (_, configuration, expected) => {
    const output = await typesOf(modelOf(base({ configuration: { schema: configuration } })));
    const declaration = declarations(output).get('Configuration')!;
    expect(ts.isTypeAliasDeclaration(declaration) ? declaration.type.getText() : 'interface').toBe(expected);
  });

  it.each<[string, PlainObject, string]>([
    ['an open object', { type: 'object', properties: { a: { type: 'string' } } }, '[k: string]: unknown | undefined;'],
    ['a closed object', { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false }, ''],
    ['a map', { type: 'object', additionalProperties: { type: 'number' } }, '[k: string]: number | undefined;'],
    [
      'pattern properties with additionalProperties: false',
      { type: 'object', patternProperties: { '^x-': { type: 'string' }, '^n-': { type: 'number' } }, additionalProperties: false },
      '[k: string]: string | number | undefined;',
    ],
    ['pattern properties without additionalProperties', { type: 'object', patternProperties: { '^x-': { type: 'string' } } }, '[k: string]: unknown | undefined;'],
  ])('%s', async (_, configuration, signature) => {
    const output = await typesOf(modelOf(base({ configuration: { schema: configuration } })));
    const declaration = declarations(output).get('Configuration')!;
    const indexSignatures = ts.isInterfaceDeclaration(declaration) ? declaration.members.filter(ts.isIndexSignatureDeclaration).map((m) => m.getText()) : [];
    expect(indexSignatures).toEqual(signature === '' ? [] : [signature]);
    expect(typeCheck(new Map([['/virtual/shape/types.ts', output]]))).toEqual([]);
  });

  // The index signature repeats every property type beside it; an inline intersection with a key optional
  // on one side and required on the other is not assignable to its own copy (TS2411, found by fuzzing).
  const optionalAndRequired = {
    allOf: [
      { type: 'object', properties: { v: { type: 'number' } } },
      { type: 'object', properties: { v: true }, required: ['v'] },
    ],
  };
  it.each<[string, PlainObject, string[]]>([
    ['beside additionalProperties', { type: 'object', properties: { p: optionalAndRequired }, additionalProperties: { type: 'string' } }, ['ConfigurationP']],
    [
      'beside patternProperties',
      { type: 'object', properties: { p: optionalAndRequired }, patternProperties: { '^x-': { type: 'string' } }, additionalProperties: false },
      ['ConfigurationP'],
    ],
    [
      'nested in an inline object',
      { type: 'object', properties: { p: { type: 'object', properties: { q: optionalAndRequired } } }, additionalProperties: { type: 'string' } },
      ['ConfigurationP'],
    ],
    [
      'anyOf beside properties, recursive',
      {
        type: 'object',
        properties: { p: { type: 'object', anyOf: [{ type: 'object', properties: { x: { $ref: '#/entities/node' } } }], properties: { x: true }, required: ['x'] } },
        additionalProperties: { type: 'array' },
      },
      ['ConfigurationP'],
    ],
    ['not beside a typed index signature', { type: 'object', properties: { p: optionalAndRequired } }, []],
    ['not beside an unknown index signature', { type: 'object', properties: { p: optionalAndRequired }, additionalProperties: {} }, []],
    ['not for a union', { type: 'object', properties: { p: { anyOf: [{ type: 'string' }, { type: 'number' }] } }, additionalProperties: { type: 'boolean' } }, []],
  ])('an intersection property type is named only when an index signature repeats it: %s', async (_, configuration, hoisted) => {
    const manifest = base({ configuration: { schema: configuration }, entities: { node: { schema: { type: 'object', properties: { next: { $ref: '#/entities/node' } } } } } });
    const output = await typesOf(modelOf(manifest));
    expect([...declarations(output).keys()].filter((name) => name.startsWith('ConfigurationP'))).toEqual(hoisted);
    expect(typeCheck(new Map([['/virtual/intersection/types.ts', output]]))).toEqual([]);
  });

  it('gives an empty Configuration when the manifest has none, and exports nothing else for an empty manifest', async () => {
    const output = await typesOf(modelOf(base({})));
    expect(output).toContain('export type Configuration = Record<never, never>;');
    expect([...declarations(output).keys()]).toEqual(['Configuration']);
  });

  it('writes an object type without members as Record<never, never> (no `{}`, which typescript-eslint reports), and a `{}` value as an object without keys', async () => {
    const closed = { type: 'object', additionalProperties: false };
    const properties = { a: closed, b: { type: 'array', items: closed }, c: { anyOf: [closed, { type: 'null' }] }, d: { const: {} }, e: { enum: [{}, { x: {} }] }, f: { $ref: '#/entities/nothing' } };
    const manifest = base({ entities: { nothing: { schema: closed } }, actions: { doIt: { input: { schema: { type: 'object', properties, additionalProperties: false } }, output: { schema: closed } } } });
    const output = await typesOf(modelOf(manifest));
    expect(output).not.toMatch(/\{\s*\}/);
    expect(output).toContain('export type NothingEntity = Record<never, never>;');
    expect(output).toContain('export type DoItOutput = Record<never, never>;');
    expect([...members(output, 'DoItInput')].map(([name, member]) => `${name}: ${member.type!.getText(sourceOf(output))}`)).toEqual([
      'a: Record<never, never>',
      'b: Record<never, never>[]',
      'c: (Record<never, never> | null)',
      'd: { [k: string]: never }',
      'e: { [k: string]: never } | { "x": { [k: string]: never } }',
      'f: NothingEntity',
    ]);
    expect(typeCheck(new Map([['/virtual/empty/types.ts', `${output}\nexport const given: DoItInput = { a: {}, d: {}, e: { x: {} } };\n`]]))).toEqual([]);
  });

  it('keeps type names json-schema-to-typescript would rename (digits before lowercase letters)', async () => {
    const output = await typesOf(modelOf(base({ actions: { get2fa: { input: { schema: { type: 'string' } }, output: { schema: {} } } } })));
    expect([...declarations(output).keys()]).toEqual(['Configuration', 'Get2faInput', 'Get2faOutput']);
  });
});

describe('hostile manifest text', () => {
  const TEXT = 'ends */ here /* and `tick` ${x} \\ "q" \'s\' \n@deprecated on a line\r\nnext\u2028line \u202e reversed @see x';
  const KEYS = ['constructor', '__proto__', 'hasOwnProperty', 'toString', 'a-b', '0x', '', 'with space', 'x*/y', 'q\'"`${}', '\u2028', 'ünï'];
  const ENUM = ['a"b', 'back\\slash', 'new\nline', '*/', '${x}', '`', '\u202e'];

  function hostileModel(extra: PlainObject = {}): IntegrationModel {
    const properties: PlainObject = {};
    for (const key of KEYS) Object.defineProperty(properties, key, { value: { type: 'string', description: TEXT }, enumerable: true, writable: true, configurable: true });
    return modelOf(
      base({
        configuration: {
          schema: {
            type: 'object',
            title: TEXT,
            description: TEXT,
            properties: {
              ...properties,
              choice: { enum: ENUM, default: '*/ default', examples: ['*/', { k: '*/ @x' }], pattern: '^a*/b$ @y' },
              constant: { const: '*/ const', title: '*/ export const x = 1; /*' },
              mapped: {
                type: 'object',
                patternProperties: { 'a*/b*/c': { type: 'string', description: 'p */ */' } },
                additionalProperties: false,
              },
              ...extra,
            },
            required: KEYS,
            additionalProperties: false,
          },
        },
      }),
    );
  }

  it('compiles, with exactly the manifest keys as property names', async () => {
    const output = await typesOf(hostileModel());
    expect(typeCheck(new Map([['/virtual/hostile/types.ts', output]]))).toEqual([]);
    // `__proto__` is left out, as Ajv leaves it out of `properties`.
    expect([...members(output, 'Configuration').keys()].sort()).toEqual([...KEYS.filter((key) => key !== '__proto__'), 'choice', 'constant', 'mapped'].sort());
  });

  it('keeps the text in comments, with nothing that closes a comment or starts a tag', async () => {
    const output = await typesOf(hostileModel());
    const configuration = declarations(output).get('Configuration')!;
    const doc = jsdocOf(configuration);
    expect(doc.tags).toEqual([]);
    expect(doc.text).toContain('ends *\\/ here /* and `tick` ${x}');
    expect(doc.text).toContain('\\@deprecated on a line');
    expect(doc.text).toContain('next\nline \\u202e reversed \\@see x');
    for (const member of members(output, 'Configuration').values()) {
      expect(jsdocOf(member).tags.map(([tag]) => tag)).not.toContain('deprecated');
    }
    expect(output).not.toMatch(/[\u2028\u2029\u202e\r]/);
  });

  it('keeps enum and const values as string literals', async () => {
    const output = await typesOf(hostileModel());
    const choice = members(output, 'Configuration').get('choice')!.type!;
    expect(ts.isParenthesizedTypeNode(choice) && ts.isUnionTypeNode(choice.type)).toBe(true);
    const union = (choice as ts.ParenthesizedTypeNode).type as ts.UnionTypeNode;
    const literals = union.types.map((type) => ((type as ts.LiteralTypeNode).literal as ts.StringLiteral).text);
    expect(literals).toEqual(ENUM);
    expect((members(output, 'Configuration').get('constant')!.type as ts.LiteralTypeNode).getText()).toBe('"*/ const"');
  });

  it('has no code token that did not come from the schema structure', async () => {
    const output = await typesOf(hostileModel({ injected: { type: 'string', tsType: 'string; export const pwned = 1', $id: 'Evil */' } }));
    const identifiers = new Set(codeTokens(output).filter((token) => /^[A-Za-z_$]/.test(token)));
    expect([...identifiers].sort()).toEqual(
      ['Configuration', 'ConfigurationGiven', 'choice', 'constant', 'constructor', 'export', 'hasOwnProperty', 'injected', 'interface', 'k', 'mapped', 'string', 'toString', 'undefined'].sort(),
    );
    expect(members(output, 'Configuration').get('injected')!.type!.getText()).toBe('string');
  });

  it('drops tsType and tsEnumNames (the meta-schema also rejects them)', async () => {
    const output = await typesOf(
      hostileModel({ named: { type: 'string', enum: ['a', 'b'], tsEnumNames: ['A = 1; export const pwned = 2; //', 'B'] }, custom: { tsType: 'never; export const pwned = 3' } }),
    );
    expect(output).not.toMatch(/pwned|\benum\b/);
    expect(members(output, 'Configuration').get('named')!.type!.getText()).toBe('("a" | "b")');
    expect(members(output, 'Configuration').get('custom')!.type!.getText()).toBe('unknown');

    const dir = mkdtempSync(join(tmpdir(), 'intc-types-'));
    try {
      const manifest = join(dir, 'integration.yaml');
      writeFileSync(
        manifest,
        'name: evil\nversion: 1.0.0\nconfiguration:\n  schema:\n    type: object\n    properties:\n      a:\n        tsType: "string; export const pwned = 1"\n      b:\n        type: string\n        enum: [x]\n        tsEnumNames: [X]\n',
      );
      const result = validate([manifest]);
      const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
      expect(errors.join('\n')).toMatch(/tsType/);
      expect(errors.join('\n')).toMatch(/tsEnumNames/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('large manifests', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'intc-types-large-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('types 200 actions in one compile and the result type-checks', async () => {
    const model = modelOf(yaml.load(syntheticManifest(200)) as PlainObject);
    const output = await typesOf(model);
    // The configuration has a default: its given type too.
    expect(declarations(output).size).toBe(2 + 400 + 2 + 3 + 2 + 4);
    expect(typeCheck(new Map([['/virtual/large/types.ts', output]]))).toEqual([]);
  });
});
