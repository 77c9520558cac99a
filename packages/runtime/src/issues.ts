/**
 * Turns Ajv's issues into sentences that name the field: `input.chatId must be
 * a string`, `input.text is required`, `input.items[0].sku must NOT have fewer
 * than 1 characters`. Built from paths and the schema only, never from values.
 */
import type { ValidateFunction, ValidationIssue } from './validators.js';

export interface FieldIssue {
  /** Dotted path from the root label: `input.chatId`, `payload.items[0]`. */
  readonly path: string;
  /** What is wrong, without the path: `must be a string`. */
  readonly message: string;
}

const LISTED = 10;

/** The issues of a value, or `undefined` when it is valid. */
export function findIssues(validate: ValidateFunction, value: unknown, root: string): FieldIssue[] | undefined {
  return validate(value) ? undefined : issuesOf(validate, root);
}

/** The issues of the value `validate` last found invalid. */
export function issuesOf(validate: ValidateFunction, root: string): FieldIssue[] {
  const issues = (validate.errors ?? []).map((issue) => fieldIssue(issue, root));
  return issues.length > 0 ? issues : [{ path: root, message: 'is not valid' }];
}

/** One sentence per issue, joined: `input.chatId must be a string; input.text is required`. */
export function describeIssues(issues: readonly FieldIssue[]): string {
  const shown = issues.slice(0, LISTED).map((issue) => `${issue.path} ${issue.message}`);
  if (issues.length > LISTED) shown.push(`… (${issues.length - LISTED} more)`);
  return shown.join('; ');
}

function fieldIssue(issue: ValidationIssue, root: string): FieldIssue {
  const path = pathOf(root, issue.instancePath);
  const params = issue.params;
  switch (issue.keyword) {
    case 'type':
      return { path, message: `must be ${typeList(String(params['type']))}` };
    case 'required':
      return { path: childPath(path, String(params['missingProperty'])), message: 'is required' };
    case 'additionalProperties':
      return { path: childPath(path, String(params['additionalProperty'])), message: 'is not an allowed property' };
    case 'enum':
      return { path, message: `must be one of: ${valueList(params['allowedValues'])}` };
    case 'const':
      return { path, message: `must be ${JSON.stringify(params['allowedValue'])}` };
    default:
      return { path, message: issue.message ?? messageOf(issue.keyword, params) };
  }
}

/**
 * The generated validators carry no message text (Ajv's `messages: false`
 * halves their size), so sentences are made here from keyword and params.
 */
function messageOf(keyword: string, params: Record<string, unknown>): string {
  const limit = params['limit'];
  switch (keyword) {
    case 'minLength':
      return `must NOT have fewer than ${limit} characters`;
    case 'maxLength':
      return `must NOT have more than ${limit} characters`;
    case 'minItems':
      return `must NOT have fewer than ${limit} items`;
    case 'maxItems':
      return `must NOT have more than ${limit} items`;
    case 'minProperties':
      return `must NOT have fewer than ${limit} properties`;
    case 'maxProperties':
      return `must NOT have more than ${limit} properties`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${String(params['comparison'])} ${limit}`;
    case 'multipleOf':
      return `must be a multiple of ${String(params['multipleOf'])}`;
    case 'pattern':
      return `must match pattern ${JSON.stringify(params['pattern'])}`;
    case 'format':
      return `must be a valid ${String(params['format'])}`;
    case 'uniqueItems':
      return `must NOT have duplicate items (items ${String(params['j'])} and ${String(params['i'])} are identical)`;
    case 'anyOf':
      return 'must match a schema in anyOf';
    case 'oneOf':
      return 'must match exactly one schema in oneOf';
    case 'not':
      return 'must NOT be valid';
    case 'if':
      return `must match "${String(params['failingKeyword'])}" schema`;
    case 'contains':
      return 'must contain a valid item';
    case 'propertyNames':
      return `property name ${JSON.stringify(params['propertyName'])} is invalid`;
    case 'dependencies':
      return `must have ${String(params['property'])} when ${String(params['missingProperty'])} is present`.replace(
        /^must have (.*) when (.*) is present$/,
        'must have property $2 when property $1 is present',
      );
    case 'false schema':
      return 'is not allowed';
    default:
      return `does not match the schema (${keyword})`;
  }
}

function typeList(types: string): string {
  return types
    .split(',')
    .map((type) => (type === 'null' ? 'null' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`))
    .join(' or ');
}

function valueList(values: unknown): string {
  return Array.isArray(values) ? values.map((value) => JSON.stringify(value)).join(', ') : String(values);
}

/** `root` + a JSON Pointer (`/items/0/sku`) → `root.items[0].sku`. */
export function pathOf(root: string, pointer: string): string {
  if (pointer === '') return root;
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, segment) => (/^(0|[1-9][0-9]*)$/.test(segment) ? `${path}[${segment}]` : childPath(path, segment)), root);
}

function childPath(path: string, key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
