import { fixOf, type Fix } from '../diagnostics/diagnostic.js';
import { closestMatch } from '../diagnostics/did-you-mean.js';
import { appendToList, insertEntry, mergeEdits, quoteValue, removeEntry, renameKey, replaceValue, valueSource } from '../fix/source-edits.js';
import type { LoadedManifest } from '../load/load-manifest.js';
import type { PathSegment } from '../load/source-file.js';
import { isPlainObject, keysOf, propertyOf } from '../model/values.js';
import { ENTITY_REF_PREFIX, valueAtPath } from './json-pointer.js';
import { declaredTypes } from './schema-strictness.js';
import { YAML11_BOOLEAN, yaml11BooleanValue } from './zod-spellings.js';

/**
 * What to write instead, for the problems found inside embedded schemas
 * after the meta-schema: references that do not resolve, regular
 * expressions that are not valid in unicode mode, values that do not fit the
 * schema's type, and Ajv's strict-mode rules (a keyword on a schema of
 * another type). Paths are manifest paths.
 */

const code = (text: string) => `\`${text}\``;

/** A `$ref` that names an entity the wrong way (`#/definitions/user`, `#/entities/usr`), or a definition that is not there. */
export function refFix(manifest: LoadedManifest, at: readonly PathSegment[], ref: string, entityNames: readonly string[], schema: unknown): Fix | undefined {
  const name = decodeURIComponent(ref.replace(/\.json$/, '').split('/').pop() ?? '');
  const isEntityRef = ref.startsWith(ENTITY_REF_PREFIX);
  const meant = entityNames.includes(name) ? name : closestMatch(name, entityNames);
  if (meant !== undefined && (!isEntityRef || meant !== name)) {
    const target = `${ENTITY_REF_PREFIX}${encodeURIComponent(meant)}`;
    const why = isEntityRef ? '' : ` (entities are referred to as ${code('#/entities/<name>')}, from any schema of the manifest)`;
    return fixOf(`Write ${code(`$ref: '${target}'`)}${why}.`, replaceValue(manifest.file, at, target));
  }
  if (!isEntityRef && /^#\/(definitions|\$defs)\//.test(ref)) {
    const section = ref.split('/')[1]!;
    const local = keysOf(propertyOf(schema, section));
    const local2 = closestMatch(name, local);
    if (local2) return fixOf(`Write ${code(`$ref: '#/${section}/${local2}'`)}.`, replaceValue(manifest.file, at, `#/${section}/${local2}`));
    return fixOf(
      `Declare the schema under ${code(`${section}:`)} at the top of this schema, or, to share it between schemas, as an entity under the top-level ${code('entities:')} and refer to it with ${code(`'#/entities/${name}'`)}.`,
    );
  }
  if (isEntityRef) {
    return fixOf(
      entityNames.length > 0
        ? `Use one of the entities: ${entityNames.join(', ')}; or declare '${name}' under the top-level ${code('entities:')}.`
        : `Declare '${name}' under the top-level ${code('entities:')} (with its ${code('schema:')}).`,
    );
  }
  return undefined;
}

/** A reference to another file or a URL: entities are how schemas are shared. */
export function unsupportedRefFix(manifest: LoadedManifest, at: readonly PathSegment[], ref: string, entityNames: readonly string[]): Fix {
  const name = (ref.split(/[/#]/).filter(Boolean).pop() ?? '').replace(/(\.schema)?\.(json|ya?ml)$/i, '');
  const meant = entityNames.includes(name) ? name : closestMatch(name, entityNames);
  if (meant !== undefined) return fixOf(`Write ${code(`$ref: '#/entities/${meant}'`)}.`, replaceValue(manifest.file, at, `#/entities/${meant}`));
  return fixOf(`Copy the schema under the top-level ${code('entities:')} and refer to it with ${code(`'#/entities/${name || '<name>'}'`)}.`);
}

/** Characters that may be escaped anywhere in a unicode-mode pattern (SyntaxCharacter and `/`). */
const ESCAPABLE = new Set([...'^$\\.*+?()[]{}|/']);

/**
 * A pattern that is valid in JavaScript's legacy mode but not in unicode
 * mode (Ajv compiles patterns with the `u` flag): `\-` outside a class, `\_`,
 * `\@`… escape characters that need no escape. The fix drops those
 * backslashes; PCRE's `\A` and `\Z` become `^` and `$`.
 */
export function regexFix(manifest: LoadedManifest, at: readonly PathSegment[], pattern: string, part: 'key' | 'value'): Fix | undefined {
  if (/^\(\?[imsx]+\)/.test(pattern)) {
    return fixOf('Remove the inline flags `(?i)`: JSON Schema patterns have no flags; write both cases, as in `[Aa]`.');
  }
  const fixed = unnecessaryEscapesRemoved(pattern);
  if (fixed === pattern || !isValidUnicodePattern(fixed)) return undefined;
  const file = manifest.file;
  const edit = part === 'value' ? replaceValue(file, at, fixed) : renameKey(file, at, fixed);
  return fixOf(
    `Write ${code(fixed)}: patterns are compiled in unicode mode (as Ajv does), where only characters with a special meaning may be escaped (${code('\\-')} only inside ${code('[...]')}).`,
    edit,
  );
}

function unnecessaryEscapesRemoved(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '\\' && i + 1 < pattern.length) {
      const next = pattern[i + 1]!;
      i++;
      if (next === 'A' && out === '') out += '^';
      else if ((next === 'Z' || next === 'z') && i === pattern.length - 1) out += '$';
      else if (/[A-Za-z0-9]/.test(next) || ESCAPABLE.has(next) || (inClass && next === '-')) out += `\\${next}`;
      else out += next;
      continue;
    }
    if (char === '[' && !inClass) inClass = true;
    else if (char === ']' && inClass) inClass = false;
    out += char;
  }
  return out;
}

function isValidUnicodePattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** `default: yes` on a boolean, `default: 01234` on a string: the value YAML should have read. */
export function valueTypeFix(manifest: LoadedManifest, at: readonly PathSegment[], value: unknown, types: readonly string[]): Fix {
  const file = manifest.file;
  if (types.includes('boolean') && typeof value === 'string' && YAML11_BOOLEAN.test(value)) {
    const flag = yaml11BooleanValue(value);
    return fixOf(`Write ${code(String(flag))} without quotes: '${value}' is text, not a boolean.`, replaceValue(file, at, flag));
  }
  if (types.includes('string') && (typeof value === 'number' || typeof value === 'boolean')) {
    const edit = quoteValue(file, at);
    return fixOf(`Put it in quotes${edit ? `: ${code(edit.replacement)}` : ''} (YAML reads it as a ${typeof value}).`, edit ?? replaceValue(file, at, String(value)));
  }
  if ((types.includes('number') || types.includes('integer')) && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) {
    return fixOf(`Remove the quotes: ${code(value)} is a number here.`, replaceValue(file, at, Number(value)));
  }
  return fixOf(`Write a value of type ${types.join(' or ')}, or change the schema's ${code('type')}.`);
}

/**
 * Ajv's strict-mode message in intc's words: what applies to what, and
 * what this schema says (`missing type "array" for keyword "items"` reads
 * as if `type: array` were the fix, which it seldom is).
 */
export function describeStrictnessProblem(manifest: LoadedManifest, at: readonly PathSegment[], message: string): string {
  const missingType = /missing type "(.+)" for keyword "([^"]+)"/.exec(message);
  if (missingType) {
    const types = declaredTypes(propertyOf(valueAtPath(manifest.value, at.slice(0, -1)), 'type'));
    const needed = missingType[1]!.split('" or "').join(' and ');
    const keyword = missingType[2]!;
    return types.length === 0
      ? `\`${keyword}\` applies to ${needed} values, and this schema has no \`type\``
      : `\`${keyword}\` applies to ${needed} values, but this schema is \`type: ${types.join(', ')}\``;
  }
  const undefinedRequired = /required property "(.+)" is not defined in "properties"/.exec(message);
  if (undefinedRequired) return `\`required\` lists '${undefinedRequired[1]}', which is not under \`properties\``;
  const context = /type "(.+)" not allowed by context "(.+)"/.exec(message);
  if (context) return `type '${context[1]}' is not one the enclosing schema allows (${context[2]!.split(',').join(', ')})`;
  return message;
}

/** Which keyword says the same thing for another type (`minLength` on a number is `minimum`). */
const SAME_FOR_TYPE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  min: { string: 'minLength', number: 'minimum', integer: 'minimum', array: 'minItems', object: 'minProperties' },
  max: { string: 'maxLength', number: 'maximum', integer: 'maximum', array: 'maxItems', object: 'maxProperties' },
};
const FAMILY: Readonly<Record<string, string>> = {
  minLength: 'min',
  minimum: 'min',
  minItems: 'min',
  minProperties: 'min',
  maxLength: 'max',
  maximum: 'max',
  maxItems: 'max',
  maxProperties: 'max',
};
const OBJECT_KEYWORDS = new Set(['properties', 'required', 'additionalProperties', 'minProperties', 'maxProperties']);

/**
 * A strict-mode problem (Ajv's message) at `at` (the keyword, or a
 * `required` item) inside an embedded schema.
 */
export function strictnessFix(manifest: LoadedManifest, at: readonly PathSegment[], message: string): Fix | undefined {
  const missingType = /missing type "(.+)" for keyword "([^"]+)"/.exec(message);
  if (missingType) return keywordTypeFix(manifest, at, missingType[1]!.split('" or "'), missingType[2]!);
  const undefinedRequired = /required property "(.+)" is not defined in "properties"/.exec(message);
  if (undefinedRequired) {
    const name = undefinedRequired[1]!;
    const objectPath = at.at(-2) === 'required' ? at.slice(0, -2) : at.slice(0, -1);
    const object = valueAtPath(manifest.value, objectPath);
    const listed = propertyOf(object, 'required');
    const properties = keysOf(propertyOf(object, 'properties')).filter((property) => !(Array.isArray(listed) && listed.includes(property)));
    const meant = closestMatch(name, properties);
    if (meant) return fixOf(`Write '${meant}'.`, replaceValue(manifest.file, at, meant));
    return fixOf(`Add '${name}' under ${code('properties:')}, or remove it from ${code('required')}.`);
  }
  const context = /type "(.+)" not allowed by context "(.+)"/.exec(message);
  if (context) return fixOf(`Use a type the enclosing schema allows (${context[2]!.split(',').join(', ')}), or change that schema's ${code('type')}.`);
  return undefined;
}

function keywordTypeFix(manifest: LoadedManifest, at: readonly PathSegment[], needed: readonly string[], keyword: string): Fix | undefined {
  const file = manifest.file;
  const nodePath = at.slice(0, -1);
  const node = valueAtPath(manifest.value, nodePath);
  const types = declaredTypes(propertyOf(node, 'type'));
  if (types.length === 0) {
    const type = needed.includes('string') ? 'string' : needed[0]!;
    return fixOf(`Add ${code(`type: ${type}`)} to this schema: ${code(keyword)} applies to ${needed.join(' and ')} values only.`, insertEntry(file, nodePath, 'type', type, 'first'));
  }
  const type = types[0]!;
  const family = FAMILY[keyword];
  const same = family ? SAME_FOR_TYPE[family]![type] : undefined;
  if (same && propertyOf(node, same) === undefined) {
    return fixOf(`Write ${code(same)}: ${code(keyword)} is for ${needed.join(' and ')} values, and this schema is ${article(type)} ${type}.`, renameKey(file, at, same));
  }
  if (keyword === 'items' && type === 'object') {
    const hasProperties = isPlainObject(propertyOf(node, 'properties'));
    const record = `for an object whose values all follow one schema, write ${code('additionalProperties:')} instead of ${code('items:')}`;
    const list = `for a list of such values, write ${code('type: array')}`;
    return fixOf(`${capitalizeFirst(hasProperties ? `${record} (this object has properties, so it is no list)` : `${record}; ${list}`)}.`);
  }
  const property = nodePath.at(-2) === 'properties' ? nodePath.at(-1) : undefined;
  if (keyword === 'required' && typeof property === 'string' && type !== 'object') {
    return movedRequiredFix(manifest, nodePath, property);
  }
  if (OBJECT_KEYWORDS.has(keyword) && type === 'array') {
    return fixOf(`Move ${code(keyword)} into ${code('items:')} (the schema of each element): ${code(keyword)} applies to objects, and this schema is an array.`);
  }
  return fixOf(`Remove ${code(keyword)}, or change ${code(`type: ${type}`)}: ${code(keyword)} applies to ${needed.join(' and ')} values only.`);
}

/**
 * `required: [chatId]` inside the property `chatId` (a string): the list
 * belongs to the object that holds the property. The names move there.
 */
function movedRequiredFix(manifest: LoadedManifest, propertyPath: readonly PathSegment[], property: string): Fix {
  const file = manifest.file;
  const objectPath = propertyPath.slice(0, -2);
  const names = valueAtPath(manifest.value, [...propertyPath, 'required']);
  const moved = Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : [];
  const existing = valueAtPath(manifest.value, [...objectPath, 'required']);
  const missing = moved.filter((name) => !(Array.isArray(existing) && existing.includes(name)));
  const list = [...(Array.isArray(existing) ? existing : []), ...missing];
  const add = missing.length === 0
    ? []
    : Array.isArray(existing)
      ? missing.map((name) => appendToList(file, [...objectPath, 'required'], name))
      : [insertEntry(file, objectPath, 'required', missing, { after: 'properties' })];
  const edit = add.length <= 1 ? mergeEdits(file, [removeEntry(file, [...propertyPath, 'required']), ...add]) : undefined;
  return fixOf(
    `Move it to the object that holds '${property}', beside \`properties:\`: ${code(`required: ${valueSource(file, list)}`)} (\`required\` lists the names an object must have).`,
    edit,
  );
}

/** Botpress's configurations, inputs, outputs, payloads, states and entities are objects. */
export function topLevelObjectFix(manifest: LoadedManifest, at: readonly PathSegment[], schema: unknown): Fix {
  if (isPlainObject(schema) && schema.type === undefined) {
    return fixOf('Add `type: object` at the top of the schema.', insertEntry(manifest.file, at, 'type', 'object', 'first'));
  }
  const type = declaredTypes(propertyOf(schema, 'type')).join(', ') || 'another type';
  return fixOf(`Wrap it in an object: ${code(`{ type: object, properties: { value: <this ${type} schema> } }`)}; Botpress passes objects here.`);
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

function capitalizeFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
