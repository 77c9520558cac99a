/**
 * The `Spec` type of the generated `integration.ts`: every name of the
 * manifest with the type of its schema, in the shape the runtime's generic
 * types read (`AnySpec` in `src/runtime/spec.ts`). One line per action,
 * message type, event, state and secret, so the file grows with the manifest.
 * A schema with defaults names both of its types (`rt.WithDefaults`): what
 * handlers receive and what callers give.
 */
import type { IntegrationModel } from '../../model/integration-model.js';
import type { TypeNames } from '../type-names.js';
import { jsDoc, literalUnion, objectType, typeKey } from './ts-syntax.js';

export interface SpecType {
  /** The `type Spec = { … };` declaration. */
  readonly text: string;
  /** The names it uses from `types.ts`. */
  readonly typeNames: readonly string[];
  /** Whether it names a type of `@intc/runtime` (as `rt.…`). */
  readonly usesRuntime: boolean;
}

export function specType(model: IntegrationModel, names: TypeNames): SpecType {
  const used: string[] = [];
  let usesRuntime = false;
  /** The type of a schema; with defaults, both of its types: `rt.WithDefaults<Parsed, Given>`. */
  const use = (name: string | undefined): string => {
    if (name === undefined) throw new Error('intc: a schema has no type name');
    used.push(name);
    const given = names.given.get(name);
    if (given === undefined) return name;
    used.push(given);
    usesRuntime = true;
    return `rt.WithDefaults<${name}, ${given}>`;
  };
  // types.ts always has `Configuration`: an empty object when the manifest has no configuration.
  const configuration = use(names.configuration);
  const text =
    'type Spec = {\n' +
    `  configuration: ${configuration};\n` +
    block('configurations', model.configurations.map((c) => `${doc(c.title, c.description)}    ${typeKey(c.name)}: ${use(names.configurations.get(c.name))};\n`)) +
    block(
      'actions',
      model.actions.map((a) => {
        const types = names.actions.get(a.name);
        return `${doc(a.title, a.description)}    ${typeKey(a.name)}: { input: ${use(types?.input)}; output: ${use(types?.output)} };\n`;
      }),
    ) +
    block(
      'channels',
      model.channels.map((channel) => {
        const messageTypes = names.messages.get(channel.name);
        const messages = channel.messages.map((m) => `${doc(m.title, m.description, '        ')}        ${typeKey(m.name)}: ${use(messageTypes?.get(m.name))};\n`);
        return (
          `${doc(channel.title, channel.description)}    ${typeKey(channel.name)}: {\n` +
          `      messages: ${objectType(messages, '      ')};\n` +
          `      conversationTags: ${literalUnion(channel.conversationTags)};\n` +
          `      messageTags: ${literalUnion(channel.messageTags)};\n` +
          '    };\n'
        );
      }),
    ) +
    block('events', model.events.map((e) => `${doc(e.title, e.description)}    ${typeKey(e.name)}: ${use(names.events.get(e.name))};\n`)) +
    block('states', model.states.map((s) => `    ${typeKey(s.name)}: { type: ${JSON.stringify(s.type)}; payload: ${use(names.states.get(s.name))} };\n`)) +
    `  userTags: ${literalUnion(model.userTags)};\n` +
    block('secrets', model.secrets.map((s) => `${doc(s.description)}    ${typeKey(s.name)}: ${s.optional ? 'string | undefined' : 'string'};\n`)) +
    '};\n';
  return { text, typeNames: [...new Set(used)].sort(), usesRuntime };
}

function block(key: string, members: readonly string[]): string {
  return `  ${key}: ${objectType(members, '  ')};\n`;
}

/** Title and description as JSDoc (once when they are the same text). */
function doc(title: string | undefined, description?: string, indent = '    '): string {
  return jsDoc(title === description ? [title] : [title, description], indent);
}
