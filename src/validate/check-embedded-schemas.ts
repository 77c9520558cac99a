import type { PathSegment } from '../load/source-file.js';
import { collectEmbeddedSchemas, type EmbeddedSchema } from '../model/schema-locations.js';
import { isPlainObject, propertyOf } from '../model/values.js';
import type { RuleContext } from './rule-context.js';
import type { SchemaCompiler } from './schema-compiler.js';
import { checkSchemaStatically } from './schema-static-checks.js';
import { findStrictnessProblems, isInStrictSubset } from './schema-strictness.js';

/**
 * The embedded-schema layer: static checks ($ref targets, regular
 * expressions) on every schema, then, for each schema that passed both its
 * meta-schema and the static checks, Ajv's strict-mode rules: checked
 * directly for the common subset, by a strict Ajv compile for the rest.
 */
export function checkEmbeddedSchemas(
  context: RuleContext,
  compiler: SchemaCompiler,
  metaErrorPaths: readonly (readonly PathSegment[])[],
): void {
  const schemas = collectEmbeddedSchemas(context.manifest.kind, context.manifest.value);
  const compilable = schemas.filter((embedded) => {
    const staticallyClean = checkSchemaStatically(context, embedded.path, embedded.schema);
    const metaClean = !metaErrorPaths.some((errorPath) => startsWith(errorPath, embedded.path));
    return staticallyClean && metaClean && isSchemaValue(embedded.schema);
  });
  const entities = new Map<string, unknown>();
  for (const embedded of compilable) {
    const entity = entityNameOf(embedded);
    if (entity !== undefined) entities.set(entity, embedded.schema);
  }
  const needsAjv = compilable.filter((embedded) => !checkStrictSubset(context, embedded));
  if (needsAjv.length === 0) return;
  const scope = compiler.beginScope(entities);
  for (const embedded of needsAjv) {
    const failure = scope.compile(embedded.schema, entityNameOf(embedded));
    if (!failure) continue;
    const node = [...embedded.path, ...failure.pointer];
    const keywordExists = failure.keyword !== undefined && propertyOf(valueAt(embedded, failure.pointer), failure.keyword) !== undefined;
    const at = keywordExists ? [...node, failure.keyword!] : node;
    context.report('invalid-schema', { detail: failure.message }, at, 'key');
  }
}

/**
 * Checks a schema in the common subset without Ajv (compiling costs ~0.4 ms a
 * schema, which dominates large manifests). Returns false when the schema is
 * outside the subset and must be compiled.
 */
function checkStrictSubset(context: RuleContext, embedded: EmbeddedSchema): boolean {
  if (!isInStrictSubset(embedded.schema)) return false;
  for (const problem of findStrictnessProblems(embedded.schema)) {
    context.report('invalid-schema', { detail: problem.message }, [...embedded.path, ...problem.path], 'key');
  }
  return true;
}

function entityNameOf(embedded: EmbeddedSchema): string | undefined {
  return embedded.path[0] === 'entities' ? String(embedded.path[1]) : undefined;
}

function isSchemaValue(value: unknown): boolean {
  return isPlainObject(value) || typeof value === 'boolean';
}

function valueAt(embedded: EmbeddedSchema, pointer: readonly PathSegment[]): unknown {
  return pointer.reduce<unknown>((node, segment) => propertyOf(node, String(segment)), embedded.schema);
}

function startsWith(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => String(path[i]) === String(segment));
}
