/**
 * Secrets come from the environment at start-up (a variable of the secret's
 * own name); a required one that is absent or empty stops the start with an
 * error naming every such secret. Their values are then redacted from logs.
 */
import { MissingSecretError } from './errors.js';
import { defineOwn } from './values.js';

export type Environment = { readonly [name: string]: string | undefined };

/** The secrets by name (an absent optional one is `undefined`). */
export function readSecrets(
  declared: { readonly required: readonly string[]; readonly optional: readonly string[] },
  env: Environment,
): Record<string, string | undefined> {
  const secrets: Record<string, string | undefined> = {};
  const valueOf = (name: string) => {
    const value = Object.hasOwn(env, name) ? env[name] : undefined;
    return value === '' ? undefined : value;
  };
  for (const name of [...declared.required, ...declared.optional].sort()) {
    defineOwn(secrets, name, valueOf(name));
  }
  const missing = declared.required.filter((name) => valueOf(name) === undefined).sort();
  if (missing.length > 0) throw new MissingSecretError(missing);
  return secrets;
}

/** The process environment where there is one (Node, Bun, Deno with compat), else nothing. */
export function processEnvironment(): Environment {
  const host = globalThis as { process?: { env?: Environment } };
  return host.process?.env ?? {};
}

export const REDACTED = '[redacted]';

/**
 * Replaces every occurrence of the given values (and of their JSON-escaped
 * form, as they appear inside `JSON.stringify` output), longest first.
 */
export function createRedactor(values: readonly (string | undefined)[]): (text: string) => string {
  return new Redactor(values).redact;
}

/**
 * The values to keep out of logs and errors, growing as the runtime learns
 * them (secret-marked fields of a state read after start): `redact` always
 * uses every value added so far. Each occurrence of a value, raw or
 * JSON-escaped, becomes `[redacted]`, in one pass (longest values first), so
 * a value is never found inside the marker that replaced another.
 */
export class Redactor {
  readonly #forms = new Set<string>();
  #pattern: RegExp | undefined;

  constructor(values: Iterable<string | undefined> = []) {
    this.add(values);
  }

  /** Adds values (absent and empty ones are ignored). */
  add(values: Iterable<string | undefined>): void {
    const before = this.#forms.size;
    for (const value of values) {
      if (value === undefined || value === '') continue;
      this.#forms.add(value);
      this.#forms.add(JSON.stringify(value).slice(1, -1));
    }
    if (this.#forms.size === before) return;
    const sorted = [...this.#forms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.#pattern = new RegExp(sorted.map(escapeRegExp).join('|'), 'g');
  }

  /** `text` with every value added so far replaced by `[redacted]`. */
  readonly redact = (text: string): string => (this.#pattern === undefined ? text : text.replace(this.#pattern, REDACTED));
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}
