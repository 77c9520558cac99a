/**
 * Validates a value with a generated validator and throws the given error
 * class, with a message naming every field at fault, when it does not match.
 */
import type { ValidationError } from './errors.js';
import { describeIssues, findIssues, type FieldIssue } from './issues.js';
import type { ValidateFunction } from './validators.js';

export type ValidationErrorClass = new (message: string, issues: readonly FieldIssue[]) => ValidationError;

/**
 * @param root the name the value goes by in messages (`input`, `payload`)
 * @param what what the value is, for the message (`Invalid input for action "sendMessage"`)
 */
export function checkValue(
  validate: ValidateFunction | undefined,
  value: unknown,
  root: string,
  what: string,
  ErrorClass: ValidationErrorClass,
  redact: (text: string) => string = (text) => text,
): void {
  if (validate === undefined) return;
  const issues = findIssues(validate, value, root);
  if (issues === undefined) return;
  throw new ErrorClass(redact(`${what}: ${describeIssues(issues)}`), issues.map((issue) => ({ path: redact(issue.path), message: issue.message })));
}
