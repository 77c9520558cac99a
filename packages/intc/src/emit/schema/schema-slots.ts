/**
 * Every schema of an integration in one fixed order, with where it belongs:
 * the types and the validators emitters walk the same list, so both cover
 * the same schemas and neither depends on the order of the YAML.
 */
import type { IntegrationModel, JsonSchema } from '../../model/integration-model.js';
import { ownInterfaceSchemas } from '../interface-types.js';
import type { TypeNames } from '../type-names.js';

export type SlotGroup = 'configuration' | 'configurations' | 'actions' | 'channels' | 'events' | 'states';

export interface SchemaSlot {
  readonly group: SlotGroup;
  /**
   * Keys under the group in the `validators` object: [] for the default
   * configuration, [name] for a named configuration, event or state,
   * [action, 'input' | 'output'], [channel, messageType].
   */
  readonly keys: readonly string[];
  readonly schema: JsonSchema;
  /** Title and description the manifest gives the thing the schema belongs to (not the schema's own). */
  readonly doc: readonly string[];
}

/** Schemas that get a validator, in output order. */
export function schemaSlots(model: IntegrationModel): SchemaSlot[] {
  const slots: SchemaSlot[] = [];
  if (model.configuration !== undefined) slots.push({ group: 'configuration', keys: [], schema: model.configuration, doc: [] });
  for (const configuration of model.configurations) {
    slots.push({ group: 'configurations', keys: [configuration.name], schema: configuration.schema, doc: docOf(configuration) });
  }
  for (const action of model.actions) {
    slots.push({ group: 'actions', keys: [action.name, 'input'], schema: action.input, doc: [] });
    slots.push({ group: 'actions', keys: [action.name, 'output'], schema: action.output, doc: [] });
  }
  for (const channel of model.channels) {
    for (const message of channel.messages) {
      slots.push({ group: 'channels', keys: [channel.name, message.name], schema: message.schema, doc: docOf(message) });
    }
  }
  for (const event of model.events) slots.push({ group: 'events', keys: [event.name], schema: event.schema, doc: docOf(event) });
  for (const state of model.states) slots.push({ group: 'states', keys: [state.name], schema: state.schema, doc: [] });
  return slots;
}

/** A schema that gets a TypeScript type: every slot, every entity, and the default configuration even when absent. */
export interface TypedSchema {
  readonly typeName: string;
  /** The name of its type as a caller gives it, when the schema holds a default (`TypeNames.given`). */
  readonly givenName?: string;
  readonly schema: JsonSchema;
  readonly doc: readonly string[];
}

/**
 * The default configuration always has a type (`Configuration`): a manifest
 * without one has an empty configuration, as in Botpress.
 */
const EMPTY_CONFIGURATION: JsonSchema = { type: 'object', properties: {}, additionalProperties: false };

export function typedSchemas(model: IntegrationModel, names: TypeNames): TypedSchema[] {
  const typed: Omit<TypedSchema, 'givenName'>[] = [];
  if (model.configuration === undefined) typed.push({ typeName: names.configuration, schema: EMPTY_CONFIGURATION, doc: [] });
  for (const slot of schemaSlots(model)) typed.push({ typeName: typeNameOf(slot, names), schema: slot.schema, doc: slot.doc });
  for (const entity of model.entities) {
    typed.push({ typeName: required(names.entities.get(entity.name), entity.name), schema: entity.schema, doc: docOf(entity) });
  }
  for (const extra of ownInterfaceSchemas(model, names)) typed.push({ ...extra, doc: [] });
  return typed.map((schema) => {
    const givenName = names.given.get(schema.typeName);
    return givenName === undefined ? schema : { ...schema, givenName };
  });
}

function typeNameOf(slot: SchemaSlot, names: TypeNames): string {
  const [first = '', second = ''] = slot.keys;
  switch (slot.group) {
    case 'configuration':
      return names.configuration;
    case 'configurations':
      return required(names.configurations.get(first), first);
    case 'actions': {
      const action = required(names.actions.get(first), first);
      return second === 'input' ? action.input : action.output;
    }
    case 'channels':
      return required(names.messages.get(first)?.get(second), `${first}.${second}`);
    case 'events':
      return required(names.events.get(first), first);
    case 'states':
      return required(names.states.get(first), first);
  }
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`no type name for '${what}'`);
  return value;
}

function docOf(documented: { readonly title?: string; readonly description?: string }): string[] {
  return [documented.title, documented.description].filter((text): text is string => text !== undefined && text !== '');
}
