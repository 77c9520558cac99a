import type { PathSegment } from '../load/source-file.js';
import { isIgnoredByValidators } from '../model/schema-extensions.js';
import { isPlainObject, keysOf, propertyOf, type PlainObject } from '../model/values.js';
import { refFix, regexFix, unsupportedRefFix, valueTypeFix } from './schema-fixes.js';
import { decodePointer, isLocalRef, safeDecodeUri, valueAtPath } from './json-pointer.js';
import type { RuleContext } from './rule-context.js';
import { declaredTypes } from './schema-strictness.js';
import { keywordsAlong, walkSchema } from './walk-schema.js';

const ENTITY_REF = /^#\/entities\/([^/]+)$/;

/** Ajv and JavaScript objects treat a `__proto__` key as the prototype, not data: it could be neither typed nor validated. */
const PROTO_PROPERTY = "a property named '__proto__' is not supported (JavaScript objects cannot hold it as data, so it could be neither typed nor validated)";

/** Members every object inherits (TypeScript's `Object` interface), with the type an object literal brings for each. */
const INHERITED_MEMBERS: Readonly<Record<string, string>> = {
  constructor: 'constructor: Function',
  toString: 'toString(): string',
  toLocaleString: 'toLocaleString(): string',
  valueOf: 'valueOf(): Object',
  hasOwnProperty: 'hasOwnProperty(v): boolean',
  isPrototypeOf: 'isPrototypeOf(v): boolean',
  propertyIsEnumerable: 'propertyIsEnumerable(v): boolean',
};

/**
 * An optional property named like an inherited member, with a type the
 * member's function type does not fit (`toString?: number`), makes every
 * object literal without it a type error: a warning, since it is valid
 * JSON Schema and validates fine.
 */
function warnInheritedPropertyNames(context: RuleContext, node: PlainObject, at: readonly PathSegment[]): void {
  if (!isPlainObject(node.properties)) return;
  const required = Array.isArray(node.required) ? node.required : [];
  for (const [name, property] of Object.entries(node.properties)) {
    const inherited = Object.hasOwn(INHERITED_MEMBERS, name) ? INHERITED_MEMBERS[name] : undefined;
    if (inherited === undefined || required.includes(name) || !hasNonObjectType(property)) continue;
    context.report('inherited-property-name', { name, inherited }, [...at, 'properties', name], 'key');
  }
}

/** A schema that says its value is not an object (a function member type only fits object-like types). */
function hasNonObjectType(schema: unknown): boolean {
  if (!isPlainObject(schema)) return false;
  const type = schema.type;
  const types = Array.isArray(type) ? type : typeof type === 'string' ? [type] : [];
  return (types.length > 0 && !types.includes('object')) || schema.const !== undefined || Array.isArray(schema.enum);
}

/**
 * Checks inside one embedded schema what its meta-schema cannot: every
 * `$ref` resolves (an entity of this manifest or a local pointer), and every
 * `pattern` / `patternProperties` key is a valid unicode regular expression.
 * Returns false when it reported anything, so the schema is not compiled.
 */
export function checkSchemaStatically(context: RuleContext, schemaPath: readonly PathSegment[], schema: unknown): boolean {
  const entityNames = keysOf((context.manifest.value as PlainObject).entities);
  let clean = true;
  walkSchema(schema, (node, relative) => {
    const at = [...schemaPath, ...relative];
    if ('$ref' in node && typeof node.$ref === 'string') {
      if (!checkRef(context, node.$ref, schema, entityNames, [...at, '$ref'])) clean = false;
      else if (refersOnlyToItself(context, node, schema)) {
        context.report('unresolved-ref', { ref: node.$ref, detail: 'it leads into a loop of $refs that never reaches a schema' }, [...at, '$ref']);
        clean = false;
      }
    }
    if (typeof node.pattern === 'string' && !checkRegex(context, node.pattern, [...at, 'pattern'], 'value')) clean = false;
    if (!checkValuesFitType(context, node, at)) clean = false;
    if (isPlainObject(node.properties) && Object.hasOwn(node.properties, '__proto__')) {
      context.report('invalid-schema', { detail: PROTO_PROPERTY }, [...at, 'properties', '__proto__'], 'key');
      clean = false;
    }
    warnInheritedPropertyNames(context, node, at);
    warnUndeclaredDiscriminator(context, node, at, schema);
    if (isPlainObject(node.patternProperties)) {
      for (const key of Object.keys(node.patternProperties)) {
        if (!checkRegex(context, key, [...at, 'patternProperties', key], 'key')) clean = false;
      }
    }
    if (!checkNamesAreWellFormed(context, node, at)) clean = false;
  });
  return clean;
}

/** Keywords whose keys are names the schema's author chose. */
const NAME_MAP_KEYWORDS = ['properties', 'patternProperties', 'dependencies', 'definitions', '$defs'];
/** A UTF-16 surrogate on its own (from an escape such as `"\ud800"`): no UTF-8 file can hold it. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * A name holding a lone surrogate could be written to no generated file
 * as it is, and Ajv throws on it (it URI-encodes names into schema paths).
 */
function checkNamesAreWellFormed(context: RuleContext, node: PlainObject, at: readonly PathSegment[]): boolean {
  let clean = true;
  for (const keyword of NAME_MAP_KEYWORDS) {
    const map = node[keyword];
    if (!isPlainObject(map)) continue;
    for (const name of Object.keys(map)) {
      if (!LONE_SURROGATE.test(name)) continue;
      const detail = `the name ${JSON.stringify(name)} under '${keyword}' holds a lone surrogate, which is not Unicode text (write the character it stands for, or a \\u escape of a whole surrogate pair)`;
      context.report('invalid-schema', { detail }, [...at, keyword, name], 'key');
      clean = false;
    }
  }
  return clean;
}

function checkRef(context: RuleContext, ref: string, root: unknown, entityNames: string[], at: PathSegment[]): boolean {
  if (hasMalformedPercentEncoding(ref)) {
    context.report('unresolved-ref', { ref, detail: 'its percent-encoding is malformed (write %25 for a literal %)' }, at);
    return false;
  }
  const entity = ENTITY_REF.exec(ref);
  if (entity) {
    const name = safeDecodeUri(entity[1]!);
    if (entityNames.includes(name)) return true;
    const detail = entityNames.length ? `no entity '${name}' is defined under 'entities'` : 'this manifest defines no entities';
    context.report('unresolved-ref', { ref, detail }, at, 'value', refFix(context.manifest, at, ref, entityNames, root));
    return false;
  }
  if (isLocalRef(ref)) {
    const pointer = decodePointer(ref);
    const annotation = keywordsAlong(root, pointer).find(isIgnoredByValidators);
    if (annotation !== undefined) {
      context.report('unresolved-ref', { ref, detail: `it points into '${annotation}', which holds data for other tools, not a schema` }, at);
      return false;
    }
    const target = valueAtPath(root, pointer);
    if (isPlainObject(target) || typeof target === 'boolean') return true;
    const detail = target === undefined ? 'nothing in this schema is at that pointer' : 'it points at a value that is not a schema';
    context.report('unresolved-ref', { ref, detail }, at, 'value', refFix(context.manifest, at, ref, entityNames, root));
    return false;
  }
  context.report('unsupported-ref', { ref }, at, 'value', unsupportedRefFix(context.manifest, at, ref, entityNames));
  return false;
}

const TYPE_TESTS: Readonly<Record<string, (value: unknown) => boolean>> = {
  string: (value) => typeof value === 'string',
  number: (value) => typeof value === 'number',
  integer: (value) => Number.isInteger(value),
  boolean: (value) => typeof value === 'boolean',
  null: (value) => value === null,
  array: (value) => Array.isArray(value),
  object: (value) => isPlainObject(value),
};

/**
 * `default`, `const` and `enum` values of the schema's own `type`: Ajv's
 * strict mode does not check them, and `type: boolean, default: "no"`
 * would give a default that fails its own schema.
 */
function checkValuesFitType(context: RuleContext, node: PlainObject, at: PathSegment[]): boolean {
  const types = declaredTypes(node.type).filter((type) => Object.hasOwn(TYPE_TESTS, type));
  if (types.length === 0) return true;
  const fits = (value: unknown) => types.some((type) => TYPE_TESTS[type]!(value));
  const values: [unknown, PathSegment[]][] = [];
  if ('default' in node) values.push([node.default, [...at, 'default']]);
  if ('const' in node) values.push([node.const, [...at, 'const']]);
  if (Array.isArray(node.enum)) node.enum.forEach((value, index) => values.push([value, [...at, 'enum', index]]));
  let clean = true;
  for (const [value, path] of values) {
    if (fits(value)) continue;
    const keyword = String(path[at.length]);
    const shown = typeof value === 'number' && !Number.isFinite(value) ? String(value) : JSON.stringify(value);
    context.report('invalid-schema', { detail: `${keyword} ${shown} is not of the schema's type (${types.join(' or ')})` }, path, 'value', valueTypeFix(context.manifest, path, value, types));
    clean = false;
  }
  return clean;
}

/** Keywords that say nothing about a value: a node with only these and `$ref` is a pure alias. */
const ANNOTATIONS = new Set(['$ref', 'title', 'description', '$comment', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly']);

/**
 * `a: {$ref: '#/definitions/a'}`, or an entity whose schema is a `$ref` to
 * itself: following the chain of pure aliases comes back to the start.
 * (Recursion through a property is fine: `properties: {next: {$ref: …}}`.)
 */
function refersOnlyToItself(context: RuleContext, start: PlainObject, startRoot: unknown): boolean {
  return aliasChainEnd(context, start, startRoot).looped;
}

/** Where a chain of pure `$ref` aliases ends: the first node that is more than an alias, or a loop. */
function aliasChainEnd(context: RuleContext, start: unknown, startRoot: unknown): { readonly node: unknown; readonly looped: boolean } {
  const seen = new Set<unknown>();
  let node = start;
  let root = startRoot;
  while (isPureAlias(node)) {
    if (seen.has(node)) return { node: undefined, looped: true };
    seen.add(node);
    ({ node, root } = refTarget(context, node.$ref, root));
  }
  return { node, looped: false };
}

/** A node that is only a `$ref` (with annotations beside it). */
function isPureAlias(node: unknown): node is PlainObject & { $ref: string } {
  return isPlainObject(node) && typeof node.$ref === 'string' && Object.keys(node).every((key) => ANNOTATIONS.has(key) || isIgnoredByValidators(key));
}

/** What a `$ref` points at, and the root the target's own local `$ref`s resolve against. */
function refTarget(context: RuleContext, ref: string, root: unknown): { node: unknown; root: unknown } {
  const entity = ENTITY_REF.exec(ref);
  if (!entity) return { node: valueAtPath(root, decodePointer(ref)), root };
  const entityRoot = propertyOf(propertyOf(propertyOf(context.manifest.value, 'entities'), safeDecodeUri(entity[1]!)), 'schema');
  return { node: entityRoot, root: entityRoot };
}

/**
 * OpenAPI's `discriminator` names a property that tells the branches of the
 * `oneOf`/`anyOf` beside it apart, so every branch must require it. A branch
 * (followed through `$ref`s) that does not declare it in its own `properties`
 * and `required` gets a warning; a branch built with allOf/anyOf/oneOf is
 * not looked into.
 */
function warnUndeclaredDiscriminator(context: RuleContext, node: PlainObject, at: readonly PathSegment[], root: unknown): void {
  const name = propertyOf(node.discriminator, 'propertyName');
  if (typeof name !== 'string') return;
  for (const keyword of ['oneOf', 'anyOf']) {
    const branches = node[keyword];
    if (!Array.isArray(branches)) continue;
    branches.forEach((branch, index) => {
      const resolved = aliasChainEnd(context, branch, root).node;
      if (!isPlainObject(resolved) || APPLICATOR_KEYWORDS.some((applicator) => applicator in resolved) || requiresProperty(resolved, name)) return;
      context.report('undeclared-discriminator', { name, keyword, index }, [...at, keyword, index]);
    });
  }
}

const APPLICATOR_KEYWORDS = ['allOf', 'anyOf', 'oneOf', '$ref'];

function requiresProperty(schema: PlainObject, name: string): boolean {
  return isPlainObject(schema.properties) && Object.hasOwn(schema.properties, name) && Array.isArray(schema.required) && schema.required.includes(name);
}

function hasMalformedPercentEncoding(ref: string): boolean {
  try {
    decodeURIComponent(ref);
    return false;
  } catch {
    return true;
  }
}

function checkRegex(context: RuleContext, pattern: string, at: PathSegment[], part: 'key' | 'value'): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: \/.*\/u?: /, '') : String(error);
    context.report('invalid-regex', { pattern, reason }, at, part, regexFix(context.manifest, at, pattern, part));
    return false;
  }
}
