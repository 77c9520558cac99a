/**
 * Own members and interface members, told apart. `.extend(pkg, builder)`
 * merges an interface's actions, events and channels into the definition
 * and keeps only their names (`def.interfaces['listable<issue>']`); the
 * overrides the builder returned (titles, attributes, channel tags) are
 * lost. So while the definition loads, the project's
 * `IntegrationDefinition.prototype.extend` is wrapped: each call is
 * recorded with the builder's output and the names of the integration
 * entities it mapped, and the SDK's own extend runs unchanged.
 * `def.props` still holds the members the integration declared itself.
 */
import { entriesOf, isPlainObject, keysOf, propertyOf } from '../model/values.js';
import { importFailure } from './import-failure.js';
import type { BotpressSdk } from './sdk-surface.js';

export interface RecordedExtension {
  /** The definition `.extend()` was called on. */
  readonly owner: object;
  /** What was passed to `.extend()`: `{ type: 'interface', name, version, definition }`. */
  readonly interfacePackage: unknown;
  /** Interface entity → the integration entity mapped onto it, in the builder's order. */
  readonly entities: readonly (readonly [string, string])[];
  /** The builder's `actions`, `events` and `channels` overrides, as it returned them. */
  readonly actions: unknown;
  readonly events: unknown;
  readonly channels: unknown;
}

/** Runs `load` with `.extend()` recorded; the SDK is left as it was, whatever `load` does. */
export function recordExtensions<T>(sdk: BotpressSdk, load: () => T): { readonly result: T; readonly extensions: readonly RecordedExtension[] } {
  const prototype = sdk.IntegrationDefinition.prototype;
  const original = prototype.extend;
  const extensions: RecordedExtension[] = [];
  prototype.extend = function extend(this: object, interfacePackage: unknown, builder: (input: unknown) => unknown) {
    let recorded: RecordedExtension | undefined;
    const result = original.call(this, interfacePackage, (input: unknown) => {
      const output = builder(input);
      recorded = extensionOf(this, interfacePackage, input, output);
      return output;
    });
    if (recorded) extensions.push(recorded);
    return result;
  };
  try {
    return { result: load(), extensions };
  } finally {
    prototype.extend = original;
  }
}

function extensionOf(owner: object, interfacePackage: unknown, input: unknown, output: unknown): RecordedExtension {
  const store = isPlainObject(input) ? input.entities : undefined;
  const entities: [string, string][] = [];
  for (const [interfaceEntity, branded] of entriesOf(isPlainObject(output) ? output.entities : undefined)) {
    const name = storeKeyOf(store, branded) ?? brandedName(branded);
    if (name !== undefined) entities.push([interfaceEntity, name]);
  }
  const part = (key: string) => (isPlainObject(output) ? output[key] : undefined);
  return { owner, interfacePackage, entities, actions: part('actions'), events: part('events'), channels: part('channels') };
}

/** The integration entity `branded` came from: the entity store the SDK passed to the builder holds it under its name. */
function storeKeyOf(store: unknown, branded: unknown): string | undefined {
  return entriesOf(store).find(([, value]) => value === branded)?.[0];
}

/** A copy of a store entry (`{ ...entities.issue }`) still carries the SDK's name symbol. */
function brandedName(branded: unknown): string | undefined {
  if (typeof branded !== 'object' || branded === null) return undefined;
  const symbol = Object.getOwnPropertySymbols(branded).find((s) => s.description === 'schemaName');
  const name: unknown = symbol === undefined ? undefined : (branded as Record<symbol, unknown>)[symbol];
  return typeof name === 'string' ? name : undefined;
}

/**
 * Every interface the SDK says the definition implements must come from a
 * recorded `.extend()` call: one made through another copy of the SDK, or
 * `interfaces` passed to the constructor, carries no interface to write.
 */
export function assertAllExtensionsSeen(definition: object, extensions: readonly RecordedExtension[], definitionFile: string): void {
  const seen = new Set(extensions.map(statementKey));
  const unseen = keysOf(propertyOf(definition, 'interfaces')).filter((key) => !seen.has(key));
  if (unseen.length === 0) return;
  throw importFailure(
    'definition-load-failed',
    {
      detail: `it implements ${unseen.map((key) => `'${key}'`).join(', ')} without a \`.extend()\` call on the project's @botpress/sdk that intc could record (another copy of the SDK, or \`interfaces\` given to the constructor); extend the interface with \`.extend(pkg, builder)\` instead.`,
    },
    definitionFile,
  );
}

/** The key the SDK stores an extension under in `definition.interfaces`: `listable<issue>`, or the name alone. */
function statementKey(extension: RecordedExtension): string {
  const name = String(propertyOf(extension.interfacePackage, 'name'));
  const entities = extension.entities.map(([, entity]) => entity);
  return entities.length === 0 ? name : `${name}<${entities.join(',')}>`;
}
