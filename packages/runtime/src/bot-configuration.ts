/**
 * Fills the `${VAR}` placeholders of a bot's configurations from the
 * environment when the bot starts. A string may hold several placeholders
 * and text around them; a variable that is absent or empty stops the start
 * with an error naming every such variable and where it is used, never a
 * value. Only strings are filled (bot.yaml allows placeholders only where
 * the schema says string); the integration's own `start()` then checks the
 * result against its schema.
 */
import type { Installations } from './bot-spec.js';
import { MissingEnvironmentVariableError, type MissingVariable } from './errors.js';
import { processEnvironment, type Environment } from './secrets.js';
import { defineOwn, isPlainObject } from './values.js';

/** The same placeholder grammar bot.yaml is validated with. */
const PLACEHOLDER = /\$\{([A-Z_][A-Z0-9_]*)\}/g;

/** Alias → the configuration to start with (the generated `resolveConfigurations` types it per alias). */
export interface LooseConfigurations {
  readonly [alias: string]: { readonly configurationType: string | null; readonly configuration: { readonly [key: string]: unknown } };
}

export interface FilledConfigurations {
  readonly configurations: LooseConfigurations;
  /** Every value taken from the environment, to keep out of logs. */
  readonly filledValues: readonly string[];
}

/**
 * The installations' configurations with every placeholder filled from `env`
 * (default: `process.env` where there is one). Throws `MissingEnvironmentVariableError`.
 */
export function resolveConfigurations(installations: Installations, env?: Environment): LooseConfigurations {
  return fillConfigurations(installations, env).configurations;
}

/** `resolveConfigurations`, also returning the values filled in (for the bot's redactor). */
export function fillConfigurations(installations: Installations, env: Environment = processEnvironment()): FilledConfigurations {
  const filler = new PlaceholderFiller(env);
  const configurations: Record<string, LooseConfigurations[string]> = {};
  for (const alias of Object.keys(installations).sort()) {
    const { configurationType, configuration } = installations[alias]!;
    const filled = filler.fill(configuration, `integrations.${alias}.configuration`) as { [key: string]: unknown };
    defineOwn(configurations, alias, { configurationType, configuration: filled });
  }
  if (filler.missing.length > 0) throw new MissingEnvironmentVariableError(filler.missing);
  return { configurations, filledValues: [...filler.filledValues] };
}

class PlaceholderFiller {
  readonly missing: MissingVariable[] = [];
  readonly filledValues = new Set<string>();

  constructor(readonly env: Environment) {}

  /** A copy of the value with placeholders filled; `path` says where it is, for the error. */
  fill(value: unknown, path: string): unknown {
    if (typeof value === 'string') return this.#fillString(value, path);
    if (Array.isArray(value)) return value.map((item, index) => this.fill(item, `${path}[${index}]`));
    if (!isPlainObject(value)) return value;
    const result: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) defineOwn(result, key, this.fill(child, `${path}.${key}`));
    return result;
  }

  #fillString(text: string, path: string): string {
    // A function replacement: `$&` or `$1` in a variable's value stays literal, and a filled value is never read again.
    return text.replace(PLACEHOLDER, (placeholder, variable: string) => {
      const value = Object.hasOwn(this.env, variable) ? this.env[variable] : undefined;
      if (value === undefined || value === '') {
        this.missing.push({ variable, path });
        return placeholder;
      }
      this.filledValues.add(value);
      return value;
    });
  }
}
