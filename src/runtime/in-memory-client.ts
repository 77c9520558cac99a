/**
 * The client contract kept in memory, for local runs and tests. Once the
 * runtime hands it the integration's definition (at `start()`), it checks
 * names and state scopes as a real backend would, and parses payloads
 * (messages, events, states are stored with their defaults filled in and
 * unknown properties stripped). Ids are sequential (`conversation-1`,
 * `user-1`…), so tests are deterministic. Everything stored is a copy, and
 * the arrays below let a test inspect it.
 * `onCreated` listeners see every message and event as it is created: that
 * is how a bot running in the same process receives them.
 */
import { parseChecked } from './check.js';
import type {
  ClientContract,
  ClientDefinition,
  ConversationRecord,
  EventRecord,
  EventTargets,
  MessageRecord,
  StateKey,
  StateRecord,
  TagValues,
  UserRecord,
} from './client-contract.js';
import { IntcRuntimeError, NotFoundError, PayloadValidationError, UnknownNameError } from './errors.js';
import { copy, defineOwn, own, sortedKeys } from './values.js';
import type { ValidateFunction } from './validators.js';

type Counter = 'conversation' | 'user' | 'message' | 'event';

/** A message or event just stored, as `onCreated` listeners get it. */
export type CreatedRecord =
  | { readonly kind: 'message'; readonly message: MessageRecord }
  | { readonly kind: 'event'; readonly event: EventRecord };

export type CreatedListener = (created: CreatedRecord) => Promise<void> | void;

export class InMemoryClient implements ClientContract {
  readonly #conversations: ConversationRecord[] = [];
  readonly #users: UserRecord[] = [];
  readonly #messages: MessageRecord[] = [];
  readonly #events: EventRecord[] = [];
  readonly #states = new Map<string, StateRecord>();
  readonly #counters: Record<Counter, number> = { conversation: 0, user: 0, message: 0, event: 0 };
  #definition: ClientDefinition | undefined;
  #listeners: readonly CreatedListener[] = [];

  constructor(definition?: ClientDefinition) {
    this.#definition = definition;
  }

  useDefinition(definition: ClientDefinition): void {
    this.#definition = definition;
  }

  /**
   * Calls `listener` after each message or event is stored; `createMessage`
   * and `createEvent` wait for it and fail with its error. Returns a function
   * that removes the listener.
   */
  onCreated(listener: CreatedListener): () => void {
    this.#listeners = [...this.#listeners, listener];
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  get conversations(): readonly ConversationRecord[] {
    return this.#conversations;
  }
  get users(): readonly UserRecord[] {
    return this.#users;
  }
  /** Every message created, in order. */
  get messages(): readonly MessageRecord[] {
    return this.#messages;
  }
  /** Every event created, in order. */
  get events(): readonly EventRecord[] {
    return this.#events;
  }
  /** The current value of every state, in the order they were first set. */
  get states(): readonly StateRecord[] {
    return [...this.#states.values()];
  }

  async getOrCreateConversation(input: { readonly channel: string; readonly tags: TagValues }): Promise<{ conversation: ConversationRecord }> {
    this.#channelMessages(input.channel);
    const tags = definedTags(input.tags);
    const found = this.#conversations.find((c) => c.channel === input.channel && hasTags(c.tags, tags));
    if (found) return { conversation: found };
    const conversation = { id: this.#nextId('conversation'), channel: input.channel, tags };
    this.#conversations.push(conversation);
    return { conversation };
  }

  async getConversation(input: { readonly id: string }): Promise<{ conversation: ConversationRecord }> {
    return { conversation: this.#conversation(input.id) };
  }

  async getOrCreateUser(input: { readonly tags: TagValues; readonly name?: string }): Promise<{ user: UserRecord }> {
    const tags = definedTags(input.tags);
    const found = this.#users.find((u) => hasTags(u.tags, tags));
    if (found) return { user: found };
    const user = { id: this.#nextId('user'), tags, ...(input.name === undefined ? {} : { name: input.name }) };
    this.#users.push(user);
    return { user };
  }

  async getUser(input: { readonly id: string }): Promise<{ user: UserRecord }> {
    return { user: this.#user(input.id) };
  }

  async createMessage(input: {
    readonly conversationId: string;
    readonly channel?: string;
    readonly userId: string;
    readonly type: string;
    readonly payload: unknown;
    readonly tags?: TagValues;
  }): Promise<{ message: MessageRecord }> {
    const conversation = this.#conversation(input.conversationId);
    if (input.channel !== undefined && input.channel !== conversation.channel) {
      throw new IntcRuntimeError(
        `Conversation ${JSON.stringify(conversation.id)} belongs to channel ${JSON.stringify(conversation.channel)}, not ${JSON.stringify(input.channel)}.`,
      );
    }
    this.#user(input.userId);
    const payload = this.#parseMessage(conversation.channel, input.type, input.payload);
    const message: MessageRecord = {
      id: this.#nextId('message'),
      conversationId: conversation.id,
      userId: input.userId,
      type: input.type,
      payload,
      tags: definedTags(input.tags ?? {}),
    };
    this.#messages.push(message);
    await this.#announce({ kind: 'message', message });
    return { message };
  }

  async getMessage(input: { readonly id: string }): Promise<{ message: MessageRecord }> {
    const message = this.#messages.find((m) => m.id === input.id);
    if (!message) throw new NotFoundError(`No message with id ${JSON.stringify(input.id)}.`);
    return { message };
  }

  async listMessages(input: { readonly conversationId?: string } = {}): Promise<{ messages: MessageRecord[] }> {
    const { conversationId } = input;
    return { messages: this.#messages.filter((m) => conversationId === undefined || m.conversationId === conversationId) };
  }

  async getState(input: StateKey): Promise<{ state: StateRecord }> {
    this.#checkStateKey(input);
    const state = this.#states.get(stateKey(input));
    if (!state) {
      throw new NotFoundError(`No ${input.type} state ${JSON.stringify(input.name)} for id ${JSON.stringify(input.id)}.`);
    }
    return { state: { ...state, payload: copy(state.payload) } };
  }

  async setState(input: StateKey & { readonly payload: unknown }): Promise<{ state: StateRecord }> {
    this.#checkStateKey(input);
    const validate = own(this.#definition?.validators.states, input.name);
    const payload = parseChecked(validate, input.payload, 'payload', `Invalid payload for state ${JSON.stringify(input.name)}`, PayloadValidationError);
    const state: StateRecord = { type: input.type, id: input.id, name: input.name, payload };
    this.#states.set(stateKey(input), state);
    return { state: { ...state, payload: copy(state.payload) } };
  }

  async getOrSetState(input: StateKey & { readonly payload: unknown }): Promise<{ state: StateRecord }> {
    this.#checkStateKey(input);
    return this.#states.has(stateKey(input)) ? this.getState(input) : this.setState(input);
  }

  async createEvent(input: EventTargets & { readonly type: string; readonly payload: unknown }): Promise<{ event: EventRecord }> {
    const events = this.#definition?.validators.events;
    if (events !== undefined && !Object.hasOwn(events, input.type)) throw new UnknownNameError('event', input.type, sortedKeys(events));
    const payload = parseChecked(own(events, input.type), input.payload, 'payload', `Invalid payload for event ${JSON.stringify(input.type)}`, PayloadValidationError);
    const event: EventRecord = { ...targetsOf(input), id: this.#nextId('event'), type: input.type, payload };
    this.#events.push(event);
    await this.#announce({ kind: 'event', event });
    return { event };
  }

  async #announce(created: CreatedRecord): Promise<void> {
    // A snapshot: a listener added or removed while one runs takes effect from the next record.
    for (const listener of this.#listeners) await listener(created);
  }

  #nextId(counter: Counter): string {
    this.#counters[counter] += 1;
    return `${counter}-${this.#counters[counter]}`;
  }

  #conversation(id: string): ConversationRecord {
    const conversation = this.#conversations.find((c) => c.id === id);
    if (!conversation) throw new NotFoundError(`No conversation with id ${JSON.stringify(id)}.`);
    return conversation;
  }

  #user(id: string): UserRecord {
    const user = this.#users.find((u) => u.id === id);
    if (!user) throw new NotFoundError(`No user with id ${JSON.stringify(id)}.`);
    return user;
  }

  /** The channel's message validators (undefined without a definition); an unknown channel throws. */
  #channelMessages(channel: string): { readonly [type: string]: ValidateFunction } | undefined {
    const channels = this.#definition?.validators.channels;
    if (channels === undefined) return undefined;
    const messages = own(channels, channel);
    if (messages === undefined) throw new UnknownNameError('channel', channel, sortedKeys(channels));
    return messages;
  }

  /** The payload parsed with its message type's schema (a copy as it is without a definition). */
  #parseMessage(channel: string, type: string, payload: unknown): unknown {
    const messages = this.#channelMessages(channel);
    if (messages === undefined) return copy(payload);
    const validate = own(messages, type);
    if (validate === undefined) throw new UnknownNameError('message type', type, sortedKeys(messages), ` in channel ${JSON.stringify(channel)}`);
    return parseChecked(validate, payload, 'payload', `Invalid ${JSON.stringify(type)} message for channel ${JSON.stringify(channel)}`, PayloadValidationError);
  }

  #checkStateKey(key: StateKey): void {
    const states = this.#definition?.states;
    if (states === undefined) return;
    const scope = states.get(key.name);
    if (scope === undefined) throw new UnknownNameError('state', key.name, [...states.keys()]);
    if (scope !== key.type) {
      throw new IntcRuntimeError(`State ${JSON.stringify(key.name)} has scope ${JSON.stringify(scope)}, not ${JSON.stringify(key.type)}.`);
    }
  }
}

function stateKey(key: StateKey): string {
  return JSON.stringify([key.type, key.id, key.name]);
}

function definedTags(tags: TagValues): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(tags)) {
    if (value !== undefined) defineOwn(result, name, value);
  }
  return result;
}

/** Every tag asked for has that value; asking for no tag matches nothing (a new one is created). */
function hasTags(existing: TagValues, wanted: TagValues): boolean {
  const entries = Object.entries(wanted);
  return entries.length > 0 && entries.every(([name, value]) => own(existing, name) === value);
}

function targetsOf(input: EventTargets): EventTargets {
  const targets: { conversationId?: string; userId?: string; messageId?: string } = {};
  if (input.conversationId !== undefined) targets.conversationId = input.conversationId;
  if (input.userId !== undefined) targets.userId = input.userId;
  if (input.messageId !== undefined) targets.messageId = input.messageId;
  return targets;
}
