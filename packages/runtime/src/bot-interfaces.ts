/**
 * An installed integration seen through an interface it implements: the
 * interface's action names, each calling the integration's action of the
 * renamed name, typed from the alias's client. Code written against the
 * interface (a plugin, a fallback between providers) works with every
 * implementation: `viaInterface(client.claude, anthropicLlm.mapping)`.
 */
import { defineOwn } from './values.js';

/** What the generated `integrations/<name>/interfaces/<alias>.ts` exports as `mapping` (its action part). */
export interface InterfaceMapping {
  readonly interface: string;
  readonly actions: { readonly [interfaceAction: string]: string };
}

type ActionFunctions = { readonly [name: string]: (input: never) => Promise<unknown> };

/** Interface action → the alias's function for the action it is called in the integration. */
export type InterfaceActions<A extends ActionFunctions, M extends InterfaceMapping> = {
  readonly [K in keyof M['actions']]: M['actions'][K] extends keyof A ? A[M['actions'][K]] : never;
};

export function viaInterface<A extends ActionFunctions, M extends InterfaceMapping>(
  client: { readonly actions: A },
  mapping: M,
): { readonly interface: M['interface']; readonly actions: InterfaceActions<A, M> } {
  const actions: Record<string, unknown> = {};
  for (const [interfaceName, name] of Object.entries(mapping.actions)) {
    const action = Object.hasOwn(client.actions, name) ? client.actions[name] : undefined;
    if (typeof action !== 'function') throw new TypeError(`This client has no action ${JSON.stringify(name)} (interface ${JSON.stringify(mapping.interface)}'s ${JSON.stringify(interfaceName)}).`);
    defineOwn(actions, interfaceName, action);
  }
  return { interface: mapping.interface, actions: Object.freeze(actions) as InterfaceActions<A, M> };
}
