import type { ErrorObject } from 'ajv';
import { describePath } from '../diagnostics/describe-path.js';
import { createDiagnostic, fixOf, type Diagnostic, type Fix } from '../diagnostics/diagnostic.js';
import { closestMatch } from '../diagnostics/did-you-mean.js';
import { insertLevel, removeLevel, renameKey } from '../fix/source-edits.js';
import type { LoadedManifest } from '../load/load-manifest.js';
import { locate, type PathSegment } from '../load/source-file.js';
import { metaSchemaDefinition, metaSchemaNodeAt } from '../meta/meta-validators.js';
import { isPlainObject, keysOf, propertyOf, type PlainObject } from '../model/values.js';
import { decodePointer, toValuePath, valueAtPath } from './json-pointer.js';
import { allowedKeys, EMBEDDED_SCHEMA_DEFINITION } from './meta-fixes.js';
import { isSchemaSlip } from './zod-spellings.js';

/**
 * One mistake, one error. A level left out (`input:` holding the schema's
 * keywords instead of `schema:`; `user:` holding tags instead of `tags:`)
 * or added (`integration:` wrapping the whole manifest) makes Ajv report a
 * missing key and one unknown key per stray entry; a key spelt wrong that is
 * also required (`inputs:`) gives an unknown key and a missing one. Here
 * those are told once, at the level that is missing or extra, with the edit
 * that repairs it; the errors they explain are dropped.
 */
export function collapseStructureSlips(manifest: LoadedManifest, errors: readonly ErrorObject[]): { errors: ErrorObject[]; diagnostics: Diagnostic[] } {
  const byObject = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    if (error.keyword !== 'required' && error.keyword !== 'additionalProperties') continue;
    const list = byObject.get(error.instancePath) ?? [];
    list.push(error);
    byObject.set(error.instancePath, list);
  }
  const dropped = new Set<ErrorObject>();
  const diagnostics: Diagnostic[] = [];
  for (const [pointer, group] of byObject) {
    const path = toValuePath(manifest.value, decodePointer(pointer));
    const missing = group.filter((e) => e.keyword === 'required').map((e) => String((e.params as { missingProperty: unknown }).missingProperty));
    const unknown = group.filter((e) => e.keyword === 'additionalProperties').map((e) => String((e.params as { additionalProperty: unknown }).additionalProperty));
    const errorFor = (keyword: string, name: string) =>
      group.find((e) => e.keyword === keyword && String((e.params as Record<string, unknown>)[keyword === 'required' ? 'missingProperty' : 'additionalProperty']) === name)!;
    const slip = missingLevel(manifest, path, missing, unknown, errors, pointer) ?? renamedSchema(manifest, path, missing, unknown) ?? extraLevel(manifest, path, missing, unknown);
    if (slip) {
      diagnostics.push(slip.diagnostic);
      for (const name of slip.explainsMissing) dropped.add(errorFor('required', name));
      for (const name of slip.explainsUnknown) dropped.add(errorFor('additionalProperties', name));
      for (const error of slip.explainsOther) dropped.add(error);
      continue;
    }
    // `inputs:` for `input:`: the unknown key's fix (a rename) also supplies the missing one.
    const allowed = allowedKeys(metaSchemaNodeAt(manifest.kind, path));
    for (const name of unknown) {
      const meant = closestMatch(name, allowed);
      if (meant !== undefined && missing.includes(meant)) dropped.add(errorFor('required', meant));
    }
  }
  return { errors: errors.filter((error) => !dropped.has(error)), diagnostics };
}

interface Slip {
  readonly diagnostic: Diagnostic;
  readonly explainsMissing: readonly string[];
  readonly explainsUnknown: readonly string[];
  readonly explainsOther: readonly ErrorObject[];
}

/** What goes under each wrapper key, for the fix. */
const CONTENTS: Readonly<Record<string, string>> = { schema: 'the schema goes', tags: 'the tags go', messages: 'the message types go' };

/**
 * A wrapper key K is missing (required, or optional and absent) and every
 * unknown key fits under K: JSON Schema keywords under `schema:`, entries
 * shaped like tags or message types under `tags:` / `messages:`.
 */
function missingLevel(
  manifest: LoadedManifest,
  path: PathSegment[],
  missing: readonly string[],
  unknown: readonly string[],
  allErrors: readonly ErrorObject[],
  pointer: string,
): Slip | undefined {
  if (unknown.length === 0) return undefined;
  const node = metaSchemaNodeAt(manifest.kind, path);
  const object = valueAtPath(manifest.value, path);
  for (const wrapper of [...missing, ...absentOptionalLevels(node, object, missing, unknown)]) {
    const child = metaSchemaNodeAt(manifest.kind, [...path, wrapper]);
    const fits = (key: string) => fitsUnder(manifest, child, key, propertyOf(object, key));
    if (!unknown.every(fits)) continue;
    // A key valid at this level that reads as part of the schema (a state's `type: object`) moves too.
    const absorbed = allErrors.filter((e) => e.instancePath.startsWith(`${pointer}/`) && isSchemaKeywordError(manifest, path, e, child));
    const absorbedKeys = absorbed.map((e) => String(decodePointer(e.instancePath).at(-1)));
    const moved = keysOf(object).filter((key) => unknown.includes(key) || absorbedKeys.includes(key));
    const parent = path.at(-1);
    const names = moved.map((name) => `\`${name}\``);
    const listed = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
    const where = typeof parent === 'string' ? `\`${parent}:\`` : 'the manifest';
    const fix: Fix =
      parent === wrapper
        ? {
            message: `Add the ${describeLevelAbove(path)} name between \`${String(path.at(-2) ?? '')}:\` and \`${wrapper}:\`: \`${String(path.at(-2) ?? '')}\` maps names to definitions (for example \`${String(path.at(-2))}: { channel: { ${wrapper}: … } }\`).`,
          }
        : fixOf(
            `Put ${listed} under a \`${wrapper}:\` key: ${where} takes \`${wrapper}:\`, and ${CONTENTS[wrapper] ?? 'they go'} inside it.${absorbedKeys.includes('type') && allowedKeys(node).includes('type') ? ` Then give ${where} its own \`type:\` (${describeEnum(propertyOf(propertyOf(node, 'properties'), 'type'))}).` : ''}`,
            insertLevel(manifest.file, path, wrapper, moved, (key) => allowedKeys(child).includes(key)),
          );
    // A required level is missing from its object; an optional one leaves the keys it should hold unknown here.
    const diagnostic = missing.includes(wrapper)
      ? createDiagnostic('missing-property', { name: wrapper, where: describePath(path) }, locate(manifest.file, path, 'key'), fix)
      : createDiagnostic('unknown-property', { name: moved[0]!, where: describePath(path) }, locate(manifest.file, [...path, moved[0]!], 'key'), fix);
    return { diagnostic, explainsMissing: missing.includes(wrapper) ? [wrapper] : [], explainsUnknown: unknown, explainsOther: absorbed };
  }
  return undefined;
}

/**
 * Optional wrapper levels this object leaves out (`tags:` of `user:`, which
 * Botpress lets be empty): candidates for holding its unknown keys, unless
 * one of those keys is a misspelling of an allowed key (the rename is the fix).
 */
function absentOptionalLevels(node: unknown, object: unknown, missing: readonly string[], unknown: readonly string[]): string[] {
  const allowed = allowedKeys(node);
  if (unknown.some((name) => closestMatch(name, allowed) !== undefined)) return [];
  return allowed.filter((key) => key in CONTENTS && !missing.includes(key) && propertyOf(object, key) === undefined);
}

function describeEnum(node: unknown): string {
  const values = propertyOf(node, 'enum');
  return Array.isArray(values) ? values.map((v) => `\`${String(v)}\``).join(', ') : 'its kind';
}

function describeLevelAbove(path: readonly PathSegment[]): string {
  const section = String(path.at(-2) ?? '');
  return section === 'channels' ? 'channel' : section.replace(/s$/, '');
}

/** Does `key: value` belong under the node `child` (a JSON Schema, or a map of tags or message types)? */
function fitsUnder(manifest: LoadedManifest, child: PlainObject | undefined, key: string, value: unknown): boolean {
  if (!child) return false;
  if (child === metaSchemaDefinition(manifest.kind, EMBEDDED_SCHEMA_DEFINITION)) {
    return allowedKeys(child).includes(key) || isSchemaSlip(key);
  }
  const entry = propertyOf(child, 'additionalProperties');
  if (!isPlainObject(entry) || propertyOf(child, 'properties') !== undefined) return false;
  const required = propertyOf(resolveEntry(manifest, entry), 'required');
  if (value === null) return !Array.isArray(required) || required.length === 0;
  if (!isPlainObject(value)) return false;
  return Array.isArray(required) ? required.every((name) => typeof name === 'string' && name in value) : true;
}

function resolveEntry(manifest: LoadedManifest, node: PlainObject): unknown {
  const ref = propertyOf(node, '$ref');
  return typeof ref === 'string' && ref.startsWith('#/definitions/') ? metaSchemaDefinition(manifest.kind, ref.slice('#/definitions/'.length)) : node;
}

/** An error at a key of this object whose value would be right inside the missing schema (`type: object` on a state). */
function isSchemaKeywordError(manifest: LoadedManifest, path: readonly PathSegment[], error: ErrorObject, child: PlainObject | undefined): boolean {
  if (child !== metaSchemaDefinition(manifest.kind, EMBEDDED_SCHEMA_DEFINITION)) return false;
  const errorPath = decodePointer(error.instancePath);
  if (errorPath.length !== path.length + 1 || (error.keyword !== 'enum' && error.keyword !== 'type')) return false;
  const key = errorPath.at(-1)!;
  return key === 'type' && ['object', 'array', 'string', 'number', 'integer', 'boolean'].includes(String(valueAtPath(manifest.value, [...path, key])));
}

/**
 * `payload:` (or `data:`, `jsonSchema:`…) holding a schema where `schema:`
 * is missing: the key is the slip, and renaming it supplies the schema.
 */
function renamedSchema(manifest: LoadedManifest, path: PathSegment[], missing: readonly string[], unknown: readonly string[]): Slip | undefined {
  if (!missing.includes('schema') || unknown.length !== 1) return undefined;
  const name = unknown[0]!;
  const value = propertyOf(valueAtPath(manifest.value, path), name);
  const keywords = allowedKeys(metaSchemaDefinition(manifest.kind, EMBEDDED_SCHEMA_DEFINITION));
  if (!isPlainObject(value) || !keysOf(value).some((key) => keywords.includes(key))) return undefined;
  const fix = fixOf(`Write \`schema:\`: the JSON Schema of ${describePath(path)} goes under \`schema:\`.`, renameKey(manifest.file, [...path, name], 'schema'));
  const diagnostic = createDiagnostic('unknown-property', { name, where: describePath(path) }, locate(manifest.file, [...path, name], 'key'), fix);
  return { diagnostic, explainsMissing: ['schema'], explainsUnknown: [name], explainsOther: [] };
}

/**
 * An unknown key whose value holds what this object is missing: the level
 * is extra (`integration:` around the whole manifest).
 */
function extraLevel(manifest: LoadedManifest, path: PathSegment[], missing: readonly string[], unknown: readonly string[]): Slip | undefined {
  if (missing.length === 0) return undefined;
  const object = valueAtPath(manifest.value, path);
  for (const name of unknown) {
    const inner = propertyOf(object, name);
    if (!isPlainObject(inner) || !missing.every((key) => key in inner)) continue;
    const clash = keysOf(inner).filter((key) => key !== name && propertyOf(object, key) !== undefined);
    const fix = fixOf(
      `Remove the \`${name}:\` level: ${missing.map((key) => `\`${key}\``).join(' and ')} and the rest of its entries belong directly in ${path.length === 0 ? 'the manifest' : describePath(path)}.`,
      clash.length === 0 && keysOf(object).length === 1 ? removeLevel(manifest.file, [...path, name]) : undefined,
    );
    const diagnostic = createDiagnostic('unknown-property', { name, where: describePath(path) }, locate(manifest.file, [...path, name], 'key'), fix);
    return { diagnostic, explainsMissing: missing, explainsUnknown: [name], explainsOther: [] };
  }
  return undefined;
}
