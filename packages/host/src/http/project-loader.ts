/**
 * Loads a project's modules and starts them on the store: each integration
 * with the store's client for its name, its configuration from the
 * environment (environment.ts) and its webhook URL; each bot with every
 * installed integration in-process (the runtime's BotRuntime), one client
 * per alias (`<bot>/<alias>`). The result is the project's targets: every
 * integration name and bot alias a route can name. Modules are recognised
 * by what they offer, not by class: they come from the user's copy of the
 * runtime.
 */
import type { Environment, IntegrationInstance, LogSink, WebhookResult, WebhookRequest, AnySpec } from '@intc/runtime';
import type { Store } from '../store/store.js';
import type { StoreClient } from '../store/store-client.js';
import { configurationFromEnvironment } from './environment.js';
import { ProjectError } from './host-errors.js';
import type { HostedBotUnit, HostedIntegrationUnit, HostProject, HostedUnit } from './project.js';

/** A started integration as the host drives it (an `IntegrationInstance` of the user's runtime). */
export type HostedInstance = Pick<IntegrationInstance<AnySpec, StoreClient>, 'ctx' | 'webhookUrl' | 'register' | 'unregister' | 'redact'> & {
  callAction(name: string, input: unknown): Promise<unknown>;
  handleWebhook(request: Partial<WebhookRequest>): Promise<WebhookResult>;
};

/** What a route can name: an integration the project runs, or an alias of one of its bots. */
export interface Target {
  /** The integration's name, or the alias. */
  readonly name: string;
  readonly kind: 'integration' | 'alias';
  /** The integration's or the bot's name. */
  readonly unit: string;
  /** The name of the integration that runs. */
  readonly integration: string;
  readonly namespace: string;
  readonly instance: HostedInstance;
  readonly client: StoreClient;
  /** The integration's action names, sorted. */
  readonly actions: readonly string[];
  /** The resolved integration definition, when the project gave it. */
  readonly definition?: unknown;
  /** The channels the bot disables for this alias (none for an integration). */
  readonly disabledChannels: readonly string[];
}

export interface StartedProject {
  /** By name, sorted. */
  readonly targets: ReadonlyMap<string, Target>;
}

export interface StartContext {
  readonly store: Store;
  readonly env: Environment;
  /** `http://127.0.0.1:3000/webhooks` (or the public URL's): a target's webhook URL is `<base>/<name>`. */
  readonly webhookBase: string;
  /** Where a unit's handlers log (the host's log, tagged with the unit). */
  readonly sink: (unit: string) => LogSink;
  /** Called with each client before anything runs on it (the dev console listens to them). */
  readonly observe?: (target: string, client: StoreClient) => void;
}

interface LooseIntegration {
  readonly metadata: { readonly name: string };
  readonly validators: { readonly actions: { readonly [name: string]: unknown } };
  start(options: object): HostedInstance;
}

interface LooseBot {
  readonly installations: { readonly [alias: string]: { readonly integration: string; readonly disabledChannels?: readonly string[] } };
  start(options: object): { readonly instances: { readonly [alias: string]: HostedInstance } };
}

type LoadedUnit =
  | { readonly unit: HostedIntegrationUnit; readonly integration: LooseIntegration }
  | { readonly unit: HostedBotUnit; readonly bot: LooseBot; readonly integrations: { readonly [alias: string]: LooseIntegration } };

/** Every unit's modules, loaded and checked; throws `ProjectError` naming each module that is not what it should be. */
export async function loadProject(project: HostProject): Promise<readonly LoadedUnit[]> {
  return Promise.all(project.units.map(loadUnit));
}

async function loadUnit(unit: HostedUnit): Promise<LoadedUnit> {
  if (unit.kind === 'integration') return { unit, integration: asIntegration(await unit.load(), `integration ${JSON.stringify(unit.name)}`) };
  const bot = asBot(await unit.load(), unit.name);
  const integrations: { [alias: string]: LooseIntegration } = {};
  for (const alias of Object.keys(unit.integrations).sort()) {
    const expected = bot.installations[alias]?.integration;
    const module = asIntegration(await unit.integrations[alias]!.load(), `the integration of alias ${JSON.stringify(alias)} of bot ${JSON.stringify(unit.name)}`);
    if (expected !== undefined && module.metadata.name !== expected) {
      throw new ProjectError(`Alias ${JSON.stringify(alias)} of bot ${JSON.stringify(unit.name)} installs ${JSON.stringify(expected)}, but its module is ${JSON.stringify(module.metadata.name)}.`);
    }
    Object.defineProperty(integrations, alias, { value: module, enumerable: true });
  }
  return { unit, bot, integrations };
}

function asIntegration(value: unknown, what: string): LooseIntegration {
  const candidate = value as Partial<LooseIntegration> | undefined;
  if (typeof candidate?.start !== 'function' || typeof candidate.metadata?.name !== 'string' || typeof candidate.validators !== 'object') {
    throw new ProjectError(`The module of ${what} does not export an integration: its src/index.ts must \`export default new Integration({ … })\` (its default export is ${describe(value)}).`);
  }
  return candidate as LooseIntegration;
}

function asBot(value: unknown, name: string): LooseBot {
  const candidate = value as Partial<LooseBot> | undefined;
  if (typeof candidate?.start !== 'function' || typeof candidate.installations !== 'object' || candidate.installations === null) {
    throw new ProjectError(`The module of bot ${JSON.stringify(name)} does not export a bot: its src/index.ts must \`export default new Bot({ … })\` (its default export is ${describe(value)}).`);
  }
  return candidate as LooseBot;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value !== 'object') return `a ${typeof value}`;
  return `an object with ${Object.keys(value).sort().join(', ') || 'no keys'}`;
}

/**
 * Starts every unit on the store. Throws `ProjectError` when two targets
 * share a name, and what a start throws (a missing secret, a configuration
 * that does not fit, a missing variable), with the unit named.
 */
export async function startProject(loaded: readonly LoadedUnit[], context: StartContext): Promise<StartedProject> {
  checkNames(loaded);
  const targets: Target[] = [];
  for (const entry of loaded) {
    if ('integration' in entry) targets.push(await startIntegration(entry.unit, entry.integration, context));
    else targets.push(...(await startBot(entry.unit, entry.bot, entry.integrations, context)));
  }
  return { targets: new Map(targets.sort((a, b) => (a.name < b.name ? -1 : 1)).map((target) => [target.name, target])) };
}

function checkNames(loaded: readonly LoadedUnit[]): void {
  const owners = new Map<string, string>();
  for (const entry of loaded) {
    const names = 'integration' in entry ? [entry.unit.name] : Object.keys(entry.unit.integrations);
    const owner = 'integration' in entry ? `integration ${JSON.stringify(entry.unit.name)}` : `bot ${JSON.stringify(entry.unit.name)}`;
    for (const name of names) {
      const other = owners.get(name);
      if (other !== undefined) {
        throw new ProjectError(`Two routes would be named ${JSON.stringify(name)} (${other} and ${owner}): host them separately, or rename an alias in bot.yaml.`);
      }
      owners.set(name, owner);
    }
  }
}

async function startIntegration(unit: HostedIntegrationUnit, integration: LooseIntegration, context: StartContext): Promise<Target> {
  if (integration.metadata.name !== unit.name) {
    throw new ProjectError(`The module of integration ${JSON.stringify(unit.name)} is integration ${JSON.stringify(integration.metadata.name)}: build the project again.`);
  }
  const client = await context.store.client(unit.name);
  context.observe?.(unit.name, client);
  const configuration = configurationFromEnvironment(unit.name, context.env);
  const instance = startWith(`integration ${JSON.stringify(unit.name)}`, configuration.hint, () =>
    integration.start({
      ...configuration.option,
      env: context.env,
      client,
      logger: context.sink(unit.name),
      webhookUrl: `${context.webhookBase}/${encodeURIComponent(unit.name)}`,
      ids: { integrationId: unit.name, webhookId: unit.name },
    }),
  );
  return {
    name: unit.name,
    kind: 'integration',
    unit: unit.name,
    integration: unit.name,
    namespace: unit.name,
    instance,
    client,
    actions: Object.keys(integration.validators.actions).sort(),
    disabledChannels: [],
    ...(unit.definition === undefined ? {} : { definition: unit.definition }),
  };
}

async function startBot(unit: HostedBotUnit, bot: LooseBot, integrations: { readonly [alias: string]: LooseIntegration }, context: StartContext): Promise<Target[]> {
  const aliases = Object.keys(integrations).sort();
  const clients: { [alias: string]: StoreClient } = {};
  for (const alias of aliases) {
    const client = await context.store.client(`${unit.name}/${alias}`);
    context.observe?.(alias, client);
    Object.defineProperty(clients, alias, { value: client, enumerable: true });
  }
  const running = startWith(`bot ${JSON.stringify(unit.name)}`, undefined, () =>
    bot.start({ integrations, env: context.env, logger: context.sink(unit.name), clients, webhookBaseUrl: context.webhookBase }),
  );
  return aliases.map((alias) => {
    const definition = unit.integrations[alias]!.definition;
    return {
      name: alias,
      kind: 'alias' as const,
      unit: unit.name,
      integration: integrations[alias]!.metadata.name,
      namespace: `${unit.name}/${alias}`,
      instance: running.instances[alias]!,
      client: clients[alias]!,
      actions: Object.keys(integrations[alias]!.validators.actions).sort(),
      disabledChannels: [...(bot.installations[alias]?.disabledChannels ?? [])].sort(),
      ...(definition === undefined ? {} : { definition }),
    };
  });
}

/** Runs a start; its error (already redacted by the runtime) says which unit failed, and how to configure it when that is the problem. */
function startWith<T>(what: string, hint: string | undefined, start: () => T): T {
  try {
    return start();
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const configurationProblem = error instanceof Error && error.name === 'ConfigurationError';
    throw new ProjectError(`Cannot start ${what}: ${message}${configurationProblem && hint !== undefined ? ` ${hint}` : ''}`);
  }
}
