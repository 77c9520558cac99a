/**
 * The rules every implementation of the client contract follows: which
 * names and payloads it accepts (checked against the definition the runtime
 * hands over at `start()`), what it stores of them (payloads parsed, as the
 * platform's API keeps them: defaults filled in, properties the schema does
 * not allow stripped), and the errors it throws for what it does not have.
 * The in-memory client and the host's store both use them, so they answer
 * and fail alike; the contract test suite holds every implementation to that.
 */
import { parseChecked } from './check.js';
import type { ClientDefinition, EventTargets, StateKey, StateUpdate, TagValues } from './client-contract.js';
import { IntcRuntimeError, NotFoundError, PayloadValidationError, UnknownNameError } from './errors.js';
import type { ValidateFunction } from './validators.js';
import { copy, defineOwn, own, sortedKeys } from './values.js';

/** The channel's message validators (undefined without a definition); an unknown channel throws `UnknownNameError`. */
export function channelMessages(definition: ClientDefinition | undefined, channel: string): { readonly [type: string]: ValidateFunction } | undefined {
  const channels = definition?.validators.channels;
  if (channels === undefined) return undefined;
  const messages = own(channels, channel);
  if (messages === undefined) throw new UnknownNameError('channel', channel, sortedKeys(channels));
  return messages;
}

/** Throws unless `channel`, when given, is the conversation's own. */
export function checkMessageChannel(conversation: { readonly id: string; readonly channel: string }, channel: string | undefined): void {
  if (channel !== undefined && channel !== conversation.channel) {
    throw new IntcRuntimeError(
      `Conversation ${JSON.stringify(conversation.id)} belongs to channel ${JSON.stringify(conversation.channel)}, not ${JSON.stringify(channel)}.`,
    );
  }
}

/** The message payload to store: parsed with its type's schema in the channel (a plain copy without a definition). */
export function storedMessagePayload(definition: ClientDefinition | undefined, channel: string, type: string, payload: unknown): unknown {
  const messages = channelMessages(definition, channel);
  if (messages === undefined) return copy(payload);
  const validate = own(messages, type);
  if (validate === undefined) throw new UnknownNameError('message type', type, sortedKeys(messages), ` in channel ${JSON.stringify(channel)}`);
  return parseChecked(validate, payload, 'payload', `Invalid ${JSON.stringify(type)} message for channel ${JSON.stringify(channel)}`, PayloadValidationError);
}

/** Throws `UnknownNameError` for a state the manifest does not declare, `IntcRuntimeError` for the wrong scope. */
export function checkStateKey(definition: ClientDefinition | undefined, key: StateKey): void {
  const states = definition?.states;
  if (states === undefined) return;
  const scope = states.get(key.name);
  if (scope === undefined) throw new UnknownNameError('state', key.name, [...states.keys()]);
  if (scope !== key.type) {
    throw new IntcRuntimeError(`State ${JSON.stringify(key.name)} has scope ${JSON.stringify(scope)}, not ${JSON.stringify(key.type)}.`);
  }
}

/** The state payload to store: parsed with the state's schema (a plain copy without one). */
export function storedStatePayload(definition: ClientDefinition | undefined, name: string, payload: unknown): unknown {
  const validate = own(definition?.validators.states, name);
  return parseChecked(validate, payload, 'payload', `Invalid payload for state ${JSON.stringify(name)}`, PayloadValidationError);
}

/**
 * `updateState`'s new payload: what `update` returns for the current one
 * (`undefined` when the state was never set), parsed as `setState` parses
 * it. `update` runs while the state is locked, so a promise is refused
 * rather than awaited.
 */
export function updatedStatePayload(definition: ClientDefinition | undefined, name: string, update: StateUpdate, current: unknown): unknown {
  const next = update(current);
  if (isThenable(next)) {
    throw new IntcRuntimeError(`updateState: the update of state ${JSON.stringify(name)} must return the new payload itself, not a promise (it runs while the state is locked).`);
  }
  return storedStatePayload(definition, name, next);
}

function isThenable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** The event payload to store: parsed with the event's schema, after checking the type against the manifest. */
export function storedEventPayload(definition: ClientDefinition | undefined, type: string, payload: unknown): unknown {
  const events = definition?.validators.events;
  if (events !== undefined && !Object.hasOwn(events, type)) throw new UnknownNameError('event', type, sortedKeys(events));
  return parseChecked(own(events, type), payload, 'payload', `Invalid payload for event ${JSON.stringify(type)}`, PayloadValidationError);
}

/** The tags as stored: those with a value, in the order given (`__proto__` stays a tag). */
export function definedTags(tags: TagValues): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(tags)) {
    if (value !== undefined) defineOwn(result, name, value);
  }
  return result;
}

/** The targets an event names, without the absent ones. */
export function eventTargets(input: EventTargets): EventTargets {
  const targets: { conversationId?: string; userId?: string; messageId?: string } = {};
  if (input.conversationId !== undefined) targets.conversationId = input.conversationId;
  if (input.userId !== undefined) targets.userId = input.userId;
  if (input.messageId !== undefined) targets.messageId = input.messageId;
  return targets;
}

/** The `NotFoundError` for a conversation, user or message id the client does not have. */
export function recordNotFound(kind: 'conversation' | 'user' | 'message', id: string): NotFoundError {
  return new NotFoundError(`No ${kind} with id ${JSON.stringify(id)}.`);
}

/** The `NotFoundError` for a state never set. */
export function stateNotFound(key: StateKey): NotFoundError {
  return new NotFoundError(`No ${key.type} state ${JSON.stringify(key.name)} for id ${JSON.stringify(key.id)}.`);
}
