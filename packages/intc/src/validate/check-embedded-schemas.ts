import type { PathSegment } from '../load/source-file.js';
import { isPathPrefix } from '../model/path-pattern.js';
import { collectEmbeddedSchemas, type EmbeddedSchema } from '../model/schema-locations.js';
import { isPlainObject, propertyOf } from '../model/values.js';
import type { RuleContext } from './rule-context.js';
import type { CompileScope } from './schema-compiler.js';
import { describeStrictnessProblem, strictnessFix, topLevelObjectFix } from './schema-fixes.js';
import { checkSchemaStatically } from './schema-static-checks.js';
import { isEntityRef, valueAtPath } from './json-pointer.js';
import { declaredTypes, findStrictnessProblems, planStrictnessCheck, type StrictnessProblem } from './schema-strictness.js';

/**
 * The embedded-schema layer: static checks ($ref targets, regular
 * expressions) on every schema, then, for each schema that passed both its
 * meta-schema and the static checks, Ajv's strict-mode rules: checked
 * directly for the common subset, by a strict Ajv compile for the rest.
 */
export function checkEmbeddedSchemas(context: RuleContext, metaErrorPaths: readonly (readonly PathSegment[])[]): void {
  const schemas = collectEmbeddedSchemas(context.manifest.kind, context.manifest.value);
  const compilable = schemas.filter((embedded) => {
    const staticallyClean = checkSchemaStatically(context, embedded.path, embedded.schema);
    const metaClean = !metaErrorPaths.some((errorPath) => isPathPrefix(embedded.path, errorPath));
    return staticallyClean && metaClean && isSchemaValue(embedded.schema);
  });
  const entities = new Map<string, unknown>();
  for (const embedded of compilable) {
    const entity = entityNameOf(embedded);
    if (entity !== undefined) entities.set(entity, embedded.schema);
  }
  // A top level told to add `type: object` does not hear again about each keyword that wants it.
  const untyped = new Set(compilable.filter((embedded) => !checkTopLevelIsObject(context, embedded) && propertyOf(embedded.schema, 'type') === undefined));
  let scope: CompileScope | undefined;
  for (const embedded of compilable) {
    // Compiling costs ~0.4 ms or more a schema, which dominates large manifests: only the parts
    // outside the subset that schema-strictness.ts checks directly go to Ajv.
    const { compileWithAjv } = planStrictnessCheck(embedded.schema);
    const problems = findStrictnessProblems(embedded.schema, compileWithAjv);
    for (const problem of problems) {
      if (untyped.has(embedded) && problem.path.length === 1 && problem.message.includes('missing type "object"')) continue;
      if (isInsideMisplacedRequired(problem, problems)) continue;
      const at = [...embedded.path, ...problem.path];
      const detail = describeStrictnessProblem(context.manifest, at, problem.message);
      context.report('invalid-schema', { detail }, at, 'key', strictnessFix(context.manifest, at, problem.message));
    }
    for (const unit of compileWithAjv) {
      scope ??= context.compiler.beginScope(entities);
      const failure = scope.compile(valueAtPath(embedded.schema, unit));
      if (failure) reportCompileFailure(context, embedded, [...unit, ...failure.pointer], failure.keyword, failure.message);
    }
  }
}

/** What each kind of schema describes, for messages; all are objects in Botpress. */
const SCHEMA_SUBJECTS: Readonly<Record<string, string>> = {
  configuration: 'a configuration',
  configurations: 'a configuration',
  channels: 'a message payload',
  actions: 'an action input or output',
  events: 'an event payload',
  states: 'a state',
  entities: 'an entity',
};

/**
 * Configurations, inputs, outputs, payloads, states and entities are objects
 * (Botpress defines each with z.object): the top level says `type: object`,
 * or is a `$ref` to an entity (which is one). False when it reported.
 */
function checkTopLevelIsObject(context: RuleContext, embedded: EmbeddedSchema): boolean {
  const schema = embedded.schema;
  const types = isPlainObject(schema) ? declaredTypes(schema.type) : [];
  if (types.length === 1 && types[0] === 'object') return true;
  if (isPlainObject(schema) && typeof schema.$ref === 'string' && isEntityRef(schema.$ref) && schema.type === undefined) return true;
  const subject = SCHEMA_SUBJECTS[String(embedded.path[0])] ?? 'this schema';
  const detail = `${subject} must be an object: give its schema \`type: object\` at the top level (or a $ref to an entity)`;
  context.report('invalid-schema', { detail }, embedded.path, 'key', topLevelObjectFix(context.manifest, embedded.path, schema));
  return false;
}

/** A name in a `required` list that is itself in the wrong place (on a string): told once, with the list. */
function isInsideMisplacedRequired(problem: StrictnessProblem, problems: readonly StrictnessProblem[]): boolean {
  const list = problem.path.slice(0, -1);
  return (
    problem.path.at(-2) === 'required' &&
    problems.some((other) => other !== problem && other.path.length === list.length && isPathPrefix(other.path, list) && other.message.includes('for keyword "required"'))
  );
}

function reportCompileFailure(
  context: RuleContext,
  embedded: EmbeddedSchema,
  pointer: readonly PathSegment[],
  keyword: string | undefined,
  message: string,
): void {
  const node = [...embedded.path, ...pointer];
  const keywordExists = keyword !== undefined && propertyOf(valueAtPath(embedded.schema, pointer), keyword) !== undefined;
  const at = keywordExists ? [...node, keyword] : node;
  context.report('invalid-schema', { detail: describeStrictnessProblem(context.manifest, at, message) }, at, 'key', strictnessFix(context.manifest, at, message));
}

function entityNameOf(embedded: EmbeddedSchema): string | undefined {
  return embedded.path[0] === 'entities' ? String(embedded.path[1]) : undefined;
}

function isSchemaValue(value: unknown): boolean {
  return isPlainObject(value) || typeof value === 'boolean';
}
