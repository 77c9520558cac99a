import type { ErrorObject } from 'ajv';
import { describePath } from '../diagnostics/describe-path.js';
import { createDiagnostic, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import type { LoadedManifest } from '../load/load-manifest.js';
import { locate, type PathSegment } from '../load/source-file.js';
import { metaSchemaNodeAt, metaValidator } from '../meta/meta-validators.js';
import { kindFromValue } from '../model/manifest-kind.js';
import { describeTypes, describeValueType, propertyOf } from '../model/values.js';
import { decodePointer, toValuePath, valueAtPath } from './json-pointer.js';
import { enumFix, isSchemaPosition, missingKeyFix, patternFix, typeFix, unknownKeyFix } from './meta-fixes.js';
import { pruneAlternatives } from './prune-ajv-errors.js';
import { collapseStructureSlips } from './structure-slips.js';

export interface MetaSchemaResult {
  readonly diagnostics: Diagnostic[];
  /** Instance paths of the errors, so later layers can skip values that failed here. */
  readonly errorPaths: readonly PathSegment[][];
}

/** Checks a manifest against its meta-schema (a precompiled standalone validator). */
export function checkMetaSchema(manifest: LoadedManifest): MetaSchemaResult {
  const validate = metaValidator(manifest.kind);
  if (validate(manifest.value)) return { diagnostics: [], errorPaths: [] };
  const pruned = pruneAlternatives(validate.errors ?? []).filter((e) => !isNamingError(e) && !isKnownKindMismatch(manifest, e) && !isCheckedReference(manifest, e));
  const { errors, diagnostics } = collapseStructureSlips(manifest, pruned);
  const errorPaths: PathSegment[][] = pruned.map((error) => toValuePath(manifest.value, decodePointer(error.instancePath)));
  for (const error of errors) {
    const path = toValuePath(manifest.value, decodePointer(error.instancePath));
    diagnostics.push(toDiagnostic(manifest, error, path));
  }
  return { diagnostics, errorPaths };
}

/** Names of actions, channels… are checked by the naming rule, which suggests a fix. */
function isNamingError(error: ErrorObject): boolean {
  // Errors raised inside a `propertyNames` subschema carry the offending name.
  return error.keyword === 'propertyNames' || error.propertyName !== undefined;
}

/**
 * A bot's `disabledChannels` and `configurationType` name things of the
 * integration it installs: the bot rule checks them against it (and says
 * which name was meant), so their pattern is not reported twice.
 */
function isCheckedReference(manifest: LoadedManifest, error: ErrorObject): boolean {
  return manifest.kind === 'bot' && error.keyword === 'pattern' && /^\/integrations\/[^/]+\/(?:disabledChannels\/\d+|configurationType)$/.test(error.instancePath);
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
      const location = at([...path, name], 'key');
      const fix = unknownKeyFix(manifest, path, name);
      return isSchemaPosition(manifest, path)
        ? createDiagnostic('unknown-schema-keyword', { name }, location, fix)
        : createDiagnostic('unknown-property', { name, where }, location, fix);
    }
    case 'not': {
      // The meta-schemas list zod's keywords (describe, optional…) as `not: {}` entries, so editors can show the fix.
      const name = String(path.at(-1));
      const fix = unknownKeyFix(manifest, path.slice(0, -1), name);
      return createDiagnostic('unknown-schema-keyword', { name }, at(path, 'key'), fix);
    }
    case 'required': {
      const name = String(params.missingProperty);
      return createDiagnostic('missing-property', { name, where }, at(path, 'key'), missingKeyFix(manifest, path, name));
    }
    case 'type': {
      const location = at(path);
      const expected = describeTypes(params.type);
      const types = Array.isArray(params.type) ? params.type.map(String) : String(params.type).split(',');
      const fix = typeFix(manifest, path, types, value);
      if (path.at(-1) === 'required' && typeof value === 'boolean' && isSchemaPosition(manifest, path.slice(0, -1))) {
        // zod's fields are required unless .optional(): `required: true` on a property is the usual translation.
        const detail = `is ${value}, but \`required\` is no flag on a property: it lists the required names on the object that holds the property`;
        return createDiagnostic('invalid-value', { where, detail }, location, fix);
      }
      const isYaml = !manifest.file.path.toLowerCase().endsWith('.json');
      const readAs = isYaml && types.includes('string') && (typeof value === 'number' || typeof value === 'boolean') ? ` (YAML reads ${sourceText(manifest, location)} as a ${typeof value})` : '';
      return createDiagnostic('invalid-type', { where, expected, actual: `${describeValueType(value)}${readAs}` }, location, fix);
    }
    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      return createDiagnostic('invalid-value', { where, detail: `must be one of ${formatList(allowed)}` }, at(path), enumFix(manifest, path, allowed, value));
    }
    case 'const':
      return createDiagnostic('invalid-value', { where, detail: `must be ${JSON.stringify(params.allowedValue)}` }, at(path), {
        message: `Write ${JSON.stringify(params.allowedValue)}, or remove it.`,
      });
    case 'pattern': {
      const custom = propertyOf(metaSchemaNodeAt(manifest.kind, path), 'patternErrorMessage');
      const shown = typeof value === 'string' ? `('${value}') ` : '';
      const detail =
        typeof custom === 'string' ? `${shown}is invalid: ${lowerFirst(stripPeriod(custom))}` : `must match the pattern ${String(params.pattern)}`;
      return createDiagnostic('invalid-value', { where, detail }, at(path), patternFix(manifest, path, value));
    }
    case 'uniqueItems': {
      const { i, j } = params as { i: number; j: number };
      const [first, repeat] = [Math.min(i, j), Math.max(i, j)];
      const repeated = JSON.stringify(valueAtPath(value, [repeat]));
      return createDiagnostic('invalid-value', { where, detail: `lists ${repeated} more than once (items ${first} and ${repeat})` }, at([...path, repeat]), {
        message: `Remove the second ${repeated}.`,
      });
    }
    case 'minItems':
      return createDiagnostic('invalid-value', { where, detail: error.message ?? 'has too few items' }, at(path), {
        message: `List at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}, or remove it.`,
      });
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
