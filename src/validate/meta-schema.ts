import type { ErrorObject } from 'ajv';
import { describePath } from '../diagnostics/describe-path.js';
import { createDiagnostic, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import { closestMatch } from '../diagnostics/did-you-mean.js';
import type { LoadedManifest } from '../load/load-manifest.js';
import { locate, type PathSegment } from '../load/source-file.js';
import { metaSchemaDefinition, metaSchemaNodeAt, metaValidator } from '../meta/meta-validators.js';
import { kindFromValue } from '../model/manifest-kind.js';
import { describeTypes, describeValueType, keysOf, propertyOf, stringPropertyOf } from '../model/values.js';
import { decodePointer, toValuePath, valueAtPath } from './json-pointer.js';
import { pruneAlternatives } from './prune-ajv-errors.js';

/** Keys users bring from elsewhere, with what to write instead. */
const UNKNOWN_KEY_HINTS: Readonly<Record<string, string>> = {
  '<<': 'YAML merge keys are not supported: write the properties out.',
  nullable: "JSON Schema has no `nullable` (that is OpenAPI): add 'null' to the type, as in `type: [string, 'null']`.",
};

/** The meta-schema definition of an embedded JSON Schema object (same name in every meta-schema). */
const EMBEDDED_SCHEMA_DEFINITION = 'jsonSchemaObject';

export interface MetaSchemaResult {
  readonly diagnostics: Diagnostic[];
  /** Instance paths of the errors, so later layers can skip values that failed here. */
  readonly errorPaths: readonly PathSegment[][];
}

/** Checks a manifest against its meta-schema (a precompiled standalone validator). */
export function checkMetaSchema(manifest: LoadedManifest): MetaSchemaResult {
  const validate = metaValidator(manifest.kind);
  if (validate(manifest.value)) return { diagnostics: [], errorPaths: [] };
  const errors = pruneAlternatives(validate.errors ?? []).filter((e) => !isNamingError(e) && !isKnownKindMismatch(manifest, e));
  const diagnostics: Diagnostic[] = [];
  const errorPaths: PathSegment[][] = [];
  for (const error of errors) {
    const path = toValuePath(manifest.value, decodePointer(error.instancePath));
    errorPaths.push(path);
    diagnostics.push(toDiagnostic(manifest, error, path));
  }
  return { diagnostics, errorPaths };
}

/** Names of actions, channels… are checked by the naming rule, which suggests a fix. */
function isNamingError(error: ErrorObject): boolean {
  // Errors raised inside a `propertyNames` subschema carry the offending name.
  return error.keyword === 'propertyNames' || error.propertyName !== undefined;
}

/** A `kind` naming another manifest kind was already reported by the loader as kind-mismatch. */
function isKnownKindMismatch(manifest: LoadedManifest, error: ErrorObject): boolean {
  return error.instancePath === '/kind' && kindFromValue(manifest.value) !== undefined;
}

function toDiagnostic(manifest: LoadedManifest, error: ErrorObject, path: PathSegment[]): Diagnostic {
  const where = describePath(path);
  const params = error.params as Record<string, unknown>;
  const value = valueAtPath(manifest.value, path);
  const at = (segments: PathSegment[], part: 'key' | 'value' = 'value') => locate(manifest.file, segments, part);
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const node = metaSchemaNodeAt(manifest.kind, path);
      const suggestion = closestMatch(name, keysOf(propertyOf(node, 'properties')));
      const location = at([...path, name], 'key');
      const hint = Object.hasOwn(UNKNOWN_KEY_HINTS, name) ? UNKNOWN_KEY_HINTS[name] : undefined;
      return node !== undefined && node === metaSchemaDefinition(manifest.kind, EMBEDDED_SCHEMA_DEFINITION)
        ? createDiagnostic('unknown-schema-keyword', { name, suggestion, hint }, location)
        : createDiagnostic('unknown-property', { name, where, suggestion, hint }, location);
    }
    case 'required':
      return createDiagnostic('missing-property', { name: String(params.missingProperty), where }, at(path, 'key'));
    case 'type': {
      const location = at(path);
      const expected = describeTypes(params.type);
      const isYaml = !manifest.file.path.toLowerCase().endsWith('.json');
      const quoteHint = isYaml && expected.includes('string') && (typeof value === 'number' || typeof value === 'boolean');
      const yamlBooleanHint = isYaml && expected === 'a boolean' && typeof value === 'string' && /^(?:y|yes|n|no|on|off)$/i.test(value);
      const actual = quoteHint
        ? `${describeValueType(value)} (YAML reads ${sourceText(manifest, location)} as a ${typeof value}: write it in quotes)`
        : yamlBooleanHint
          ? `a string (YAML 1.2 reads '${String(value)}' as text: write true or false)`
          : describeValueType(value);
      const hint = stringPropertyOf(metaSchemaNodeAt(manifest.kind, path), 'errorMessage');
      return createDiagnostic('invalid-type', { where, expected, actual, hint }, location);
    }
    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      const suggestion = typeof value === 'string' ? closestMatch(value, allowed.map(String)) : undefined;
      return createDiagnostic('invalid-value', { where, detail: `must be one of ${formatList(allowed)}`, suggestion }, at(path));
    }
    case 'const':
      return createDiagnostic('invalid-value', { where, detail: `must be ${JSON.stringify(params.allowedValue)}` }, at(path));
    case 'pattern': {
      const custom = propertyOf(metaSchemaNodeAt(manifest.kind, path), 'patternErrorMessage');
      const shown = typeof value === 'string' ? `('${value}') ` : '';
      const detail =
        typeof custom === 'string' ? `${shown}is invalid: ${lowerFirst(stripPeriod(custom))}` : `must match the pattern ${String(params.pattern)}`;
      return createDiagnostic('invalid-value', { where, detail }, at(path));
    }
    case 'uniqueItems': {
      const { i, j } = params as { i: number; j: number };
      const [first, repeat] = [Math.min(i, j), Math.max(i, j)];
      return createDiagnostic('invalid-value', { where, detail: `lists ${JSON.stringify(valueAtPath(value, [repeat]))} more than once (items ${first} and ${repeat})` }, at([...path, repeat]));
    }
    default:
      return createDiagnostic('invalid-value', { where, detail: error.message ?? `fails ${error.keyword}` }, at(path));
  }
}

function sourceText(manifest: LoadedManifest, location: SourceLocation): string {
  const { start, end } = location;
  const { lineCounter, text } = manifest.file;
  const lineStart = lineCounter.lineStarts[start.line - 1] ?? 0;
  const lineEnd = text.indexOf('\n', lineStart);
  const line = text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  return line.slice(start.column - 1, end.line === start.line ? end.column - 1 : undefined).trim();
}

function formatList(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v))).join(', ');
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function stripPeriod(text: string): string {
  return text.replace(/\.\s*$/, '');
}
