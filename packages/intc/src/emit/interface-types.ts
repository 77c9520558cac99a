/**
 * The types of an extended interface's members "as implemented": the
 * interface's schemas with the integration's entities in place of its own.
 * Where the integration's member has exactly those schemas (no own member
 * merged in), the interface's type is the integration's type; where an own
 * member of the same name merged in, the interface's schema gets a type of
 * its own, `<Alias>_<Member>Input` (an underscore no camelCase name holds, so
 * it meets no other type name).
 */
import { isDeepStrictEqual } from 'node:util';
import type { IntegrationModel, JsonSchema } from '../model/integration-model.js';
import type { InterfaceExtension, InterfaceSection } from '../model/interface-extension.js';
import { isPlainObject, propertyOf, type PlainObject } from '../model/values.js';
import { capitalize as pascalCase } from '../model/naming.js';
import type { TypeNames } from './type-names.js';

export interface InterfaceTypeSlot {
  readonly section: InterfaceSection;
  /** [action, 'input' | 'output'], [event], [channel, messageType] — interface names. */
  readonly keys: readonly string[];
  /** The integration's name for the member (after the rename). */
  readonly memberName: string;
  /** The integration's type for the same slot. */
  readonly integrationType: string;
  /** The interface's type: `integrationType`, or its own name when the schemas differ. */
  readonly typeName: string;
  /** Set when the interface's schema needs its own type. */
  readonly schema?: JsonSchema;
}

export function interfaceTypeSlots(model: IntegrationModel, extension: InterfaceExtension, names: TypeNames): InterfaceTypeSlot[] {
  const slots: InterfaceTypeSlot[] = [];
  const prefix = pascalCase(extension.alias);
  const add = (section: InterfaceSection, keys: string[], memberName: string, integrationType: string | undefined, schema: unknown, own: unknown, suffix: string) => {
    if (integrationType === undefined) throw new Error(`intc: no type for ${keys.join('.')} of interface ${extension.alias}`);
    const same = isDeepStrictEqual(schema, own);
    // An action's second key (input/output) is already the suffix.
    const named = section === 'actions' ? keys.slice(0, 1) : keys;
    const typeName = same ? integrationType : `${prefix}_${named.map(pascalCase).join('')}${suffix}`;
    slots.push({ section, keys, memberName, integrationType, typeName, ...(same ? {} : { schema: schema as JsonSchema }) });
  };
  for (const { interfaceName, name } of extension.renames.actions) {
    const member = extension.resolved.actions[interfaceName];
    const own = model.actions.find((action) => action.name === name);
    const types = names.actions.get(name);
    add('actions', [interfaceName, 'input'], name, types?.input, schemaAt(member, 'input'), own?.input, 'Input');
    add('actions', [interfaceName, 'output'], name, types?.output, schemaAt(member, 'output'), own?.output, 'Output');
  }
  for (const { interfaceName, name } of extension.renames.events) {
    const own = model.events.find((event) => event.name === name);
    add('events', [interfaceName], name, names.events.get(name), schemaAt(extension.resolved.events[interfaceName]), own?.schema, 'Event');
  }
  for (const { interfaceName, name } of extension.renames.channels) {
    const own = model.channels.find((channel) => channel.name === name);
    for (const [type, message] of Object.entries(messagesOf(extension.resolved.channels[interfaceName]))) {
      const ownMessage = own?.messages.find((m) => m.name === type);
      add('channels', [interfaceName, type], name, names.messages.get(name)?.get(type), schemaAt(message), ownMessage?.schema, 'Message');
    }
  }
  return slots;
}

/** Schemas the interfaces need typed beyond the integration's own (members an own definition merged into). */
export function ownInterfaceSchemas(model: IntegrationModel, names: TypeNames): { typeName: string; schema: JsonSchema }[] {
  return model.interfaces.flatMap((extension) =>
    interfaceTypeSlots(model, extension, names).flatMap((slot) => (slot.schema === undefined ? [] : [{ typeName: slot.typeName, schema: slot.schema }])),
  );
}

function schemaAt(member: unknown, part?: 'input' | 'output'): unknown {
  const container = part === undefined ? member : propertyOf(member, part);
  return propertyOf(container, 'schema') ?? {};
}

function messagesOf(channel: unknown): PlainObject {
  const messages = propertyOf(channel, 'messages');
  return isPlainObject(messages) ? messages : {};
}
