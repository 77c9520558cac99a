import type { PathSegment } from '../load/source-file.js';
import { isPlainObject, keysOf, type PlainObject } from '../model/values.js';
import { closestMatch } from '../diagnostics/did-you-mean.js';
import { decodePointer, safeDecodeUri, valueAtPath } from './json-pointer.js';
import type { RuleContext } from './rule-context.js';
import { walkSchema } from './walk-schema.js';

const ENTITY_REF = /^#\/entities\/([^/]+)$/;

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
    if ('$ref' in node && typeof node.$ref === 'string' && !checkRef(context, node.$ref, schema, entityNames, [...at, '$ref'])) {
      clean = false;
    }
    if (typeof node.pattern === 'string' && !checkRegex(context, node.pattern, [...at, 'pattern'], 'value')) clean = false;
    if (isPlainObject(node.patternProperties)) {
      for (const key of Object.keys(node.patternProperties)) {
        if (!checkRegex(context, key, [...at, 'patternProperties', key], 'key')) clean = false;
      }
    }
  });
  return clean;
}

function checkRef(context: RuleContext, ref: string, root: unknown, entityNames: string[], at: PathSegment[]): boolean {
  const entity = ENTITY_REF.exec(ref);
  if (entity) {
    const name = safeDecodeUri(entity[1]!);
    if (entityNames.includes(name)) return true;
    const detail = entityNames.length ? `no entity '${name}' is defined under 'entities'` : 'this manifest defines no entities';
    context.report('unresolved-ref', { ref, detail, suggestion: closestMatch(name, entityNames) }, at);
    return false;
  }
  if (ref.startsWith('#') && !ref.startsWith('#/entities/')) {
    if (valueAtPath(root, decodePointer(ref)) !== undefined) return true;
    context.report('unresolved-ref', { ref, detail: 'nothing in this schema is at that pointer' }, at);
    return false;
  }
  context.report('unsupported-ref', { ref }, at);
  return false;
}

function checkRegex(context: RuleContext, pattern: string, at: PathSegment[], part: 'key' | 'value'): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: \/.*\/u?: /, '') : String(error);
    context.report('invalid-regex', { pattern, reason }, at, part);
    return false;
  }
}
