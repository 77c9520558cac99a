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
  const forms = new Set<string>();
  for (const value of values) {
    if (value === undefined || value === '') continue;
    forms.add(value);
    forms.add(JSON.stringify(value).slice(1, -1));
  }
  const sorted = [...forms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  if (sorted.length === 0) return (text) => text;
  return (text) => sorted.reduce((result, form) => result.split(form).join(REDACTED), text);
}
