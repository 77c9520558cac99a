/**
 * Where each handler stub lives and what it exports: one file per action
 * (`actions/<action>.ts`), per channel message type
 * (`channels/<channel>/<type>.ts`), plus `register.ts`, `unregister.ts` and
 * `handler.ts` (the webhook), all wired from `index.ts`. Pure naming: no I/O.
 */
import { join, relative, sep } from 'node:path';
import type { ProjectLayout } from '../generate/project-layout.js';
import type { InterfaceExtension } from '../model/interface-extension.js';
import { pascalCase } from '../emit/type-names.js';

export type StubKind = 'register' | 'unregister' | 'webhook' | 'action' | 'message';

/** One user-owned handler file. */
export interface HandlerStub {
  readonly kind: StubKind;
  /** Absolute path of the stub file. */
  readonly path: string;
  /** The const the stub exports and index.ts imports (`sendMessageAction`). */
  readonly exportName: string;
  /** The generated type the stub's annotation starts with (`ActionHandlers`). */
  readonly typeName: string;
  /** Indexes after the type name, in order (`['sendMessage']`, `['telegram', 'text']`). */
  readonly typeIndexes: readonly string[];
  /** Specifier of the generated folder's index, relative to the stub (`../generated/index.js`). */
  readonly generatedSpecifier: string;
  /** Specifier of the stub, relative to index.ts (`./actions/sendMessage.js`). */
  readonly indexSpecifier: string;
  /** Property keys from the implementation object down to this handler (`['actions', 'sendMessage']`). */
  readonly wiringPath: readonly string[];
  /** For messages: what this handler is (`Action`, `Register handler`…) and its name, for diagnostics. */
  readonly label: { readonly kind: string; readonly name: string };
  /** The action name, or the message type; the channel for messages. */
  readonly name: string;
  readonly channel?: string;
  /** The interface members this handler implements (`'generateContent' of interface 'llm'`), for the stub's comment. */
  readonly implements?: readonly string[];
}

/** What the layout needs of a model: the names of the members that get handlers (a previous run's, for renames). */
export interface HandlerNames {
  readonly actions: readonly { readonly name: string }[];
  readonly channels: readonly { readonly name: string; readonly messages: readonly { readonly name: string }[] }[];
  readonly interfaces: readonly InterfaceExtension[];
}

export interface StubLayout {
  /** Absolute path of `index.ts`, the file that wires every handler into `new Integration({...})`. */
  readonly indexPath: string;
  /** Specifier of the generated index relative to index.ts (`./generated/index.js`). */
  readonly indexGeneratedSpecifier: string;
  /** Every handler, in wiring order: register, unregister, webhook, actions, channel messages. */
  readonly handlers: readonly HandlerStub[];
  readonly actionsDir: string;
  readonly channelsDir: string;
  /** Names that cannot be a file or identifier (validation refuses them; never written, whatever the model holds). */
  readonly unsafeNames: readonly string[];
}

/** A name usable as a file name and inside an identifier: what the manifest's camelCase rule guarantees. */
const SAFE_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const GENERATED_INDEX = 'index.js';

export function stubLayout(model: HandlerNames, layout: ProjectLayout): StubLayout {
  const { srcDir } = layout;
  const indexPath = join(srcDir, 'index.ts');
  const generatedIndex = join(layout.generatedDir, GENERATED_INDEX);
  // path.relative costs ~10 µs: computed once per folder, not once per handler.
  const generatedSpecifiers = new Map<string, string>();
  const handler = (fields: Omit<HandlerStub, 'path' | 'generatedSpecifier' | 'indexSpecifier'>, folder: readonly string[], file: string): HandlerStub => {
    const key = folder.join('/');
    let generatedSpecifier = generatedSpecifiers.get(key);
    if (generatedSpecifier === undefined) {
      generatedSpecifier = specifier(join(srcDir, ...folder), generatedIndex);
      generatedSpecifiers.set(key, generatedSpecifier);
    }
    return {
      ...fields,
      path: join(srcDir, ...folder, `${file}.ts`),
      generatedSpecifier,
      indexSpecifier: `./${[...folder, file].join('/')}.js`,
    };
  };
  const lifecycle = (kind: StubKind, file: string, exportName: string, typeName: string, label: string) =>
    handler({
      kind,
      exportName,
      typeName,
      typeIndexes: [],
      wiringPath: [exportName],
      label: { kind: label, name: exportName },
      name: exportName,
    }, [], file);
  const handlers: HandlerStub[] = [
    lifecycle('register', 'register', 'register', 'RegisterHandler', 'Register handler'),
    lifecycle('unregister', 'unregister', 'unregister', 'UnregisterHandler', 'Unregister handler'),
    lifecycle('webhook', 'handler', 'handler', 'WebhookHandler', 'Webhook handler'),
  ];
  const unsafeNames: string[] = [];
  const safe = (...names: string[]) => {
    const bad = names.filter((name) => !SAFE_NAME.test(name));
    unsafeNames.push(...bad);
    return bad.length === 0;
  };
  for (const action of model.actions) {
    if (!safe(action.name)) continue;
    handlers.push(
      handler({
        kind: 'action',
        exportName: `${action.name}Action`,
        typeName: 'ActionHandlers',
        typeIndexes: [action.name],
        wiringPath: ['actions', action.name],
        label: { kind: 'Action', name: action.name },
        name: action.name,
        ...implementing(model, 'actions', action.name),
      }, ['actions'], action.name),
    );
  }
  const takenMessageNames = new Set<string>();
  for (const channel of model.channels) {
    for (const message of channel.messages) {
      if (!safe(channel.name, message.name)) continue;
      handlers.push(
        handler({
          kind: 'message',
          exportName: messageExportName(channel.name, message.name, takenMessageNames),
          typeName: 'MessageHandlers',
          typeIndexes: [channel.name, message.name],
          wiringPath: ['channels', channel.name, 'messages', message.name],
          label: { kind: `Channel '${channel.name}' message type`, name: message.name },
          name: message.name,
          channel: channel.name,
          ...implementing(model, 'channels', channel.name),
        }, ['channels', channel.name], message.name),
      );
    }
  }
  return {
    indexPath,
    indexGeneratedSpecifier: specifier(srcDir, join(layout.generatedDir, GENERATED_INDEX)),
    handlers,
    actionsDir: join(srcDir, 'actions'),
    channelsDir: join(srcDir, 'channels'),
    unsafeNames: [...new Set(unsafeNames)],
  };
}

/** Which interface members a handler of this action or channel implements (none: no property at all). */
function implementing(model: HandlerNames, section: 'actions' | 'channels', name: string): { implements?: string[] } {
  const members = model.interfaces.flatMap((extension) =>
    extension.renames[section].filter((rename) => rename.name === name).map((rename) => `${quoted(rename.interfaceName)} of interface ${quoted(extension.name)} (interfaces/${extension.alias}.ts)`),
  );
  return members.length === 0 ? {} : { implements: members };
}

/** `telegramTextMessage`; when two channel/type pairs meet (`a`+`bText`, `aB`+`text`), the later is `aB_TextMessage`. */
function messageExportName(channel: string, type: string, taken: Set<string>): string {
  let name = `${channel}${pascalCase(type)}Message`;
  if (taken.has(name)) name = `${channel}_${pascalCase(type)}Message`;
  taken.add(name);
  return name;
}

/** The annotation a stub's export should carry: `ActionHandlers['sendMessage']`. */
export function handlerAnnotation(stub: HandlerStub, typeName: string = stub.typeName, quote = "'"): string {
  return typeName + stub.typeIndexes.map((index) => `[${quoted(index, quote)}]`).join('');
}

/** A relative module specifier with `/` separators, starting with `./` or `../`. */
export function specifier(fromDir: string, toFile: string): string {
  const path = relative(fromDir, toFile).split(sep).join('/');
  return path.startsWith('../') || path.startsWith('/') ? path : `./${path}`;
}

/** The quote of string literals in files intc creates (Prettier's default); edits to a file use the file's own. */
export const FRESH_QUOTE = '"';

/** A string literal; names are camelCase, but anything else is escaped safely. */
export function quoted(text: string, quote = "'"): string {
  const json = JSON.stringify(text);
  if (quote === '"') return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** A property key as written in an object literal: bare when it is an identifier (reserved words included), else quoted. */
export function propertyKey(name: string, quote = "'"): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && name !== '__proto__' ? name : quoted(name, quote);
}
