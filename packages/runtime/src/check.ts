/**
 * Parses a value with a generated validator (src/runtime/parse.ts): a copy,
 * defaults filled in and properties its schema does not allow stripped; or
 * the given error class, with a message naming every field at fault, when
 * it does not match.
 */
import type { ValidationError } from './errors.js';
import { describeIssues, issuesOf, type FieldIssue } from './issues.js';
import { parseValue } from './parse.js';
import { copy } from './values.js';
import type { ValidateFunction } from './validators.js';

export type ValidationErrorClass = new (message: string, issues: readonly FieldIssue[]) => ValidationError;

/**
 * The parsed copy of `value` (a plain copy when there is no validator); the caller's value is never changed.
 *
 * @param root the name the value goes by in messages (`input`, `payload`)
 * @param what what the value is, for the message (`Invalid input for action "sendMessage"`)
 */
export function parseChecked(
  validate: ValidateFunction | undefined,
  value: unknown,
  root: string,
  what: string,
  ErrorClass: ValidationErrorClass,
  redact: (text: string) => string = (text) => text,
): unknown {
  const owned = copy(value);
  if (validate === undefined) return owned;
  const result = parseValue(validate, owned);
  if (result.valid) return result.value;
  const issues = issuesOf(validate, root);
  throw new ErrorClass(redact(`${what}: ${describeIssues(issues)}`), issues.map((issue) => ({ path: redact(issue.path), message: issue.message })));
}
