/**
 * `integration.ts` and the `index.ts` barrel of the generated folder.
 * `integration.ts` holds one `Spec` type (every name of the manifest with its
 * type from `types.ts`), a small `metadata` object, the exported names the
 * handlers use (aliases of the runtime's generic types applied to `Spec`) and
 * the `Integration` class. Only `Spec`, the imports and `metadata` grow with
 * the manifest.
 */
import { basename } from 'node:path';
import type { IntegrationModel } from '../model/integration-model.js';
import { runtimeMetadata } from './api/runtime-metadata.js';
import { specType } from './api/spec-type.js';
import { jsDoc } from './api/ts-syntax.js';
import { doNotEditHeader, type GeneratedFile } from './generated-file.js';
import type { TypeNames } from './type-names.js';

/** `integration.ts` (handler props, the client contract, the `Integration` class) and the `index.ts` barrel. */
export function emitIntegrationApi(model: IntegrationModel, names: TypeNames): GeneratedFile[] {
  const header = doNotEditHeader(basename(model.manifestPath));
  return [
    { path: 'index.ts', content: `${header}export * from './types.js';\nexport * from './integration.js';\n${interfaceExports(model)}` },
    { path: 'integration.ts', content: integrationFile(header, model, names) },
  ];
}

/** Each interface module as a namespace named by its alias: `import { llm } from './generated/index.js'`. */
function interfaceExports(model: IntegrationModel): string {
  return model.interfaces.map(({ alias }) => `export * as ${alias} from './interfaces/${alias}.js';\n`).join('');
}

function integrationFile(header: string, model: IntegrationModel, names: TypeNames): string {
  const spec = specType(model, names);
  return [
    header,
    "import { IntegrationRuntime } from '@intc/runtime';\n",
    "import type * as rt from '@intc/runtime';\n",
    typeImports(spec.typeNames),
    "import { validators } from './validators.js';\n",
    '\n',
    '/** Every name of the manifest with the type of its schema, as the runtime types read it. */\n',
    spec.text,
    '\n',
    runtimeMetadata(model),
    '\n',
    EXPORTED_TYPES,
    '\n',
    integrationClass(model),
  ].join('');
}

function typeImports(typeNames: readonly string[]): string {
  if (typeNames.length === 0) return '';
  return `import type {\n${typeNames.map((name) => `  ${name},\n`).join('')}} from './types.js';\n`;
}

function integrationClass(model: IntegrationModel): string {
  const summary = `The ${model.title ?? model.name} integration (${model.name} ${model.version}), typed from its manifest.`;
  const usage = 'Export `new Integration({ register, unregister, handler, actions, channels })` as the default of `src/index.ts`.';
  return (
    jsDoc([summary, model.description, usage], '') +
    'export class Integration extends IntegrationRuntime<Spec> {\n' +
    '  constructor(implementation: IntegrationImplementation) {\n' +
    '    super(implementation, metadata, validators);\n' +
    '  }\n' +
    '}\n'
  );
}

/** The names the generated index exports (the contract of the handler stubs). */
const EXPORTED_TYPES = `/** What \`new Integration(…)\` takes: every handler, all required. */
export type IntegrationImplementation = rt.IntegrationImplementation<Spec>;
/** One handler per action: \`(props) => Promise<output>\`. */
export type ActionHandlers = rt.ActionHandlers<Spec>;
/** Channel → message type → handler. */
export type MessageHandlers = rt.MessageHandlers<Spec>;
/** Channel → \`{ messages: MessageHandlers[channel] }\`. */
export type ChannelHandlers = rt.ChannelHandlers<Spec>;
export type RegisterHandler = rt.RegisterHandler<Spec>;
export type UnregisterHandler = rt.UnregisterHandler<Spec>;
/** Handles webhook requests; returning nothing answers 200. */
export type WebhookHandler = rt.WebhookHandler<Spec>;
export type ActionProps<A extends ActionName> = rt.ActionProps<Spec, A>;
export type MessageProps<C extends ChannelName, T extends rt.MessageType<Spec, C>> = rt.MessageProps<Spec, C, T>;
export type RegisterProps = rt.RegisterProps<Spec>;
export type UnregisterProps = rt.UnregisterProps<Spec>;
export type WebhookProps = rt.WebhookProps<Spec>;
/** \`ctx\`: check \`configurationType\` to narrow \`configuration\`; \`secrets\` holds the manifest's secrets. */
export type Context = rt.Context<Spec>;
/** The client handlers get: conversations, users, messages, states and events, typed from the manifest. */
export type Client = rt.IntegrationClient<Spec>;
export type SecretName = rt.SecretName<Spec>;
export type UserTagName = rt.UserTagName<Spec>;
export type ConversationTagName<C extends ChannelName> = rt.ConversationTagName<Spec, C>;
export type MessageTagName<C extends ChannelName> = rt.MessageTagName<Spec, C>;
export type ChannelName = rt.ChannelName<Spec>;
export type ActionName = rt.ActionName<Spec>;
export type EventName = rt.EventName<Spec>;
export type StateName = rt.StateName<Spec>;
`;
