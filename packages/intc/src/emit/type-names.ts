/**
 * The TypeScript name of every schema's type. Each kind of schema has its own
 * suffix (…Input, …Output, …Event, …Message, …State, …Entity, …Configuration),
 * so names of different kinds never meet; a channel and a message type that
 * concatenate to a name already taken (`a`+`bText`, `aB`+`text`) fall back to
 * an underscore between the two, which a camelCase name cannot hold.
 */
import type { IntegrationModel } from '../model/integration-model.js';
import { capitalize } from '../model/naming.js';
import { DefaultsReach } from './schema/defaults-reach.js';
import { typedSchemas } from './schema/schema-slots.js';

export interface TypeNames {
  /** Type of the default configuration: `Configuration`. */
  readonly configuration: string;
  /** Named configuration → `PostgresConfiguration`. */
  readonly configurations: ReadonlyMap<string, string>;
  /** Action → `{ input: 'SendMessageInput', output: 'SendMessageOutput' }`. */
  readonly actions: ReadonlyMap<string, { readonly input: string; readonly output: string }>;
  /** Channel → message type → `ChannelTextMessage`. */
  readonly messages: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Event → `MessageReceivedEvent`. */
  readonly events: ReadonlyMap<string, string>;
  /** State → `AuthTokenState`. */
  readonly states: ReadonlyMap<string, string>;
  /** Entity → `TelegramUserEntity`. */
  readonly entities: ReadonlyMap<string, string>;
  /**
   * Type name → the name of its type as a caller gives it (`ListIssuesInputGiven`), for the schemas that
   * hold a default (see schema/defaults-reach.ts): their own name is the parsed type, defaulted properties present.
   */
  readonly given: ReadonlyMap<string, string>;
}

/** The suffix of a type as given, before parsing fills in its defaults. */
export const GIVEN_SUFFIX = 'Given';

/** A camelCase name in PascalCase: `sendMessage` → `SendMessage`. */
export const pascalCase: (name: string) => string = capitalize;

export function typeNamesOf(model: IntegrationModel): TypeNames {
  const messages = new Map<string, Map<string, string>>();
  const taken = new Set<string>();
  for (const channel of model.channels) {
    const byType = new Map<string, string>();
    for (const message of channel.messages) {
      let name = `${pascalCase(channel.name)}${pascalCase(message.name)}Message`;
      if (taken.has(name)) name = `${pascalCase(channel.name)}_${pascalCase(message.name)}Message`;
      taken.add(name);
      byType.set(message.name, name);
    }
    messages.set(channel.name, byType);
  }
  const names = {
    configuration: 'Configuration',
    configurations: new Map(model.configurations.map((c) => [c.name, `${pascalCase(c.name)}Configuration`])),
    actions: new Map(model.actions.map((a) => [a.name, { input: `${pascalCase(a.name)}Input`, output: `${pascalCase(a.name)}Output` }])),
    messages,
    events: new Map(model.events.map((e) => [e.name, `${pascalCase(e.name)}Event`])),
    states: new Map(model.states.map((s) => [s.name, `${pascalCase(s.name)}State`])),
    entities: new Map(model.entities.map((e) => [e.name, `${pascalCase(e.name)}Entity`])),
    given: new Map<string, string>(),
  };
  const reach = new DefaultsReach(model.entities);
  for (const { typeName, schema } of typedSchemas(model, names)) {
    if (reach.ofSchema(schema)) names.given.set(typeName, `${typeName}${GIVEN_SUFFIX}`);
  }
  return names;
}
