/**
 * Secret-marked fields of configurations and states (`x-zui: { secret: true }`
 * or `writeOnly: true` in the schema): the generated metadata lists where they
 * are, and the runtime adds the values found there to the instance's
 * redactor: a configuration's when the instance starts, a state's whenever a
 * handler reads or writes it through the client (every state method,
 * `updateState` included). From then on no log line and no error that leaves
 * the runtime shows them.
 */
import type { ClientContract, StateKey, StateRecord, StateUpdate } from './client-contract.js';
import type { Redactor } from './secrets.js';
import { isPlainObject, own } from './values.js';

/** A path of property names to a secret-marked value; `null` stands for every item of an array or value of an object. */
export type SecretPath = readonly (string | null)[];

/** Where the configurations and states of an integration hold secret-marked values (by name; absent: none). */
export interface SecretFields {
  readonly configuration: readonly SecretPath[];
  readonly configurations: readonly (readonly [name: string, paths: readonly SecretPath[]])[];
  readonly states: readonly (readonly [name: string, paths: readonly SecretPath[]])[];
}

/** Every string at the given paths of `value` (all the strings inside an object or array found there). */
export function secretValues(value: unknown, paths: readonly SecretPath[]): string[] {
  const found: string[] = [];
  for (const path of paths) collectAt(value, path, 0, found, new Set());
  return found;
}

function collectAt(value: unknown, path: SecretPath, index: number, found: string[], seen: Set<object>): void {
  if (index === path.length) return collectStrings(value, found, seen);
  const segment = path[index];
  if (segment === null) {
    const members = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : [];
    for (const member of members) collectAt(member, path, index + 1, found, seen);
  } else if (isPlainObject(value) && segment !== undefined) {
    if (Object.hasOwn(value, segment)) collectAt(value[segment], path, index + 1, found, seen);
  }
}

/** A configuration as given may be any object, cycles included: each object is read once. */
function collectStrings(value: unknown, found: string[], seen: Set<object>): void {
  if (typeof value === 'string') {
    found.push(value);
    return;
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  for (const member of Array.isArray(value) ? value : Object.values(value)) collectStrings(member, found, seen);
}

/** The paths of the configuration `configurationType` selects (null: the default one). */
export function configurationSecretPaths(fields: SecretFields | undefined, configurationType: string | null): readonly SecretPath[] {
  if (fields === undefined) return [];
  if (configurationType === null) return fields.configuration;
  return fields.configurations.find(([name]) => name === configurationType)?.[1] ?? [];
}

type StateMethod = 'getState' | 'setState' | 'getOrSetState';
type StateCall = (input: StateKey & { readonly payload?: unknown }) => Promise<{ state: StateRecord }>;
type UpdateCall = (input: StateKey & { readonly update: StateUpdate }) => Promise<{ state: StateRecord }>;

/**
 * The client handlers get: `client` itself when no state has a secret-marked
 * field, else a view of it whose state methods add the secret-marked values
 * of each payload to `redactor`: the payload written (before the call, which
 * may fail quoting it), the one `updateState` hands its `update` and the one
 * it returns (before they are stored), and the one read back.
 */
export function revealingStates<C extends ClientContract>(client: C, fields: SecretFields | undefined, redactor: Redactor): C {
  const byState = new Map(fields?.states ?? []);
  if (byState.size === 0) return client;
  const learn = (name: string, payload: unknown) => {
    const paths = byState.get(name);
    if (paths !== undefined) redactor.add(secretValues(payload, paths));
  };
  const watched = (method: StateMethod): StateCall => async (input) => {
    if (Object.hasOwn(input, 'payload')) learn(input.name, input.payload);
    const result = await (client[method] as StateCall).call(client, input);
    learn(input.name, result.state.payload);
    return result;
  };
  const updateState: UpdateCall = async (input) => {
    const update: StateUpdate = (current) => {
      learn(input.name, current);
      const next = input.update(current);
      learn(input.name, next);
      return next;
    };
    const result = await client.updateState.call(client, { ...input, update });
    learn(input.name, result.state.payload);
    return result;
  };
  const overrides: { readonly [M in StateMethod | 'updateState']: StateCall | UpdateCall } = {
    getState: watched('getState'),
    setState: watched('setState'),
    getOrSetState: watched('getOrSetState'),
    updateState,
  };
  return new Proxy(client, {
    get(target, property) {
      const override = typeof property === 'string' ? own(overrides, property) : undefined;
      if (override !== undefined) return override;
      const value: unknown = Reflect.get(target, property, target);
      // Methods run on the client itself (its private fields are not the view's).
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
