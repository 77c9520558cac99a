/**
 * Errors the runtime throws. Messages name fields, names and schema rules,
 * never the values given (a value may be a secret).
 */
import type { FieldIssue } from './issues.js';

export class IntcRuntimeError extends Error {
  override name = 'IntcRuntimeError';
}

/** A value did not match its schema; `issues` lists every field at fault. */
export class ValidationError extends IntcRuntimeError {
  override name = 'ValidationError';
  constructor(
    message: string,
    readonly issues: readonly FieldIssue[],
  ) {
    super(message);
  }
}

/** An action's input did not match its schema; the handler was not called. */
export class InputValidationError extends ValidationError {
  override name = 'InputValidationError';
}

/** An action handler returned an output that does not match the output schema. */
export class OutputValidationError extends ValidationError {
  override name = 'OutputValidationError';
}

/** A message, event or state payload did not match its schema. */
export class PayloadValidationError extends ValidationError {
  override name = 'PayloadValidationError';
}

/** The configuration did not match the selected schema, or names no configuration. */
export class ConfigurationError extends ValidationError {
  override name = 'ConfigurationError';
}

/** Required secrets absent from the environment; `secrets` names every one. */
export class MissingSecretError extends IntcRuntimeError {
  override name = 'MissingSecretError';
  constructor(readonly secrets: readonly string[]) {
    super(
      `Missing required secret${secrets.length === 1 ? '' : 's'}: ${secrets.join(', ')}. ` +
        'Set them as environment variables of the same name.',
    );
  }
}

/** Where a `${VAR}` placeholder is used: `integrations.main.configuration.botToken`. */
export interface MissingVariable {
  readonly variable: string;
  readonly path: string;
}

/**
 * `${VAR}` placeholders of the bot's configurations whose variable is absent
 * or empty; `missing` lists every use. The message names variables and
 * places, never a value.
 */
export class MissingEnvironmentVariableError extends IntcRuntimeError {
  override name = 'MissingEnvironmentVariableError';
  constructor(readonly missing: readonly MissingVariable[]) {
    const variables = [...new Set(missing.map((m) => m.variable))];
    const uses = missing.map((m) => `${m.variable} (used at ${m.path})`);
    super(
      `Missing environment variable${variables.length === 1 ? '' : 's'}: ${uses.join(', ')}. ` +
        `Set ${variables.length === 1 ? 'it' : 'them'} before starting the bot.`,
    );
  }

  /** The variables missing, each once, in the order first used. */
  get variables(): string[] {
    return [...new Set(this.missing.map((m) => m.variable))];
  }
}

/** Where a placeholder fills a number, integer or boolean field, and what the field takes. */
export interface UnconvertibleVariable extends MissingVariable {
  readonly expected: PlaceholderType;
}

/** What a placeholder may fill besides text: the schema's type at that field. */
export type PlaceholderType = 'number' | 'integer' | 'boolean';

/**
 * `${VAR}` placeholders filling a number, integer or boolean field whose
 * variable's text is not one (`appId: '${GITHUB_APP_ID}'` with
 * GITHUB_APP_ID=abc). The message names each variable, field and expected
 * type, never the value.
 */
export class InvalidEnvironmentVariableError extends IntcRuntimeError {
  override name = 'InvalidEnvironmentVariableError';
  constructor(readonly invalid: readonly UnconvertibleVariable[]) {
    const uses = invalid.map((v) => `${v.variable} (used at ${v.path}) must be ${PLACEHOLDER_TYPE_TEXT[v.expected]}`);
    super(`Invalid environment variable${invalid.length === 1 ? '' : 's'}: ${uses.join('; ')}. Fix ${invalid.length === 1 ? 'it' : 'them'} before starting the bot.`);
  }
}

const PLACEHOLDER_TYPE_TEXT: { readonly [T in PlaceholderType]: string } = {
  number: 'a number (such as 42 or 0.5)',
  integer: 'an integer (such as 42)',
  boolean: 'true or false',
};

export type NameKind = 'action' | 'channel' | 'message type' | 'event' | 'state' | 'configuration';

/** A name the manifest does not declare (action, channel, message type, event, state, configuration). */
export class UnknownNameError extends IntcRuntimeError {
  override name = 'UnknownNameError';
  constructor(
    readonly kind: NameKind,
    readonly unknownName: string,
    known: readonly string[],
    where = '',
  ) {
    super(`Unknown ${kind} ${JSON.stringify(unknownName)}${where}. ${knownList(kind, known)}`);
  }
}

/** The implementation has no handler for a name the manifest declares. */
export class MissingHandlerError extends IntcRuntimeError {
  override name = 'MissingHandlerError';
}

/** The client has no conversation, user, message or state with that id or name. */
export class NotFoundError extends IntcRuntimeError {
  override name = 'NotFoundError';
}

/**
 * Redacts secret values from whatever leaves the runtime: the message and
 * stack of any error (the runtime's own, which may quote what the caller
 * gave, and a handler's, which may quote a token from a failed request), and
 * a thrown string. An error whose fields cannot be written is left as it is.
 */
export function redactError(error: unknown, redact: (text: string) => string): unknown {
  if (typeof error === 'string') return redact(error);
  if (!(error instanceof Error)) return error;
  try {
    error.message = redact(error.message);
    if (error.stack !== undefined) error.stack = redact(error.stack);
  } catch {
    // A frozen error: nothing to do without replacing it.
  }
  return error;
}

const LISTED = 10;

function knownList(kind: NameKind, known: readonly string[]): string {
  if (known.length === 0) return `The manifest declares no ${kind === 'message type' ? 'message types' : `${kind}s`}.`;
  const shown = [...known].sort().slice(0, LISTED);
  const more = known.length > LISTED ? `, … (${known.length - LISTED} more)` : '';
  return `Declared: ${shown.join(', ')}${more}.`;
}
