import type { ErrorObject } from 'ajv';

/**
 * Ajv with `allErrors` reports every failed branch of an `anyOf`/`oneOf`,
 * then the `anyOf` error itself. Users want the one branch they meant:
 * the errors deeper inside the value when some branch matched its type,
 * else the non-type errors at the value (an enum, a pattern), else one
 * merged type error. Branch errors are the run of errors just before the
 * `anyOf` error that lie at or below its instance path (the meta-schemas
 * never put other validating keywords beside an `anyOf`).
 */
export function pruneAlternatives(errors: readonly ErrorObject[]): ErrorObject[] {
  const kept: ErrorObject[] = [];
  for (const error of errors) {
    if (!isAlternativeFailure(error)) {
      kept.push(error);
      continue;
    }
    let start = kept.length;
    while (start > 0 && isWithin(kept[start - 1]!.instancePath, error.instancePath)) start--;
    const branchErrors = kept.splice(start);
    kept.push(...chooseBranch(error, branchErrors));
  }
  return dedupe(kept);
}

function isAlternativeFailure(error: ErrorObject): boolean {
  if (error.keyword === 'anyOf') return true;
  // A oneOf that matched several branches has no branch errors to choose from.
  return error.keyword === 'oneOf' && (error.params as { passingSchemas?: unknown }).passingSchemas == null;
}

function chooseBranch(error: ErrorObject, branchErrors: ErrorObject[]): ErrorObject[] {
  if (branchErrors.length === 0) return [error];
  const deeper = branchErrors.filter((e) => e.instancePath !== error.instancePath);
  if (deeper.length > 0) return deeper;
  const notType = branchErrors.filter((e) => e.keyword !== 'type');
  if (notType.length > 0) return notType;
  const expected = [...new Set(branchErrors.flatMap((e) => typeList((e.params as { type?: unknown }).type)))];
  return [{ ...branchErrors[0]!, params: { type: expected } }];
}

function typeList(type: unknown): string[] {
  if (Array.isArray(type)) return type.map(String);
  return typeof type === 'string' ? type.split(',') : [];
}

function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
