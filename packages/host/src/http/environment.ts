/**
 * An integration the host runs on its own takes its configuration from the
 * environment: `<NAME>_CONFIGURATION` holds it as JSON, and
 * `<NAME>_CONFIGURATION_TYPE` names a configuration of `configurations:`
 * (absent: the default one). `<NAME>` is the integration's name in
 * SCREAMING_SNAKE_CASE (`telegram` → `TELEGRAM`, `acme/crm-sync` →
 * `ACME_CRM_SYNC`). Secrets come from variables of their own names, as
 * everywhere in the runtime. A bot's installations have their
 * configurations in bot.yaml (with `${VAR}` placeholders) and their secrets
 * per alias (`<ALIAS>_<SECRET>`, then `<SECRET>`: the runtime's BotRuntime).
 */
import type { Environment } from '@intc/runtime';
import { ProjectError } from './host-errors.js';

export interface EnvironmentConfiguration {
  /** What `start()` takes: `configuration` and `configurationType` when the environment sets them. */
  readonly option: { readonly configuration?: unknown; readonly configurationType?: string };
  /** How to set it, told when the configuration does not fit. */
  readonly hint: string;
}

export function configurationVariable(integration: string): string {
  return `${integration.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}_CONFIGURATION`;
}

/** Throws `ProjectError` when the variable is not a JSON object (never quoting it: it may hold secrets). */
export function configurationFromEnvironment(integration: string, env: Environment): EnvironmentConfiguration {
  const variable = configurationVariable(integration);
  const hint = `Set ${variable} to the configuration as JSON (and ${variable}_TYPE to pick a named configuration).`;
  const text = valueOf(env, variable);
  const type = valueOf(env, `${variable}_TYPE`);
  const option: { configuration?: unknown; configurationType?: string } = {};
  if (type !== undefined) option.configurationType = type;
  if (text === undefined) return { option, hint };
  let configuration: unknown;
  try {
    configuration = JSON.parse(text);
  } catch {
    throw new ProjectError(`${variable} is not valid JSON: write the configuration of integration ${JSON.stringify(integration)} as a JSON object.`);
  }
  if (typeof configuration !== 'object' || configuration === null || Array.isArray(configuration)) {
    throw new ProjectError(`${variable} must hold a JSON object: the configuration of integration ${JSON.stringify(integration)}.`);
  }
  option.configuration = configuration;
  return { option, hint };
}

function valueOf(env: Environment, name: string): string | undefined {
  const value = Object.hasOwn(env, name) ? env[name] : undefined;
  return value === '' ? undefined : value;
}
