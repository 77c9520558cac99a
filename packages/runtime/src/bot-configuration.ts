/**
 * Fills the `${VAR}` placeholders of a bot's configurations from the
 * environment when the bot starts. A string may hold several placeholders
 * and text around them; a variable that is absent or empty stops the start
 * with an error naming every such variable and where it is used, never a
 * value. A placeholder that is a whole value where the schema wants a
 * number, integer or boolean (the installation's `placeholderTypes`, which
 * intc generates from the schema) is converted: `'${GITHUB_APP_ID}'` → 123;
 * text that is not one stops the start, naming the variable and the field.
 * The integration's own `start()` then checks the result against its schema.
 */
import type { Installations, PlaceholderTypes } from './bot-spec.js';
import {
  InvalidEnvironmentVariableError,
  MissingEnvironmentVariableError,
  type MissingVariable,
  type PlaceholderType,
  type UnconvertibleVariable,
} from './errors.js';
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
    const { configurationType, configuration, placeholderTypes } = installations[alias]!;
    const filled = filler.fill(configuration, { path: `integrations.${alias}.configuration`, pointer: '', types: placeholderTypes ?? {} });
    defineOwn(configurations, alias, { configurationType, configuration: filled as { [key: string]: unknown } });
  }
  if (filler.missing.length > 0) throw new MissingEnvironmentVariableError(filler.missing);
  if (filler.invalid.length > 0) throw new InvalidEnvironmentVariableError(filler.invalid);
  return { configurations, filledValues: [...filler.filledValues] };
}

/** Where a value is: its path for messages, its JSON pointer in the configuration, and the alias's placeholder types. */
interface Place {
  readonly path: string;
  readonly pointer: string;
  readonly types: PlaceholderTypes;
}

/** A value that is one placeholder and nothing else. */
const WHOLE_PLACEHOLDER = /^\$\{([A-Z_][A-Z0-9_]*)\}$/;

class PlaceholderFiller {
  readonly missing: MissingVariable[] = [];
  readonly invalid: UnconvertibleVariable[] = [];
  readonly filledValues = new Set<string>();

  constructor(readonly env: Environment) {}

  /** A copy of the value with placeholders filled (and converted where the schema wants it). */
  fill(value: unknown, place: Place): unknown {
    if (typeof value === 'string') return this.#fillValue(value, place);
    const child = (key: string | number, path: string): Place => ({ path, pointer: `${place.pointer}/${escapePointer(String(key))}`, types: place.types });
    if (Array.isArray(value)) return value.map((item, index) => this.fill(item, child(index, `${place.path}[${index}]`)));
    if (!isPlainObject(value)) return value;
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) defineOwn(result, key, this.fill(item, child(key, `${place.path}.${key}`)));
    return result;
  }

  #fillValue(text: string, place: Place): unknown {
    const expected = Object.hasOwn(place.types, place.pointer) ? place.types[place.pointer] : undefined;
    const variable = WHOLE_PLACEHOLDER.exec(text)?.[1];
    const filled = this.#fillString(text, place.path);
    if (expected === undefined || variable === undefined || filled === text) return filled;
    const converted = convert(filled, expected);
    if (converted === undefined) this.invalid.push({ variable, path: place.path, expected });
    return converted ?? filled;
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

/** The variable's text as the field's type, or undefined when it is not one (surrounding whitespace ignored). */
function convert(text: string, type: PlaceholderType): number | boolean | undefined {
  const trimmed = text.trim();
  if (type === 'boolean') return trimmed === 'true' ? true : trimmed === 'false' ? false : undefined;
  const pattern = type === 'integer' ? /^[+-]?\d+$/ : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
  if (!pattern.test(trimmed)) return undefined;
  const number = Number(trimmed);
  return type === 'integer' ? (Number.isSafeInteger(number) ? number : undefined) : Number.isFinite(number) ? number : undefined;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
