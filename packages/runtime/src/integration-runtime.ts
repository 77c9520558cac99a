/**
 * The base of every generated `Integration` class. It holds the
 * implementation, the manifest's metadata and the generated validators;
 * `start()` reads secrets, parses the configuration, learns the values to
 * redact (secrets, secret-marked configuration fields) and gives back an
 * instance that dispatches calls to the handlers.
 */
import type { ClientContract } from './client-contract.js';
import { selectConfiguration } from './configuration.js';
import type { IntegrationImplementation } from './handlers.js';
import { redactError } from './errors.js';
import { InMemoryClient } from './in-memory-client.js';
import { IntegrationInstance } from './instance.js';
import { consoleSink, createLogger, type LogSink } from './logger.js';
import { configurationSecretPaths, secretValues, type SecretFields } from './secret-fields.js';
import { processEnvironment, readSecrets, Redactor, type Environment } from './secrets.js';
import type { AnySpec, ConfigurationName, Context, GivenOf, StateScope } from './spec.js';
import type { Validators } from './validators.js';

/** What the generated code knows about the manifest besides its types and validators. */
export interface IntegrationMetadata {
  readonly name: string;
  readonly version: string;
  /** Secret names, sorted. */
  readonly secrets: { readonly required: readonly string[]; readonly optional: readonly string[] };
  /** State names by scope, sorted. */
  readonly states: { readonly [Scope in StateScope]: readonly string[] };
  /** Names of the named configurations (`configurations:`), sorted. */
  readonly configurations: readonly string[];
  /** Where configurations and states hold secret-marked values (absent: nowhere). */
  readonly secretFields?: SecretFields;
}

/** The configuration to start with (as given: defaults are filled in): the default one, or a named one picked by `configurationType`. */
export type ConfigurationOption<S extends AnySpec> =
  | ({ readonly configurationType?: null } & ({} extends GivenOf<S['configuration']>
      ? { readonly configuration?: GivenOf<S['configuration']> }
      : { readonly configuration: GivenOf<S['configuration']> }))
  | {
      [K in ConfigurationName<S>]: { readonly configurationType: K; readonly configuration: GivenOf<S['configurations'][K]> };
    }[ConfigurationName<S>];

export interface InstanceIds {
  readonly integrationId?: string;
  readonly webhookId?: string;
  readonly botId?: string;
}

export type StartOptions<S extends AnySpec, C extends ClientContract> = ConfigurationOption<S> & {
  /** Where secrets are read from (default: `process.env`). */
  readonly env?: Environment;
  /** Default: a new `InMemoryClient`. */
  readonly client?: C;
  /** Where log lines go, secrets redacted (default: the console). */
  readonly logger?: LogSink;
  /** Handed to `register` (default: `http://localhost/webhooks/<webhookId>`). */
  readonly webhookUrl?: string;
  readonly ids?: InstanceIds;
  /** More values to keep out of logs and errors, besides the secrets and the secret-marked fields. */
  readonly redact?: readonly string[];
};

export class IntegrationRuntime<S extends AnySpec> {
  constructor(
    readonly implementation: IntegrationImplementation<S>,
    readonly metadata: IntegrationMetadata,
    readonly validators: Validators,
  ) {}

  /** Throws `MissingSecretError`, `ConfigurationError` or `UnknownNameError` (configuration type). */
  start<C extends ClientContract = InMemoryClient>(options: StartOptions<S, C>): IntegrationInstance<S, C> {
    const secrets = readSecrets(this.metadata.secrets, options.env ?? processEnvironment());
    const redactor = new Redactor([...Object.values(secrets), ...(options.redact ?? [])]);
    // Secret-marked fields of the configuration as given (its check may fail), then as parsed (defaults included).
    const secretPaths = configurationSecretPaths(this.metadata.secretFields, options.configurationType ?? null);
    redactor.add(secretValues(options.configuration, secretPaths));
    const logger = createLogger(options.logger ?? consoleSink(), redactor.redact);
    const configuration = withRedactedErrors(redactor.redact, () => selectConfiguration(options, this.metadata.configurations, this.validators, redactor.redact));
    redactor.add(secretValues(configuration.configuration, secretPaths));
    const ids = { integrationId: 'local-integration', webhookId: 'local-webhook', botId: 'local-bot', ...definedIds(options.ids) };
    const ctx = { ...configuration, secrets, ...ids } as Context<S>;
    const client = options.client ?? (new InMemoryClient() as unknown as C);
    client.useDefinition?.({ validators: this.validators, states: stateScopes(this.metadata.states) });
    return new IntegrationInstance<S, C>({
      implementation: this.implementation,
      validators: this.validators,
      ctx,
      client,
      logger,
      redactor,
      secretFields: this.metadata.secretFields,
      webhookUrl: options.webhookUrl ?? `http://localhost/webhooks/${ids.webhookId}`,
    });
  }
}

function withRedactedErrors<T>(redact: (text: string) => string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw redactError(error, redact);
  }
}

function stateScopes(states: IntegrationMetadata['states']): Map<string, StateScope> {
  const scopes = new Map<string, StateScope>();
  for (const scope of ['integration', 'conversation', 'user'] as const) for (const name of states[scope]) scopes.set(name, scope);
  return scopes;
}

function definedIds(ids: InstanceIds | undefined): InstanceIds {
  return Object.fromEntries(Object.entries(ids ?? {}).filter(([, value]) => value !== undefined));
}
