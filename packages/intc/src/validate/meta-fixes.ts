import { fixOf, type Fix, type TextEdit } from '../diagnostics/diagnostic.js';
import { closestMatch } from '../diagnostics/did-you-mean.js';
import {
  appendToList,
  insertEntry,
  mergeEdits,
  quoteValue,
  removeEntry,
  removeLevel,
  removeListItem,
  renameKey,
  replaceKeySource,
  replaceValue,
  replaceValueSource,
  valueSource,
} from '../fix/source-edits.js';
import type { LoadedManifest } from '../load/load-manifest.js';
import type { PathSegment, SourceFile } from '../load/source-file.js';
import { metaSchemaDefinition, metaSchemaNodeAt } from '../meta/meta-validators.js';
import { isPlainObject, keysOf, propertyOf, stringPropertyOf } from '../model/values.js';
import { valueAtPath } from './json-pointer.js';
import { declaredTypes } from './schema-strictness.js';
import {
  INTEGER_FLAGS,
  JSON_TYPES,
  keywordSpelling,
  schemaForSpelling,
  splitList,
  typeSpelling,
  YAML11_BOOLEAN,
  yaml11BooleanValue,
  ZUI_HINTS,
  type TypeSpelling,
} from './zod-spellings.js';

/**
 * What to write instead, for each kind of meta-schema error: a sentence in
 * intc's words and, when the fix is mechanical, the edit. Each function gets
 * the manifest, the path of the value at fault and what Ajv said; it returns
 * undefined when it knows nothing better than the message.
 */

/** The meta-schema definition of an embedded JSON Schema object (same name in every meta-schema). */
export const EMBEDDED_SCHEMA_DEFINITION = 'jsonSchemaObject';

/** Is the value at `path` an embedded JSON Schema object? */
export function isSchemaPosition(manifest: LoadedManifest, path: readonly PathSegment[]): boolean {
  const node = metaSchemaNodeAt(manifest.kind, path);
  return node !== undefined && node === metaSchemaDefinition(manifest.kind, EMBEDDED_SCHEMA_DEFINITION);
}

/** The keys the meta-schema allows at a node (hint entries, which only carry editor help, left out). */
export function allowedKeys(node: unknown): string[] {
  const properties = propertyOf(node, 'properties');
  return keysOf(properties).filter((key) => propertyOf(propertyOf(properties, key), 'deprecationMessage') === undefined);
}

const code = (text: string) => `\`${text}\``;

// ---------------------------------------------------------------------------
// Unknown keys

/** Keys that belong one level down, in the schema a holder wraps, or on the member that owns the holder. */
const HOLDER_KEYS = new Set(['input', 'output']);

/** A key the meta-schema does not allow at `objectPath`. */
export function unknownKeyFix(manifest: LoadedManifest, objectPath: readonly PathSegment[], name: string): Fix | undefined {
  const file = manifest.file;
  const at = [...objectPath, name];
  const node = metaSchemaNodeAt(manifest.kind, objectPath);
  const allowed = allowedKeys(node);
  const value = valueAtPath(manifest.value, at);
  const inSchema = isSchemaPosition(manifest, objectPath);
  const glued = /^([^:\s]+):(\S.*)$/.exec(name);
  if (glued && allowed.includes(glued[1]!) && value === null) {
    return fixOf(
      `Put a space after the colon: ${code(`${glued[1]}: ${glued[2]}`)} (without it, YAML reads ${code(name)} as one key).`,
      replaceKeySource(file, at, `${glued[1]}: ${glued[2]}`),
    );
  }
  if (name === '<<') return fixOf('Write the entries out: YAML merge keys (`<<: *anchor`) are not supported.');
  if (inSchema) {
    const schemaFix = schemaKeywordFix(manifest, objectPath, name, value);
    if (schemaFix) return schemaFix;
  }
  const suggestion = closestMatch(name, allowed);
  if (suggestion && propertyOf(valueAtPath(manifest.value, objectPath), suggestion) === undefined) {
    return fixOf(`Write ${code(suggestion)}.`, renameKey(file, at, suggestion));
  }
  const misplaced = misplacedKeyFix(manifest, objectPath, name, value);
  if (misplaced) return misplaced;
  if (inSchema) {
    return fixOf(`Remove it: only standard draft-07 keywords are allowed, such as ${code('type')}, ${code('properties')}, ${code('required')}, ${code('items')}, ${code('enum')}, ${code('description')}.`);
  }
  return allowed.length > 0 ? fixOf(`Remove it, or use one of the keys allowed here: ${allowed.map(code).join(', ')}.`) : undefined;
}

/**
 * A key that is valid one level down or up: `additionalProperties` on an
 * action's `input` (a keyword of its schema), `billable` on `input` (a
 * property of the action), a schema keyword beside `schema:`.
 */
function misplacedKeyFix(manifest: LoadedManifest, objectPath: readonly PathSegment[], name: string, value: unknown): Fix | undefined {
  const object = valueAtPath(manifest.value, objectPath);
  const schemaKeywords = allowedKeys(metaSchemaDefinition(manifest.kind, EMBEDDED_SCHEMA_DEFINITION));
  const schema = propertyOf(object, 'schema');
  if (isPlainObject(schema) && schemaKeywords.includes(name)) {
    const file = manifest.file;
    const inline = value === null || typeof value !== 'object';
    const edit = inline && propertyOf(schema, name) === undefined ? mergeEdits(file, [removeEntry(file, [...objectPath, name]), insertEntry(file, [...objectPath, 'schema'], name, value, 'last')]) : undefined;
    return fixOf(`Move ${code(name)} into the schema, under ${code('schema:')}: it is a JSON Schema keyword, and ${code(String(objectPath.at(-1)))} only holds the schema.`, edit);
  }
  const parentPath = objectPath.slice(0, -1);
  const last = objectPath.at(-1);
  if (typeof last === 'string' && HOLDER_KEYS.has(last) && allowedKeys(metaSchemaNodeAt(manifest.kind, parentPath)).includes(name)) {
    return fixOf(`Move ${code(name)} up one level, beside ${code(`${last}:`)}: it is a property of the ${describeMember(parentPath)}.`);
  }
  if (isPlainObject(value) && schemaKeywords.includes(name) && allowedKeys(metaSchemaNodeAt(manifest.kind, objectPath)).includes('schema')) {
    return fixOf(`Move ${code(name)} under ${code('schema:')}: it is a JSON Schema keyword.`);
  }
  return undefined;
}

function describeMember(path: readonly PathSegment[]): string {
  const section = String(path[0] ?? '');
  const kind = section === 'actions' ? 'action' : section === 'events' ? 'event' : section === 'channels' ? 'channel' : 'entry';
  return path.length >= 2 ? `${kind} '${String(path[1])}'` : kind;
}

/** A zod (or OpenAPI, or form-library) keyword inside an embedded schema. */
function schemaKeywordFix(manifest: LoadedManifest, schemaPath: readonly PathSegment[], name: string, written: unknown): Fix | undefined {
  const file = manifest.file;
  const schema = valueAtPath(manifest.value, schemaPath);
  const at = [...schemaPath, name];
  const types = declaredTypes(propertyOf(schema, 'type'));
  if (name === 'optional' || name === 'nullish') return optionalFix(manifest, schemaPath, name, written);
  if (name === 'nullable') return nullableFix(file, schemaPath, schema, written);
  if (name === 'schema' || name === 'jsonSchema') {
    if (isPlainObject(written) && keysOf(schema).length === 1) {
      return fixOf(`Remove the extra ${code(`${name}:`)} level: its entries are the schema itself.`, removeLevel(file, at));
    }
  }
  if (INTEGER_FLAGS.has(name) && written === true) {
    const edit = types.length > 0 ? mergeEdits(file, [removeEntry(file, at), replaceValue(file, [...schemaPath, 'type'], 'integer')]) : replacePair(file, at, 'type', 'integer');
    return fixOf(`Write ${code('type: integer')}: JSON Schema's spelling of zod's .int().`, edit);
  }
  if (ZUI_HINTS.has(name)) return zuiHintFix(manifest, schemaPath, name, written);
  const spelling = keywordSpelling(name);
  if (!spelling) return undefined;
  const keyword = spelling.keyword ?? types.map((type) => spelling.byType?.[type]).find((k) => k !== undefined);
  if (keyword === undefined) {
    const byKeyword = new Map<string, string>();
    for (const [type, k] of Object.entries(spelling.byType ?? {})) if (!byKeyword.has(k) && type !== 'integer') byKeyword.set(k, `${code(k)} for ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`);
    const choices = [...byKeyword.values()];
    const listed = choices.length > 1 ? `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}` : choices.join('');
    return fixOf(`Write ${listed} (JSON Schema's spellings of ${spelling.origin}), and give the schema its ${code('type')}.`);
  }
  if (spelling.flag && written !== true) {
    return fixOf(`Remove it: ${spelling.origin} applies only when set; to require it write ${code(`${keyword}: ${valueSource(file, spelling.value?.(true) ?? true)}`)}.`);
  }
  if (propertyOf(schema, keyword) !== undefined) {
    return fixOf(`Remove it: ${spelling.origin} is ${code(keyword)} in JSON Schema, and this schema already has one.`, removeEntry(file, at));
  }
  const value = spelling.value ? spelling.value(written) : written;
  const shown = isPlainObject(value) || Array.isArray(value) ? code(`${keyword}:`) : code(`${keyword}: ${valueSource(file, value)}`);
  const edit = spelling.value ? replacePair(file, at, keyword, value) : renameKey(file, at, keyword);
  return fixOf(`Write ${shown}: JSON Schema's spelling of ${spelling.origin}.`, edit);
}

/**
 * Botpress's `.secret()`, `.placeholder()`… are UI hints, written in its
 * `x-zui` extension: a new `x-zui: { hint }` in place of the key, or the hint
 * moved into the `x-zui` the schema has. `secret` also names JSON Schema's
 * `writeOnly: true`, which marks a value secret as well (README, "Secret-marked fields").
 */
function zuiHintFix(manifest: LoadedManifest, schemaPath: readonly PathSegment[], name: string, written: unknown): Fix {
  const file = manifest.file;
  const at = [...schemaPath, name];
  const zuiPath = [...schemaPath, 'x-zui'];
  const zui = valueAtPath(manifest.value, zuiPath);
  const why = `Botpress keeps zod's .${name}() among its UI hints, in \`x-zui\`${name === 'secret' ? ` (JSON Schema's ${code('writeOnly: true')} marks a value secret too)` : ''}.`;
  if (zui === undefined) {
    const hint = { [name]: written };
    return fixOf(`Write ${code(`x-zui: ${valueSource(file, hint)}`)}: ${why}`, replacePair(file, at, 'x-zui', hint));
  }
  if (!isPlainObject(zui)) return fixOf(`Put ${code(`${name}: ${valueSource(file, written)}`)} into this schema's \`x-zui\` mapping: ${why}`);
  if (name in zui) {
    const same = JSON.stringify(zui[name]) === JSON.stringify(written);
    return same
      ? fixOf(`Remove it: this schema's \`x-zui\` already has ${code(`${name}: ${valueSource(file, written)}`)}.`, removeEntry(file, at))
      : fixOf(`Remove it, and set ${code(name)} in this schema's \`x-zui\` (now ${code(`${name}: ${valueSource(file, zui[name])}`)}) to the value you mean: ${why}`);
  }
  const merged = { ...zui, [name]: written };
  return fixOf(`Move it into this schema's \`x-zui\`: ${code(`x-zui: ${valueSource(file, merged)}`)}. ${why}`, mergeEdits(file, [removeEntry(file, at), insertEntry(file, zuiPath, name, written)]));
}

/** `name: written` → `keyword: value` (one edit over the key and the value). */
function replacePair(file: SourceFile, at: readonly PathSegment[], keyword: string, value: unknown): TextEdit | undefined {
  return mergeEdits(file, [renameKey(file, at, keyword), replaceValue(file, at, value)]);
}

/** zod's `.optional()`: in JSON Schema a property is optional unless its object lists it in `required`. */
function optionalFix(manifest: LoadedManifest, schemaPath: readonly PathSegment[], name: string, written: unknown): Fix {
  const file = manifest.file;
  const property = propertyName(schemaPath);
  const at = [...schemaPath, name];
  if (property === undefined) return fixOf('Remove it: in JSON Schema a property is optional unless its object lists it in `required`.');
  const objectPath = schemaPath.slice(0, -2);
  if (written === false) return requiredFix(manifest, objectPath, property, at, 'Remove it and list');
  const required = valueAtPath(manifest.value, [...objectPath, 'required']);
  const index = Array.isArray(required) ? required.indexOf(property) : -1;
  if (index >= 0) {
    const edit = mergeEdits(file, [removeEntry(file, at), removeListItem(file, [...objectPath, 'required'], index)]);
    return fixOf(`Remove it, and remove '${property}' from the object's ${code('required')} list: a property is optional when its object does not list it there.`, edit);
  }
  return fixOf(`Remove it: in JSON Schema '${property}' is optional already, since its object does not list it in ${code('required')}.`, removeEntry(file, at));
}

/** OpenAPI's `nullable: true` → `type: [T, 'null']`. */
function nullableFix(file: SourceFile, schemaPath: readonly PathSegment[], schema: unknown, written: unknown): Fix {
  const at = [...schemaPath, 'nullable'];
  const types = declaredTypes(propertyOf(schema, 'type'));
  if (written !== true) return fixOf('Remove it: JSON Schema has no `nullable`, and a schema does not allow null unless its type lists it.', removeEntry(file, at));
  if (types.length === 0) return fixOf("Add 'null' to the schema's type instead, as in `type: [string, 'null']` (JSON Schema has no `nullable`; that is OpenAPI).");
  const list = [...types.filter((t) => t !== 'null'), 'null'];
  const edit = mergeEdits(file, [removeEntry(file, at), replaceValue(file, [...schemaPath, 'type'], list)]);
  return fixOf(`Write ${code(`type: ${valueSource(file, list)}`)} instead (JSON Schema has no \`nullable\`; that is OpenAPI).`, edit);
}

/** The property name when `schemaPath` is `…/properties/<name>`. */
function propertyName(schemaPath: readonly PathSegment[]): string | undefined {
  return schemaPath.at(-2) === 'properties' && typeof schemaPath.at(-1) === 'string' ? (schemaPath.at(-1) as string) : undefined;
}

/**
 * `required: true` (or `optional: false`) on a property: remove it and list
 * the name in the object's `required`, creating that list if needed.
 */
function requiredFix(manifest: LoadedManifest, objectPath: readonly PathSegment[], property: string, at: readonly PathSegment[], verb: string): Fix {
  const file = manifest.file;
  const required = valueAtPath(manifest.value, [...objectPath, 'required']);
  const listed = Array.isArray(required) && required.includes(property);
  const add = listed
    ? undefined
    : Array.isArray(required)
      ? appendToList(file, [...objectPath, 'required'], property)
      : insertEntry(file, objectPath, 'required', [property], propertyOf(valueAtPath(manifest.value, objectPath), 'properties') !== undefined ? { after: 'properties' } : 'last');
  const edit = listed ? removeEntry(file, at) : mergeEdits(file, [removeEntry(file, at), add]);
  const list = Array.isArray(required) ? [...required.filter((r) => typeof r === 'string'), ...(listed ? [] : [property])] : [property];
  return fixOf(
    `${verb} '${property}' in the object's ${code(`required: ${valueSource(file, list)}`)}: in JSON Schema a property is optional unless the object around it lists it in \`required\`.`,
    edit,
  );
}

// ---------------------------------------------------------------------------
// Missing keys

/** What a missing key holds, said as what to write. */
const MISSING_KEY_TEXT: Readonly<Record<string, string>> = {
  name: 'Add `name:` with the integration\'s name in lowercase letters, digits and hyphens (for example `name: telegram`).',
  version: 'Add `version:` with a semantic version, such as `version: 0.1.0`.',
  schema: 'Add `schema:` with the JSON Schema, at least `schema: { type: object }`.',
  messages: 'Add `messages:` with the channel\'s message types, such as `messages: { text: { schema: { type: object } } }`.',
  tags: 'Add `tags:` with the tags by name, such as `tags: { id: { title: ID } }`.',
  type: 'Add `type:` saying whose data the state holds: `integration`, `conversation` or `user`.',
  from: 'Add `from:` with the path of the interface manifest (for example `from: ../interfaces/llm/interface.yaml`).',
  integration: 'Add `integration:` with the path of the integration manifest or its folder.',
  integrations: 'Add `integrations:` with the integrations the bot installs, by alias.',
};

/** Holders an action must have; an empty object schema is what Botpress writes for "nothing". */
const EMPTY_HOLDERS = new Set(['input', 'output']);

export function missingKeyFix(manifest: LoadedManifest, objectPath: readonly PathSegment[], name: string): Fix | undefined {
  if (EMPTY_HOLDERS.has(name) && objectPath[0] === 'actions' && objectPath.length === 2) {
    const value = { schema: { type: 'object' } };
    return fixOf(`Add ${code(`${name}: ${valueSource(manifest.file, value)}`)} (an action that takes or returns nothing has an empty object schema).`, insertEntry(manifest.file, objectPath, name, value));
  }
  if (Object.hasOwn(MISSING_KEY_TEXT, name)) return fixOf(MISSING_KEY_TEXT[name]!);
  const title = propertyOf(propertyOf(propertyOf(metaSchemaNodeAt(manifest.kind, objectPath), 'properties'), name), 'title');
  return fixOf(`Add ${code(`${name}:`)}${typeof title === 'string' ? ` (${title.toLowerCase()})` : ''}.`);
}

// ---------------------------------------------------------------------------
// Values of the wrong type

/** A value whose type is not among `expected` (Ajv's type names). */
export function typeFix(manifest: LoadedManifest, path: readonly PathSegment[], expected: readonly string[], value: unknown): Fix | undefined {
  const file = manifest.file;
  const isYaml = !file.path.toLowerCase().endsWith('.json');
  const last = path.at(-1);
  const parentPath = path.slice(0, -1);
  if (last === 'required' && typeof value === 'boolean' && isSchemaPosition(manifest, parentPath)) {
    const property = propertyName(parentPath);
    if (property === undefined) return fixOf('Write the names of the required properties as a list, as in `required: [name]`.');
    if (value === false) return fixOf(`Remove it: in JSON Schema '${property}' is optional already, unless its object lists it in ${code('required')}.`, removeEntry(file, path));
    return requiredFix(manifest, parentPath.slice(0, -2), property, path, 'Remove it and list');
  }
  if (expected.includes('boolean') && typeof value === 'string' && YAML11_BOOLEAN.test(value)) {
    const flag = yaml11BooleanValue(value);
    return fixOf(`Write ${code(String(flag))}: YAML 1.2 reads '${value}' as text (only true and false are booleans).`, replaceValue(file, path, flag));
  }
  const misplaced = keywordAmongProperties(manifest, path, value);
  if (misplaced) return misplaced;
  if (typeof value === 'string' && expected.some((type) => type === 'object' || type === 'boolean')) {
    const schemaFix = schemaWrittenAsText(manifest, path, value);
    if (schemaFix) return schemaFix;
  }
  if (expected.includes('string') && (typeof value === 'number' || typeof value === 'boolean')) {
    if (last === 'version' && path.length === 1) return versionFix(file, path);
    const edit = isYaml ? quoteValue(file, path) : replaceValue(file, path, String(value));
    return fixOf(`Put it in quotes${edit ? `: ${code(edit.replacement)}` : ''} (a string is expected here).`, edit);
  }
  if (expected.includes('array') && typeof value === 'string') {
    const list = splitList(value);
    return fixOf(`Write a list: ${code(valueSource(file, list))}.`, replaceValue(file, path, list));
  }
  if (expected.includes('array') && (typeof value === 'number' || typeof value === 'boolean')) {
    return fixOf(`Write a list: ${code(valueSource(file, [value]))}.`, replaceValue(file, path, [value]));
  }
  if (expected.includes('object') && typeof value === 'string') {
    const definitionKey = definitionTextKey(path);
    if (definitionKey) {
      const object = { [definitionKey]: value };
      return fixOf(`Write ${code(valueSource(file, object))}: the entry is an object, and the text is its ${definitionKey}.`, replaceValue(file, path, object));
    }
  }
  if (path.at(-1) === 'properties' && Array.isArray(value) && value.length > 0 && value.every((item) => typeof propertyOf(item, 'name') === 'string')) {
    // A form library's field list: `[{ name: chatId, type: string }]`.
    const example = Object.fromEntries(value.map((item) => [String(propertyOf(item, 'name')), Object.fromEntries(Object.entries(item as object).filter(([key]) => key !== 'name'))]));
    return fixOf(`Write the properties as a mapping by name: ${code(`properties: ${valueSource(manifest.file, example)}`)}.`);
  }
  if (expected.includes('object') && Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    const entry = path.length === 1 && path[0] === 'secrets' ? { description: '…' } : path.at(-1) === 'tags' ? { title: '…' } : undefined;
    if (entry) {
      const example = Object.fromEntries((value as string[]).map((name) => [name, entry]));
      return fixOf(`Write a mapping by name, not a list: ${code(`${String(path.at(-1))}: ${valueSource(manifest.file, example)}`)}.`);
    }
  }
  if ((expected.includes('number') || expected.includes('integer')) && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) {
    return fixOf(`Remove the quotes: ${code(value.trim())} is a number here.`, replaceValueSource(file, path, value.trim()));
  }
  // The meta-schema's own advice for this value (its errorMessage, e.g. x-zui's), before the generic sentence.
  const advice = stringPropertyOf(metaSchemaNodeAt(manifest.kind, path), 'errorMessage');
  return advice === undefined ? genericTypeFix(expected) : fixOf(advice);
}

/** Keywords of an object schema that a slip of indentation puts among its properties, with the values they take. */
const OBJECT_KEYWORD_VALUES: Readonly<Record<string, (value: unknown) => boolean>> = {
  required: (value) => Array.isArray(value) && value.every((name) => typeof name === 'string'),
  type: (value) => value === 'object',
  description: (value) => typeof value === 'string',
  title: (value) => typeof value === 'string',
  minProperties: (value) => typeof value === 'number',
  maxProperties: (value) => typeof value === 'number',
};

/** `properties: { chatId: …, required: [chatId] }`: the keyword is the object's, one level up. */
function keywordAmongProperties(manifest: LoadedManifest, path: readonly PathSegment[], value: unknown): Fix | undefined {
  const name = path.at(-1);
  if (path.at(-2) !== 'properties' || typeof name !== 'string' || !Object.hasOwn(OBJECT_KEYWORD_VALUES, name) || !OBJECT_KEYWORD_VALUES[name]!(value)) return undefined;
  const objectPath = path.slice(0, -2);
  if (!isSchemaPosition(manifest, objectPath)) return undefined;
  const file = manifest.file;
  const taken = propertyOf(valueAtPath(manifest.value, objectPath), name) !== undefined;
  const edit = taken ? undefined : mergeEdits(file, [removeEntry(file, path), insertEntry(file, objectPath, name, value, { after: 'properties' })]);
  return fixOf(`Move ${code(name)} out of ${code('properties:')}, one level up beside it: it is a keyword of the object, not one of its properties.`, edit);
}

function genericTypeFix(expected: readonly string[]): Fix | undefined {
  if (expected.length !== 1) return undefined;
  switch (expected[0]) {
    case 'object':
      return fixOf('Write a mapping: `key: value` entries, indented under the key (or `{ key: value }`).');
    case 'array':
      return fixOf('Write a list: `[a, b]`, or one `- item` per line.');
    case 'string':
      return fixOf("Write text; put it in quotes ('…') when YAML would read it as something else.");
    case 'boolean':
      return fixOf('Write `true` or `false`.');
    default:
      return undefined;
  }
}

/** `secrets: { API_KEY: 'The key' }`, `tags: { chatId: 'Chat ID' }`: the text is the entry's description or title. */
function definitionTextKey(path: readonly PathSegment[]): string | undefined {
  if (path.length === 2 && path[0] === 'secrets') return 'description';
  if (path.at(-2) === 'tags') return 'title';
  return undefined;
}

/** `version: 1.0` (a number): the version it stands for, written in full. */
function versionFix(file: SourceFile, path: readonly PathSegment[]): Fix {
  const written = (quoteValue(file, path)?.replacement ?? '').replace(/^'|'$/g, '');
  const parts = written.split('.').filter((part) => /^\d+$/.test(part)).map((part) => String(Number(part)));
  while (parts.length < 3) parts.push('0');
  const version = parts.slice(0, 3).join('.');
  return fixOf(`Write ${code(`version: ${version}`)}: a version has three parts, MAJOR.MINOR.PATCH.`, replaceValueSource(file, path, version));
}

/** A string where a schema is expected: a type name (`items: string`), or a key with its colon missing (`type string`). */
function schemaWrittenAsText(manifest: LoadedManifest, path: readonly PathSegment[], value: string): Fix | undefined {
  if (!isSchemaPosition(manifest, path)) return undefined;
  const file = manifest.file;
  const keywords = allowedKeys(metaSchemaDefinition(manifest.kind, EMBEDDED_SCHEMA_DEFINITION));
  const spelling = (JSON_TYPES as readonly string[]).includes(value.trim()) ? { type: value.trim() } : typeSpelling(value);
  if (spelling && spelling !== 'any') {
    const schema = schemaForSpelling(spelling);
    return fixOf(`Write a schema: ${code(valueSource(file, schema))} (a type name alone is not a schema).`, replaceValue(file, path, schema));
  }
  const missingColon = /^([A-Za-z$]+)[ \t]+(\S.*)$/.exec(value);
  if (missingColon && keywords.includes(missingColon[1]!)) {
    const line = `${missingColon[1]}: ${missingColon[2]}`;
    return fixOf(`Put a colon after ${code(missingColon[1]!)}: ${code(line)}.`, replaceValueSource(file, path, line));
  }
  const glued = /^([A-Za-z$]+):(\S.*)$/.exec(value);
  if (glued && keywords.includes(glued[1]!)) {
    const line = `${glued[1]}: ${glued[2]}`;
    return fixOf(`Put a space after the colon: ${code(line)} (without it, YAML reads ${code(value)} as one piece of text).`, replaceValueSource(file, path, line));
  }
  return fixOf('Write a schema object, such as `{ type: string }`.');
}

// ---------------------------------------------------------------------------
// Values outside an enum, patterns

export function enumFix(manifest: LoadedManifest, path: readonly PathSegment[], allowed: readonly unknown[], value: unknown): Fix | undefined {
  const file = manifest.file;
  const inType = path.at(-1) === 'type' || path.at(-2) === 'type';
  if (inType && value === null && path.at(-2) === 'type') {
    return fixOf("Write 'null' in quotes: YAML reads a bare null as no value at all.", replaceValueSource(file, path, "'null'"));
  }
  if (path.at(-1) === 'type' && isSchemaPosition(manifest, path.slice(0, -1))) {
    const typed = schemaTypeFix(manifest, path.slice(0, -1), value);
    if (typed) return typed;
  }
  if (path.at(-1) === 'type' && path[0] === 'states' && typeof value === 'string' && (JSON_TYPES as readonly string[]).includes(value)) {
    return fixOf(`Write whose data the state holds: ${allowed.map((v) => code(String(v))).join(', ')}; the schema's own ${code(`type: ${value}`)} goes under ${code('schema:')}.`);
  }
  const strings = allowed.filter((v): v is string => typeof v === 'string');
  const suggestion = typeof value === 'string' ? closestMatch(value, strings) : undefined;
  if (suggestion) return fixOf(`Write ${code(suggestion)}.`, replaceValue(file, path, suggestion));
  return fixOf(`Write one of ${allowed.map((v) => code(String(v))).join(', ')}.`);
}

/** `type: str`, `type: string | number`, `type: email`, `type: string[]`, `type: any` inside a schema. */
function schemaTypeFix(manifest: LoadedManifest, schemaPath: readonly PathSegment[], written: unknown): Fix | undefined {
  const file = manifest.file;
  const spelling = typeSpelling(written);
  const at = [...schemaPath, 'type'];
  if (spelling === 'any') return fixOf('Remove `type`: a schema without `type` accepts any value.', removeEntry(file, at));
  if (!spelling) return undefined;
  const schema = valueAtPath(manifest.value, schemaPath);
  const edits: (TextEdit | undefined)[] = [replaceValue(file, at, spelling.type)];
  const shown = [`type: ${valueSource(file, spelling.type)}`];
  for (const [keyword, extra] of extraKeywords(spelling)) {
    if (propertyOf(schema, keyword) !== undefined) continue;
    edits.push(insertEntry(file, schemaPath, keyword, extra, { after: 'type' }));
    shown.push(`${keyword}: ${valueSource(file, extra)}`);
  }
  const note = spelling.note ? ` (${spelling.note})` : '';
  return fixOf(`Write ${shown.map(code).join(' and ')}${note}.`, mergeEdits(file, edits));
}

function extraKeywords(spelling: TypeSpelling): [string, unknown][] {
  const extras: [string, unknown][] = [];
  if (spelling.format !== undefined) extras.push(['format', spelling.format]);
  if (spelling.items !== undefined) extras.push(['items', { type: spelling.items }]);
  return extras;
}

/** An integration name or a version that fails its pattern, written the way it must be. */
export function patternFix(manifest: LoadedManifest, path: readonly PathSegment[], value: unknown): Fix | undefined {
  if (typeof value !== 'string' || path.length !== 1) return undefined;
  const file = manifest.file;
  if (path[0] === 'version') {
    const version = /^v?(\d+)\.(\d+)(?:\.(\d+))?(.*)$/i.exec(value.trim());
    if (!version) return undefined;
    const fixed = `${Number(version[1])}.${Number(version[2])}.${Number(version[3] ?? 0)}${version[4]}`;
    return fixed !== value ? fixOf(`Write ${code(`version: ${fixed}`)}.`, replaceValue(file, path, fixed)) : undefined;
  }
  if (path[0] === 'name') {
    const fixed = value
      .trim()
      .replace(/^@/, '')
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .toLowerCase()
      .replace(/[^a-z0-9/-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/(^|\/)-|-$/g, '$1');
    return /^([a-z0-9][a-z0-9-]*\/)?[a-z][a-z0-9-]*$/.test(fixed) && fixed !== value ? fixOf(`Write ${code(`name: ${fixed}`)}.`, replaceValue(file, path, fixed)) : undefined;
  }
  return undefined;
}
