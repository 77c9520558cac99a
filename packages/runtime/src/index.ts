/**
 * `@intc/runtime`: what generated integration code runs on. The generated
 * `Integration` class extends `IntegrationRuntime`; tests and local runs use
 * `integration.start({ … })` and the `InMemoryClient`. The generated `Bot`
 * class extends `BotRuntime`, which runs a bot's integrations in-process.
 */
export * from './ajv-helpers.js';
export { resolveConfigurations, type LooseConfigurations } from './bot-configuration.js';
export { BotRuntime, RunningBot, type BotInstances, type BotStartOptions, type ListenableClient } from './bot-runtime.js';
export type * from './bot-spec.js';
export { viaInterface, type InterfaceActions, type InterfaceMapping } from './bot-interfaces.js';
export type * from './client-contract.js';
export {
  channelMessages,
  checkMessageChannel,
  checkStateKey,
  definedTags,
  eventTargets,
  recordNotFound,
  stateNotFound,
  storedEventPayload,
  storedMessagePayload,
  storedStatePayload,
  updatedStatePayload,
} from './client-rules.js';
export { CreatedListeners, type CreatedListener, type CreatedRecord } from './created-listeners.js';
export {
  ConfigurationError,
  InputValidationError,
  IntcRuntimeError,
  InvalidEnvironmentVariableError,
  MissingEnvironmentVariableError,
  MissingHandlerError,
  MissingSecretError,
  NotFoundError,
  OutputValidationError,
  PayloadValidationError,
  UnknownNameError,
  ValidationError,
  type MissingVariable,
  type NameKind,
  type PlaceholderType,
  type UnconvertibleVariable,
} from './errors.js';
export type * from './handlers.js';
export { InMemoryClient } from './in-memory-client.js';
export { IntegrationInstance, type OutgoingMessage, type WebhookResult } from './instance.js';
export {
  IntegrationRuntime,
  type ConfigurationOption,
  type InstanceIds,
  type IntegrationMetadata,
  type StartOptions,
} from './integration-runtime.js';
export { describeIssues, findIssues, type FieldIssue } from './issues.js';
export { intcChoice, intcShapes, parseValue, type ParseResult, type Shape } from './parse.js';
export { consoleSink, createLogger, type LogLevel, type LogSink, type Logger } from './logger.js';
export type { SecretFields, SecretPath } from './secret-fields.js';
export { createRedactor, readSecrets, REDACTED, Redactor, type Environment } from './secrets.js';
export type * from './spec.js';
export type * from './validators.js';
