/**
 * `intc/runtime`: what generated integration code runs on. The generated
 * `Integration` class extends `IntegrationRuntime`; tests and local runs use
 * `integration.start({ … })` and the `InMemoryClient`.
 */
export * from './ajv-helpers.js';
export type * from './client-contract.js';
export {
  ConfigurationError,
  InputValidationError,
  IntcRuntimeError,
  MissingHandlerError,
  MissingSecretError,
  NotFoundError,
  OutputValidationError,
  PayloadValidationError,
  UnknownNameError,
  ValidationError,
  type NameKind,
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
export { consoleSink, createLogger, type LogLevel, type LogSink, type Logger } from './logger.js';
export { createRedactor, readSecrets, REDACTED, type Environment } from './secrets.js';
export type * from './spec.js';
export type * from './validators.js';
