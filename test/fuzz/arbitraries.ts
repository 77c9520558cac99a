/**
 * fast-check arbitraries for valid integration manifests: names that follow
 * the manifest's naming rules (src/model/naming.ts) but are reserved or
 * meaningful words in JavaScript, TypeScript and the generated code; text
 * that is hostile to comments, strings, templates and YAML; nested schemas
 * with entity and local `$ref`s, enums, arrays, oneOf/anyOf/allOf,
 * recursion through entities, and `x-zui`/`x-` extensions. Every manifest drawn here must validate
 * without errors: a failure is a bug in intc or in these arbitraries.
 */
import fc from 'fast-check';
import { collisionKey } from '../../packages/intc/src/model/naming.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** camelCase names that are keywords, globals or names the generated code itself uses. */
export const RESERVED_CAMEL_NAMES = [
  'delete', 'class', 'constructor', 'default', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', 'then',
  'await', 'yield', 'let', 'static', 'enum', 'function', 'new', 'this', 'super', 'import', 'export', 'return',
  'typeof', 'void', 'in', 'of', 'instanceof', 'null', 'true', 'false', 'undefined', 'arguments', 'eval', 'if',
  'else', 'switch', 'case', 'break', 'continue', 'do', 'while', 'for', 'try', 'catch', 'finally', 'throw', 'var',
  'const', 'with', 'debugger', 'private', 'public', 'protected', 'implements', 'package', 'interface', 'any',
  'string', 'number', 'boolean', 'bigint', 'never', 'unknown', 'object', 'symbol', 'type', 'namespace', 'module',
  'declare', 'readonly', 'keyof', 'infer', 'is', 'as', 'satisfies', 'async', 'get', 'set', 'from', 'global',
  'abstract', 'override', 'accessor', 'require', 'exports', 'process', 'globalThis', 'spec', 'ctx', 'client',
  'input', 'output', 'logger', 'handlers', 'handler', 'integration', 'index', 'types', 'rt', 'props', 'register',
  'unregister', 'webhook', 'configuration', 'configurations', 'metadata', 'validators', 'state', 'states',
  'entities', 'actions', 'events', 'channels', 'channel', 'message', 'messages', 'text', 'payload', 'conversation',
  'user', 'secrets', 'tags', 'definition', 'generated', 'error', 'result', 'schema', 'name', 'version', 'kind',
];

/** Short names drawn often so that collisions of generated identifiers (`a`+`bC`, `aB`+`c`) get a chance. */
const SHORT_CAMEL_NAMES = ['a', 'b', 'c', 'ab', 'aB', 'bC', 'abC', 'aBc', 'x1', 'x', 'getUrl', 'text', 'textMessage', 'aAction', 'aInput'];

export const camelName: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...RESERVED_CAMEL_NAMES) },
  { weight: 2, arbitrary: fc.constantFrom(...SHORT_CAMEL_NAMES) },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,12}$/) },
);

export const screamingSnakeName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('API_KEY', 'CONSTRUCTOR', 'PROTO', 'DEFAULT', 'TO_STRING', 'A', 'A1', 'X_2_Y'),
  fc.stringMatching(/^[A-Z][A-Z0-9]{0,6}(_[A-Z0-9]{1,4}){0,2}$/),
);

/** Fragments that break naive code generation, YAML or JSON. */
const HOSTILE_FRAGMENTS = [
  '*/', '/*', '/**', '*/ export const pwned = 1; /*', '"', "'", '`', '${x}', '${', '`${globalThis.pwned}`', '</script>',
  '<script>alert(1)</script>', '\n', '\r\n', '\r', '\n\n', '\\', '\\n', '\\u0000', '\u2028', '\u2029', '\u0000', '\t',
  '\u0007', '\u001b[31m', '\u007f', '\u0085', '@param', '@deprecated', '@type {x}', ' * ', '#', '# comment', ': ',
  '- ', '? ', '{', '}', '[', ']', '&anchor', '*alias', '!tag', '!!str', '%YAML', '---', '...', '|', '>', '// ',
  '-->', '<!--', 'é', 'ß', '日本語', '🎉', '👩‍👩‍👧', '\u200b', '\u200d', '\ufeff', '\u202e', '\ud800', 'null', '~',
  'yes', 'no', 'on', '0x1F', '1e3', '.inf', '0o17', '012', '-', '', ' ', '  ', 'constructor', '__proto__', '</',
  '\'; process.exit(1); \'', '"); process.exit(1); ("', '#!/bin/sh', '$1', '$&', "$'",
];

/** Human text (titles, descriptions): hostile fragments mixed with random unicode. */
export const hostileText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
      { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));

/** Property names of embedded schemas: any string but `__proto__` or one with a lone surrogate (both refused with a located error). */
export const propertyName: fc.Arbitrary<string> = fc
  .oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'constructor', 'toString', 'default', 'delete', 'class', 'hasOwnProperty', 'valueOf', '__defineGetter__',
        'prototype', 'then', 'a b', 'a-b', 'a.b', '0', '123', '1a', '', ' ', '*/', '/*', '"', "'", '`', '${x}', '\\',
        '\n', 'é', '日本', '🎉', '$ref', 'type', 'properties', 'required', 'items', 'enum', '__proto', '_', '$',
        'a\u2028b', '-', 'null', 'true', 'Infinity', 'NaN',
      ),
    },
    { weight: 2, arbitrary: camelName },
    { weight: 1, arbitrary: hostileText },
  )
  .filter((name) => name !== '__proto__' && !/\p{Cs}/u.test(name));

const jsonLeaf: fc.Arbitrary<Json> = fc.oneof(
  hostileText,
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.boolean(),
  fc.constant(null),
);

/** Any JSON value (for const, enum members, examples). */
export const jsonValue: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    jsonLeaf,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(propertyName, tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** Names a schema may reference: entities of the manifest, definitions of the enclosing schema. */
export interface RefTargets {
  readonly entities: readonly string[];
  readonly definitions: readonly string[];
}

const NO_TARGETS: RefTargets = { entities: [], definitions: [] };

/** Adds optional keys, each present or not: `{ a: arb }` → `{ a?: value }`. */
function optionalKeys(model: Record<string, fc.Arbitrary<Json>>): fc.Arbitrary<JsonObject> {
  return fc.record(model, { requiredKeys: [] }) as fc.Arbitrary<JsonObject>;
}

/** Botpress's UI options, as its zod converter writes them (often just `{}`). */
const zuiOptions = optionalKeys({
  title: hostileText,
  secret: fc.boolean(),
  placeholder: hostileText,
  hidden: fc.boolean(),
  displayAs: fc.constant(['textarea', {}]),
  def: jsonValue,
});

/** title/description/deprecated/… on a schema node, and vendor extensions (`x-zui`, any other `x-` key). */
const annotations = optionalKeys({
  title: hostileText,
  description: hostileText,
  $comment: hostileText,
  deprecated: fc.boolean(),
  readOnly: fc.boolean(),
  writeOnly: fc.boolean(),
  examples: fc.array(jsonValue, { maxLength: 2 }),
  'x-zui': zuiOptions,
  'x-vendor': jsonValue,
});

function annotated(schema: fc.Arbitrary<JsonObject>): fc.Arbitrary<JsonObject> {
  return fc.tuple(schema, fc.option(annotations, { freq: 2, nil: undefined })).map(([node, notes]) => ({ ...(notes ?? {}), ...node }));
}

const FORMATS = ['email', 'uri', 'uuid', 'date-time', 'date', 'time', 'ipv4', 'ipv6', 'hostname', 'uri-reference'];
const PATTERNS = ['^[a-z]+$', '^\\d{3}$', '[*/]', '^\\$\\{.*\\}$', '\\p{L}+', '^(?:a|b)*$', '"', '`', '\\n'];

const stringSchema: fc.Arbitrary<JsonObject> = fc.oneof(
  optionalKeys({ minLength: fc.nat(5), maxLength: fc.integer({ min: 5, max: 50 }), pattern: fc.constantFrom(...PATTERNS), format: fc.constantFrom(...FORMATS) }).map(
    (keywords) => ({ type: 'string', ...keywords }),
  ),
  fc.uniqueArray(hostileText, { minLength: 1, maxLength: 4 }).map((values) => ({ type: 'string', enum: values })),
  fc.option(hostileText, { nil: undefined }).map((value): JsonObject => (value === undefined ? { type: 'string' } : { type: 'string', default: value })),
);

const numberSchema: fc.Arbitrary<JsonObject> = fc
  .tuple(
    fc.constantFrom('number', 'integer'),
    optionalKeys({ minimum: fc.integer({ min: -100, max: 0 }), maximum: fc.integer({ min: 1, max: 1000 }), multipleOf: fc.integer({ min: 1, max: 10 }) }),
    fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
  )
  .map(([type, keywords, exclusiveMaximum]) => ({ type, ...keywords, ...(exclusiveMaximum === undefined ? {} : { exclusiveMaximum: exclusiveMaximum + 1000 }) }));

const leafSchema: fc.Arbitrary<JsonObject> = fc.oneof(
  stringSchema,
  numberSchema,
  fc.constant({ type: 'boolean' }),
  fc.boolean().map((value) => ({ type: 'boolean', default: value })),
  fc.constant({ type: 'null' }),
  fc.constant({}),
  fc.uniqueArray(fc.constantFrom('string', 'number', 'integer', 'boolean', 'null'), { minLength: 1, maxLength: 3 }).map((types) => ({ type: types })),
  fc.uniqueArray(jsonValue, { minLength: 1, maxLength: 4, selector: (value) => JSON.stringify(value) }).map((values) => ({ enum: values })),
  jsonValue.map((value) => ({ const: value })),
);

function refSchema(targets: RefTargets): fc.Arbitrary<JsonObject>[] {
  const refs: fc.Arbitrary<JsonObject>[] = [];
  if (targets.entities.length > 0) refs.push(fc.constantFrom(...targets.entities).map((name) => ({ $ref: `#/entities/${name}` })));
  if (targets.definitions.length > 0) refs.push(fc.constantFrom(...targets.definitions).map((name) => ({ $ref: `#/definitions/${name}` })));
  return refs;
}

/** The schema of any value (a property, an item), at most `depth` levels deep. */
export function valueSchema(targets: RefTargets, depth: number): fc.Arbitrary<Json> {
  const refs = refSchema(targets);
  const leaves: fc.Arbitrary<Json>[] = [annotated(leafSchema), fc.boolean(), ...refs.map((ref) => annotated(ref))];
  if (depth <= 0) return fc.oneof(...leaves);
  const inner = valueSchema(targets, depth - 1);
  const branches = fc.array(inner, { minLength: 1, maxLength: 3 });
  return fc.oneof(
    { weight: 4, arbitrary: fc.oneof(...leaves) },
    {
      weight: 2,
      arbitrary: annotated(
        fc
          .tuple(inner, optionalKeys({ minItems: fc.nat(3), maxItems: fc.integer({ min: 3, max: 9 }), uniqueItems: fc.boolean() }))
          .map(([items, keywords]) => ({ type: 'array', items, ...keywords })),
      ),
    },
    { weight: 2, arbitrary: objectSchema(targets, depth - 1) },
    { weight: 1, arbitrary: annotated(branches.map((oneOf) => ({ oneOf }))) },
    { weight: 1, arbitrary: annotated(branches.map((anyOf) => ({ anyOf }))) },
    { weight: 1, arbitrary: annotated(fc.array(objectSchema(targets, depth - 1), { minLength: 1, maxLength: 2 }).map((allOf) => ({ allOf }))) },
    { weight: 1, arbitrary: inner.map((schema) => ({ oneOf: [schema, { type: 'null' }] })) },
    { weight: 2, arbitrary: annotated(keywordsLeftToAjv(targets, depth - 1)) },
  );
}

/**
 * Keywords that validation hands to Ajv rather than checking itself (see
 * src/validate/schema-strictness.ts), written as Ajv's strict mode wants them:
 * tuples with their length, if/then/else, patternProperties, propertyNames,
 * dependencies, contains, not, and a nullable object.
 */
function keywordsLeftToAjv(targets: RefTargets, depth: number): fc.Arbitrary<JsonObject> {
  const inner = valueSchema(targets, depth);
  const tuple = fc
    .tuple(fc.array(inner, { minLength: 1, maxLength: 3 }), fc.boolean())
    .map(([items, closed]): JsonObject => ({ type: 'array', items, minItems: items.length, ...(closed ? { additionalItems: false } : { maxItems: items.length }) }));
  const conditional = fc.tuple(propertyName, hostileText, inner, inner).map(([name, value, then, otherwise]): JsonObject => ({
    type: 'object',
    properties: { [name]: { type: 'string' } },
    if: { properties: { [name]: { const: value } }, required: [name] },
    then: { properties: { then: then } },
    else: { properties: { else: otherwise } },
  }));
  const patterned = fc.tuple(fc.constantFrom('^x-', '^[a-z]+$', '\\p{Lu}', '^\\$'), inner, fc.boolean()).map(([pattern, schema, closed]): JsonObject => ({
    type: 'object',
    patternProperties: { [pattern]: schema },
    ...(closed ? { additionalProperties: false } : {}),
  }));
  const namesPattern = fc.constantFrom('^[a-z]+$', '^(?!x)', '^.{0,8}$').map((pattern): JsonObject => ({ type: 'object', propertyNames: { pattern } }));
  const dependent = fc.tuple(fc.uniqueArray(propertyName, { minLength: 2, maxLength: 3 }), fc.boolean()).map(([names, asSchema]): JsonObject => ({
    type: 'object',
    properties: Object.fromEntries(names.map((name) => [name, { type: 'string' }])),
    dependencies: { [names[0]!]: asSchema ? { properties: { [names[1]!]: { type: 'string', minLength: 1 } }, required: [names[1]!] } : names.slice(1) },
  }));
  const contains = fc.tuple(inner, fc.option(fc.nat(2), { nil: undefined })).map(([schema, minContains]): JsonObject => ({ type: 'array', contains: schema, ...(minContains ? { minItems: minContains } : {}) }));
  const negated = inner.map((schema): JsonObject => ({ not: schema }));
  const nullableObject = objectSchema(targets, depth).map((schema): JsonObject => ({ ...schema, type: ['object', 'null'] }));
  return fc.oneof(tuple, conditional, patterned, namesPattern, dependent, contains, negated, nullableObject);
}

/** `type: object` with properties, some required, and maybe additionalProperties. */
export function objectSchema(targets: RefTargets, depth: number): fc.Arbitrary<JsonObject> {
  const properties = fc.uniqueArray(fc.tuple(propertyName, valueSchema(targets, depth)), { maxLength: 4, selector: ([name]) => name });
  return annotated(
    fc
      .tuple(
        properties,
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        fc.option(fc.oneof(fc.boolean(), valueSchema(targets, Math.min(depth, 1))), { freq: 3, nil: undefined }),
        fc.option(fc.nat(2), { freq: 5, nil: undefined }),
        combinedBranches(targets, depth),
      )
      .map(([entries, requiredFlags, additionalProperties, minProperties, combined]) => {
        const schema: JsonObject = { type: 'object', ...combined };
        if (entries.length > 0 || requiredFlags[3]) schema.properties = Object.fromEntries(entries);
        const required = entries.filter((_, i) => requiredFlags[i]).map(([name]) => name);
        if (required.length > 0) schema.required = required;
        if (additionalProperties !== undefined) schema.additionalProperties = additionalProperties;
        if (minProperties !== undefined) schema.minProperties = minProperties;
        return schema;
      }),
  );
}

/** Sometimes an allOf/anyOf/oneOf of objects beside an object's own properties (never at depth 0, so it ends). */
function combinedBranches(targets: RefTargets, depth: number): fc.Arbitrary<JsonObject> {
  if (depth <= 0) return fc.constant({});
  const branches = fc.array(objectSchema(targets, depth - 1), { minLength: 1, maxLength: 2 });
  return fc.option(fc.tuple(fc.constantFrom('allOf', 'anyOf', 'oneOf'), branches), { freq: 4, nil: undefined }).map((combined) =>
    combined === undefined ? {} : { [combined[0]]: combined[1] },
  );
}

/**
 * The schema of an input, output, payload, state or configuration: an object
 * (maybe with local definitions the properties refer to) or a `$ref` to an entity.
 */
export function topLevelSchema(entities: readonly string[], depth = 2): fc.Arbitrary<Json> {
  const withDefinitions = fc
    .uniqueArray(camelName, { minLength: 1, maxLength: 2 })
    .chain((definitions) =>
      fc.tuple(
        fc.tuple(...definitions.map(() => valueSchema({ entities, definitions: [] }, 1))),
        objectSchema({ entities, definitions }, depth),
      ).map(([bodies, schema]) => ({ ...schema, definitions: Object.fromEntries(definitions.map((name, i) => [name, bodies[i] ?? {}])) })),
    );
  const options: fc.Arbitrary<Json>[] = [objectSchema({ entities, definitions: [] }, depth), withDefinitions];
  if (entities.length > 0) options.push(fc.constantFrom(...entities).map((name) => ({ $ref: `#/entities/${name}` })));
  return fc.oneof(...options);
}

/** A map whose keys are names of one kind, distinct even on a case-insensitive disk. */
function namedMap(names: fc.Arbitrary<string>, value: fc.Arbitrary<Json>, maxKeys: number, minKeys = 0): fc.Arbitrary<JsonObject> {
  return fc
    .uniqueArray(names, { minLength: minKeys, maxLength: maxKeys, selector: collisionKey })
    .chain((keys) => fc.tuple(...keys.map(() => value)).map((values) => Object.fromEntries(keys.map((key, i) => [key, values[i] ?? null]))));
}

const metadata = optionalKeys({ title: hostileText, description: hostileText });
const tags = namedMap(camelName, metadata, 3).map((map) => ({ tags: map }));

function withMetadata(body: fc.Arbitrary<JsonObject>, extra: Record<string, fc.Arbitrary<Json>> = {}): fc.Arbitrary<JsonObject> {
  return fc.tuple(optionalKeys({ title: hostileText, description: hostileText, ...extra }), body).map(([meta, rest]) => ({ ...meta, ...rest }));
}

const integrationName = fc.stringMatching(/^([a-z0-9][a-z0-9-]{0,8}\/)?[a-z][a-z0-9-]{0,12}$/);
const semver = fc
  .tuple(fc.nat(20), fc.nat(20), fc.nat(20), fc.option(fc.constantFrom('-beta.1', '-rc.0', '-alpha', '+build.5', '-0.3.7+exp.sha.5114f85'), { nil: undefined }))
  .map(([major, minor, patch, suffix]) => `${major}.${minor}.${patch}${suffix ?? ''}`);

/** A VRL script written inline (a value ending in `.vrl` would name a file). */
const inlineScript = hostileText.map((text) => `.id = ${JSON.stringify(text)} # x`);

/** Sections of the manifest that refer to entities, given the entity names. */
function sections(entities: readonly string[]): fc.Arbitrary<JsonObject> {
  const schema = topLevelSchema(entities);
  return optionalKeys({
    configuration: fc
      .tuple(objectSchema(NO_TARGETS, 2), optionalKeys({ required: fc.boolean(), linkTemplateScript: inlineScript }))
      .map(([configSchema, identifier]): JsonObject => (Object.keys(identifier).length > 0 ? { schema: configSchema, identifier } : { schema: configSchema })),
    configurations: namedMap(camelName, withMetadata(objectSchema(NO_TARGETS, 1).map((s) => ({ schema: s }))), 3),
    actions: namedMap(
      camelName,
      withMetadata(fc.tuple(schema, schema).map(([input, output]) => ({ input: { schema: input }, output: { schema: output } })), {
        billable: fc.boolean(),
        cacheable: fc.boolean(),
        attributes: fc.dictionary(fc.string({ maxLength: 6 }), hostileText, { maxKeys: 2 }),
      }),
      4,
    ),
    events: namedMap(camelName, withMetadata(schema.map((s) => ({ schema: s }))), 3),
    channels: namedMap(
      camelName,
      withMetadata(
        fc
          .tuple(namedMap(camelName, schema.map((s) => ({ schema: s })), 3, 1), fc.option(tags, { nil: undefined }), fc.option(tags, { nil: undefined }))
          .map(([messages, conversation, message]) => ({ messages, ...(conversation ? { conversation } : {}), ...(message ? { message } : {}) })),
      ),
      3,
    ),
    states: namedMap(
      camelName,
      fc.tuple(fc.constantFrom('integration', 'conversation', 'user'), schema).map(([type, s]) => ({ type, schema: s })),
      3,
    ),
    user: tags,
    secrets: namedMap(screamingSnakeName, optionalKeys({ description: hostileText, optional: fc.boolean() }), 3),
    attributes: fc.dictionary(fc.string({ maxLength: 8 }), hostileText, { maxKeys: 3 }),
    identifier: optionalKeys({ extractScript: inlineScript, fallbackHandlerScript: inlineScript }),
  });
}

/**
 * Entities whose schemas refer to each other and to themselves, always from
 * inside a property or an item (a `$ref` alone at the top would be a cycle).
 */
function entitiesOf(names: readonly string[]): fc.Arbitrary<JsonObject> {
  return fc
    .tuple(...names.map(() => withMetadata(objectSchema({ entities: names, definitions: [] }, 2).map((s) => ({ schema: s })))))
    .map((bodies) => Object.fromEntries(names.map((name, i) => [name, bodies[i] ?? null])));
}

/** A recursive entity: a tree node whose children are nodes (through an array) and whose parent is optional. */
const recursiveEntity = (name: string): JsonObject => ({
  description: 'A tree node */ with `children` ${of} the same type',
  schema: {
    type: 'object',
    properties: {
      label: { type: 'string' },
      children: { type: 'array', items: { $ref: `#/entities/${name}` } },
      parent: { $ref: `#/entities/${name}` },
    },
    required: ['label', 'children'],
    additionalProperties: false,
  },
});

/** A valid integration manifest as a plain value. */
export const integrationManifest: fc.Arbitrary<JsonObject> = fc
  .tuple(fc.uniqueArray(camelName, { maxLength: 3, selector: collisionKey }), fc.boolean())
  .chain(([entityNames, addTree]) => {
    const treeName = addTree && !entityNames.some((n) => collisionKey(n) === 'treenode') ? 'treeNode' : undefined;
    const allEntities = treeName ? [...entityNames, treeName] : entityNames;
    return fc
      .tuple(
        integrationName,
        semver,
        optionalKeys({ title: hostileText, description: hostileText, kind: fc.constant('integration') }),
        entitiesOf(entityNames),
        sections(allEntities),
      )
      .map(([name, version, meta, entities, rest]) => {
        const manifest: JsonObject = { name, version, ...meta, ...rest };
        const allEntityDefinitions = treeName ? { ...entities, [treeName]: recursiveEntity(treeName) } : entities;
        if (allEntities.length > 0) manifest.entities = allEntityDefinitions;
        return manifest;
      });
  });
