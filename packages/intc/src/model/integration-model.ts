/**
 * The resolved, normalized integration every emitter reads: the validated
 * manifest value with defaults filled in and every named map turned into a
 * list sorted by name, so output never depends on the order of the YAML.
 */
import type { InterfaceExtension } from './interface-extension.js';
import { entriesOf, isPlainObject, keysOf, propertyOf, stringPropertyOf, type PlainObject } from './values.js';

/** A JSON Schema as written in the manifest (draft-07; may hold `$ref: '#/entities/<name>'`). */
export type JsonSchema = PlainObject | boolean;

export interface Documented {
  readonly title?: string;
  readonly description?: string;
}

export interface NamedSchema extends Documented {
  readonly name: string;
  readonly schema: JsonSchema;
}

export interface ActionModel extends Documented {
  readonly name: string;
  readonly billable: boolean;
  readonly cacheable: boolean;
  readonly input: JsonSchema;
  readonly output: JsonSchema;
}

export interface ChannelModel extends Documented {
  readonly name: string;
  /** Message types, sorted by name. */
  readonly messages: readonly NamedSchema[];
  readonly conversationTags: readonly string[];
  readonly messageTags: readonly string[];
}

export type StateScope = 'integration' | 'conversation' | 'user';

export interface StateModel {
  readonly name: string;
  readonly type: StateScope;
  readonly schema: JsonSchema;
}

export interface SecretModel {
  readonly name: string;
  readonly description?: string;
  readonly optional: boolean;
}

export interface IntegrationModel extends Documented {
  /** Absolute path of the manifest. */
  readonly manifestPath: string;
  readonly name: string;
  readonly version: string;
  /** The default configuration (`configuration:`), if the manifest has one. */
  readonly configuration: JsonSchema | undefined;
  /** Named configurations (`configurations:`), sorted by name. */
  readonly configurations: readonly NamedSchema[];
  readonly channels: readonly ChannelModel[];
  readonly actions: readonly ActionModel[];
  readonly events: readonly NamedSchema[];
  readonly states: readonly StateModel[];
  readonly entities: readonly NamedSchema[];
  readonly userTags: readonly string[];
  readonly secrets: readonly SecretModel[];
  /** The interfaces it extends (their members are already merged into the lists above), sorted by alias. */
  readonly interfaces: readonly InterfaceExtension[];
  /** The manifest value as validated, interfaces merged in (for the resolved definition JSON). */
  readonly manifest: PlainObject;
}

/** Builds the model of a manifest that passed validation (it trusts the shape). */
export function toIntegrationModel(manifest: PlainObject, manifestPath: string, interfaces: readonly InterfaceExtension[] = []): IntegrationModel {
  return {
    manifestPath,
    name: String(manifest.name),
    version: String(manifest.version),
    ...documented(manifest),
    configuration: schemaOf(propertyOf(manifest, 'configuration')),
    configurations: sortedEntries(propertyOf(manifest, 'configurations')).map(([name, value]) => namedSchema(name, value)),
    channels: sortedEntries(propertyOf(manifest, 'channels')).map(([name, value]) => channelModel(name, value)),
    actions: sortedEntries(propertyOf(manifest, 'actions')).map(([name, value]) => actionModel(name, value)),
    events: sortedEntries(propertyOf(manifest, 'events')).map(([name, value]) => namedSchema(name, value)),
    states: sortedEntries(propertyOf(manifest, 'states')).map(([name, value]) => ({
      name,
      type: (stringPropertyOf(value, 'type') ?? 'integration') as StateScope,
      schema: schemaOf(value) ?? {},
    })),
    entities: sortedEntries(propertyOf(manifest, 'entities')).map(([name, value]) => namedSchema(name, value)),
    userTags: tagNames(propertyOf(manifest, 'user')),
    secrets: sortedEntries(propertyOf(manifest, 'secrets')).map(([name, value]) => ({
      name,
      ...optionalString('description', stringPropertyOf(value, 'description')),
      optional: propertyOf(value, 'optional') === true,
    })),
    interfaces,
    manifest,
  };
}

/** Compares names by UTF-16 code units, the same on every machine and locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedEntries(value: unknown): [string, unknown][] {
  return entriesOf(value).sort(([a], [b]) => compareNames(a, b));
}

function schemaOf(container: unknown): JsonSchema | undefined {
  const schema = propertyOf(container, 'schema');
  return isPlainObject(schema) || typeof schema === 'boolean' ? schema : undefined;
}

function namedSchema(name: string, value: unknown): NamedSchema {
  return { name, ...documented(value), schema: schemaOf(value) ?? {} };
}

function actionModel(name: string, value: unknown): ActionModel {
  return {
    name,
    ...documented(value),
    billable: propertyOf(value, 'billable') === true,
    cacheable: propertyOf(value, 'cacheable') === true,
    input: schemaOf(propertyOf(value, 'input')) ?? {},
    output: schemaOf(propertyOf(value, 'output')) ?? {},
  };
}

function channelModel(name: string, value: unknown): ChannelModel {
  return {
    name,
    ...documented(value),
    messages: sortedEntries(propertyOf(value, 'messages')).map(([type, message]) => namedSchema(type, message)),
    conversationTags: tagNames(propertyOf(value, 'conversation')),
    messageTags: tagNames(propertyOf(value, 'message')),
  };
}

function tagNames(container: unknown): string[] {
  return keysOf(propertyOf(container, 'tags')).sort(compareNames);
}

function documented(value: unknown): Documented {
  return {
    ...optionalString('title', stringPropertyOf(value, 'title')),
    ...optionalString('description', stringPropertyOf(value, 'description')),
  };
}

function optionalString<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
