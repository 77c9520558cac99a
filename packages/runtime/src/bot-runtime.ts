/**
 * The base of the generated `Bot` class: the bot's handlers and its
 * installations. `start()` runs every installed integration in this process,
 * each with its own configuration (placeholders filled from the
 * environment) and its own client, and connects them to the bot: what an
 * integration creates reaches the bot's handlers, and the bot's client
 * reaches the integrations' actions and channel handlers.
 */
import { createBotClient, type LooseInstance, type StartedAlias } from './bot-client.js';
import { fillConfigurations, type LooseConfigurations } from './bot-configuration.js';
import { dispatchTo, type LooseBotHandlers } from './bot-dispatch.js';
import type { AnyBotSpec, BotClient, BotHandlers, BotIntegrations, Installation, Installations } from './bot-spec.js';
import type { ClientContract } from './client-contract.js';
import { IntcRuntimeError } from './errors.js';
import type { WebhookRequest } from './handlers.js';
import type { CreatedListener } from './created-listeners.js';
import { InMemoryClient } from './in-memory-client.js';
import type { IntegrationInstance, WebhookResult } from './instance.js';
import type { IntegrationMetadata, IntegrationRuntime } from './integration-runtime.js';
import { consoleSink, createLogger, type Logger, type LogLevel, type LogSink } from './logger.js';
import { createRedactor, processEnvironment, type Environment } from './secrets.js';
import type { AnySpec } from './spec.js';
import { defineOwn, own } from './values.js';

/** A client the bot can listen to: it announces every message and event it creates. */
export interface ListenableClient extends ClientContract {
  onCreated(listener: CreatedListener): () => void;
}

type AliasOf<B extends AnyBotSpec> = Extract<keyof B, string>;

export interface BotStartOptions<B extends AnyBotSpec, C extends ListenableClient = InMemoryClient> {
  /** Alias → the integration to run (the `Integration` object its `src/index.ts` exports). */
  readonly integrations: BotIntegrations<B>;
  /**
   * Where placeholders and the integrations' secrets are read from (default:
   * `process.env`). An alias's secret is read from `<ALIAS>_<SECRET>` first
   * (e.g. `SUPPORT_WEBHOOK_SECRET`), then from `<SECRET>`.
   */
  readonly env?: Environment;
  /** Where log lines go, integration lines prefixed with their alias (default: the console). */
  readonly logger?: LogSink;
  /** Alias → its client (default: a new `InMemoryClient` each; never one client for two aliases). */
  readonly clients?: { readonly [A in AliasOf<B>]?: C };
  /** An alias's webhook URL is `<webhookBaseUrl>/<alias>` (default `http://localhost/webhooks`). */
  readonly webhookBaseUrl?: string;
  /** More values to keep out of logs, besides secrets and the values filled into configurations. */
  readonly redact?: readonly string[];
}

export type BotInstances<B extends AnyBotSpec, C extends ClientContract> = {
  readonly [A in AliasOf<B>]: IntegrationInstance<B[A]['spec'], C>;
};

/** A started bot: its client, its integrations' instances, and the way in for webhook requests. */
export class RunningBot<B extends AnyBotSpec, C extends ClientContract = InMemoryClient> {
  constructor(
    /** What the bot's handlers get as `client`, for calls from outside a handler. */
    readonly client: BotClient<B>,
    /** Alias → the started integration (its `client` holds what it created). */
    readonly instances: BotInstances<B, C>,
    /** The bot's logger, with every secret and filled-in value redacted. */
    readonly logger: Logger,
  ) {}

  /** Hands a webhook request to the alias's integration; the bot's handlers have run when it resolves. */
  async handleWebhook(alias: AliasOf<B>, request?: Partial<WebhookRequest>): Promise<WebhookResult> {
    return this.#instance(alias).handleWebhook(request);
  }

  /** Registers every alias (in alias order), e.g. to set each platform's webhook. */
  async register(): Promise<void> {
    for (const alias of this.#aliases()) await this.#instance(alias).register();
  }

  async unregister(): Promise<void> {
    for (const alias of this.#aliases()) await this.#instance(alias).unregister();
  }

  #aliases(): AliasOf<B>[] {
    return Object.keys(this.instances).sort() as AliasOf<B>[];
  }

  #instance(alias: string): IntegrationInstance<AnySpec, C> {
    const instance = own(this.instances as { readonly [alias: string]: IntegrationInstance<AnySpec, C> }, alias);
    if (instance === undefined) throw new IntcRuntimeError(`Unknown alias ${JSON.stringify(alias)}. ${aliasList(Object.keys(this.instances))}`);
    return instance;
  }
}

/** The integration with names and configuration as plain values, for starting it by alias. */
type LooseRuntime = IntegrationRuntime<AnySpec> & {
  start(options: object): LooseInstance & IntegrationInstance<AnySpec, ClientContract>;
};

/** A started alias, with the instance as `RunningBot.instances` shows it. */
type RunningAlias = StartedAlias & { readonly instance: LooseInstance & IntegrationInstance<AnySpec, ClientContract> };

export class BotRuntime<B extends AnyBotSpec> {
  constructor(
    readonly handlers: BotHandlers<B>,
    readonly installations: Installations,
  ) {}

  /**
   * Throws `MissingEnvironmentVariableError` (a placeholder's variable), and
   * for an alias, prefixed with `integrations.<alias>:`, what the
   * integration's `start()` throws (`MissingSecretError`, `ConfigurationError`…).
   */
  start<C extends ListenableClient = InMemoryClient>(options: BotStartOptions<B, C>): RunningBot<B, C> {
    const loose = options as BotStartOptions<AnyBotSpec, ListenableClient>;
    const integrations = checkIntegrations(this.installations, loose.integrations as { readonly [alias: string]: LooseRuntime });
    const { configurations, filledValues } = fillConfigurations(this.installations, options.env);
    const redact = [...filledValues, ...(options.redact ?? [])];
    const sink = options.logger ?? consoleSink();
    const aliases = Object.keys(this.installations).sort();
    const clients = pickClients(aliases, loose.clients);
    const started = aliases.map((alias) => {
      const [integration, installation, client] = [integrations[alias]!, this.installations[alias]!, clients[alias]!];
      return startAlias({ alias, integration, installation, configurations, client, redact, sink, options: loose });
    });
    // Every alias's secrets and secret-marked fields, as they are learnt, besides the values filled into configurations.
    const botRedact = createRedactor(redact);
    const logger = createLogger(sink, (text) => started.reduce((line, { instance }) => instance.redact(line), botRedact(text)));
    const client = createBotClient(started);
    const handlers = this.handlers as LooseBotHandlers;
    for (const alias of started) clients[alias.alias]!.onCreated(dispatchTo({ started: alias, handlers, client, logger }));
    const instances = Object.fromEntries(started.map(({ alias, instance }) => [alias, instance]));
    return new RunningBot<B, C>(client as unknown as BotClient<B>, instances as BotInstances<B, C>, logger);
  }
}

interface AliasStart {
  readonly alias: string;
  readonly integration: LooseRuntime;
  readonly installation: Installation;
  readonly configurations: LooseConfigurations;
  readonly client: ListenableClient;
  readonly redact: readonly string[];
  readonly sink: LogSink;
  readonly options: BotStartOptions<AnyBotSpec, ListenableClient>;
}

function startAlias(start: AliasStart): RunningAlias {
  const { alias, integration, options } = start;
  const { configurationType, configuration } = start.configurations[alias]!;
  const baseUrl = options.webhookBaseUrl ?? 'http://localhost/webhooks';
  try {
    const instance = integration.start({
      configurationType,
      configuration,
      env: aliasEnvironment(alias, integration.metadata.secrets, options.env ?? processEnvironment()),
      client: start.client,
      logger: prefixed(start.sink, alias),
      webhookUrl: `${baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(alias)}`,
      ids: { integrationId: alias, webhookId: alias },
      redact: start.redact,
    });
    return { alias, instance, actions: Object.keys(integration.validators.actions), disabledChannels: start.installation.disabledChannels };
  } catch (error) {
    throw withAlias(error, alias);
  }
}

/** Every installed alias has an integration, and it is the one installed. */
function checkIntegrations(
  installations: Installations,
  given: { readonly [alias: string]: LooseRuntime } | undefined,
): { readonly [alias: string]: LooseRuntime } {
  const integrations = given ?? {};
  for (const alias of Object.keys(installations).sort()) {
    const integration = own(integrations, alias);
    const expected = installations[alias]!.integration;
    if (integration === undefined) {
      throw new IntcRuntimeError(`No integration given for ${JSON.stringify(alias)}: pass start({ integrations: { ${alias}: <the ${expected} Integration> } }).`);
    }
    if (integration.metadata.name !== expected) {
      throw new IntcRuntimeError(
        `${JSON.stringify(alias)} installs integration ${JSON.stringify(expected)}, but the integration given for it is ${JSON.stringify(integration.metadata.name)}.`,
      );
    }
  }
  return integrations;
}

/** Each alias needs a client of its own: one shared would hand every message to both aliases. */
function pickClients(
  aliases: readonly string[],
  given: { readonly [alias: string]: ListenableClient | undefined } | undefined,
): { [alias: string]: ListenableClient } {
  const clients: { [alias: string]: ListenableClient } = {};
  const owners = new Map<ListenableClient, string>();
  for (const alias of aliases) {
    const client = own(given, alias) ?? new InMemoryClient();
    const owner = owners.get(client);
    if (owner !== undefined) throw new IntcRuntimeError(`${JSON.stringify(owner)} and ${JSON.stringify(alias)} were given the same client: each alias needs its own.`);
    if (typeof client.onCreated !== 'function') {
      throw new IntcRuntimeError(`The client given for ${JSON.stringify(alias)} has no onCreated(listener): the bot could not receive its messages.`);
    }
    owners.set(client, alias);
    defineOwn(clients, alias, client);
  }
  return clients;
}

/**
 * The environment an alias's integration reads its secrets from: each
 * secret from `<ALIAS>_<SECRET>` (the alias in SCREAMING_SNAKE_CASE:
 * `mainChannel` → `MAIN_CHANNEL_WEBHOOK_SECRET`) when that is set and not
 * empty, else from `<SECRET>`, so two installations of one integration can
 * have different secrets.
 */
export function aliasEnvironment(alias: string, secrets: IntegrationMetadata['secrets'], env: Environment): Environment {
  const prefix = `${screamingSnake(alias)}_`;
  const view: { [name: string]: string | undefined } = { ...env };
  for (const name of [...secrets.required, ...secrets.optional]) {
    const own = Object.hasOwn(env, prefix + name) ? env[prefix + name] : undefined;
    if (own !== undefined && own !== '') defineOwn(view, name, own);
  }
  return view;
}

/** `mainChannel` → `MAIN_CHANNEL`, `support-2` → `SUPPORT_2`. */
export function screamingSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

/** The sink with each line prefixed by the alias, so two installations of one integration can be told apart. */
function prefixed(sink: LogSink, alias: string): LogSink {
  const write = typeof sink === 'function' ? sink : (level: LogLevel, line: string) => sink[level](line);
  return (level, line) => write(level, `${alias}: ${line}`);
}

/** Says which alias an integration's start-up error is about. */
function withAlias(error: unknown, alias: string): unknown {
  if (error instanceof IntcRuntimeError) {
    const message = `integrations.${alias}: ${error.message}`;
    if (error.stack !== undefined) error.stack = error.stack.replace(error.message, message);
    error.message = message;
  }
  return error;
}

function aliasList(aliases: readonly string[]): string {
  return aliases.length === 0 ? 'The bot installs no integration.' : `Installed: ${[...aliases].sort().join(', ')}.`;
}
