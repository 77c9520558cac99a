/**
 * The client contract kept in memory, for local runs and tests. Once the
 * runtime hands it the integration's definition (at `start()`), it checks
 * names and state scopes and parses payloads (messages, events and states
 * are stored with their defaults filled in and unknown properties stripped)
 * by the rules every client follows (client-rules.ts), as a real backend
 * would. Ids are sequential (`conversation-1`, `user-1`…), so tests are
 * deterministic. Everything stored is a copy, and the arrays below let a
 * test inspect it. `onCreated` listeners see every message and event as it
 * is created: that is how a bot running in the same process receives them.
 */
import {
  channelMessages,
  checkMessageChannel,
  checkStateKey,
  definedTags,
  eventTargets,
  recordNotFound,
  stateNotFound,
  storedEventPayload,
  storedMessagePayload,
  storedStatePayload,
  updatedStatePayload,
} from './client-rules.js';
import type {
  ClientContract,
  ClientDefinition,
  ConversationRecord,
  EventRecord,
  EventTargets,
  MessageRecord,
  StateKey,
  StateRecord,
  StateUpdate,
  TagValues,
  UserRecord,
} from './client-contract.js';
import { CreatedListeners, type CreatedListener } from './created-listeners.js';
import { copy, own } from './values.js';

type Counter = 'conversation' | 'user' | 'message' | 'event';

export class InMemoryClient implements ClientContract {
  readonly #conversations: ConversationRecord[] = [];
  readonly #users: UserRecord[] = [];
  readonly #messages: MessageRecord[] = [];
  readonly #events: EventRecord[] = [];
  readonly #states = new Map<string, StateRecord>();
  readonly #counters: Record<Counter, number> = { conversation: 0, user: 0, message: 0, event: 0 };
  readonly #listeners = new CreatedListeners();
  #definition: ClientDefinition | undefined;

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
    return this.#listeners.add(listener);
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
    channelMessages(this.#definition, input.channel);
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
    checkMessageChannel(conversation, input.channel);
    this.#user(input.userId);
    const payload = storedMessagePayload(this.#definition, conversation.channel, input.type, input.payload);
    const message: MessageRecord = {
      id: this.#nextId('message'),
      conversationId: conversation.id,
      userId: input.userId,
      type: input.type,
      payload,
      tags: definedTags(input.tags ?? {}),
    };
    this.#messages.push(message);
    await this.#listeners.announce({ kind: 'message', message });
    return { message };
  }

  async getMessage(input: { readonly id: string }): Promise<{ message: MessageRecord }> {
    const message = this.#messages.find((m) => m.id === input.id);
    if (!message) throw recordNotFound('message', input.id);
    return { message };
  }

  async listMessages(input: { readonly conversationId?: string } = {}): Promise<{ messages: MessageRecord[] }> {
    const { conversationId } = input;
    return { messages: this.#messages.filter((m) => conversationId === undefined || m.conversationId === conversationId) };
  }

  async getState(input: StateKey): Promise<{ state: StateRecord }> {
    checkStateKey(this.#definition, input);
    const state = this.#states.get(stateKey(input));
    if (!state) throw stateNotFound(input);
    return { state: copyState(state) };
  }

  async setState(input: StateKey & { readonly payload: unknown }): Promise<{ state: StateRecord }> {
    checkStateKey(this.#definition, input);
    return { state: this.#store(input, storedStatePayload(this.#definition, input.name, input.payload)) };
  }

  async getOrSetState(input: StateKey & { readonly payload: unknown }): Promise<{ state: StateRecord }> {
    checkStateKey(this.#definition, input);
    return this.#states.has(stateKey(input)) ? this.getState(input) : this.setState(input);
  }

  /** Reads, updates and stores in one synchronous step, so nothing else runs in between. */
  async updateState(input: StateKey & { readonly update: StateUpdate }): Promise<{ state: StateRecord }> {
    checkStateKey(this.#definition, input);
    const current = this.#states.get(stateKey(input))?.payload;
    return { state: this.#store(input, updatedStatePayload(this.#definition, input.name, input.update, copy(current))) };
  }

  async createEvent(input: EventTargets & { readonly type: string; readonly payload: unknown }): Promise<{ event: EventRecord }> {
    const payload = storedEventPayload(this.#definition, input.type, input.payload);
    const event: EventRecord = { ...eventTargets(input), id: this.#nextId('event'), type: input.type, payload };
    this.#events.push(event);
    await this.#listeners.announce({ kind: 'event', event });
    return { event };
  }

  /** Stores the (parsed) payload as the state's; returns a copy of the record. */
  #store(key: StateKey, payload: unknown): StateRecord {
    const state: StateRecord = { type: key.type, id: key.id, name: key.name, payload };
    this.#states.set(stateKey(key), state);
    return copyState(state);
  }

  #nextId(counter: Counter): string {
    this.#counters[counter] += 1;
    return `${counter}-${this.#counters[counter]}`;
  }

  #conversation(id: string): ConversationRecord {
    const conversation = this.#conversations.find((c) => c.id === id);
    if (!conversation) throw recordNotFound('conversation', id);
    return conversation;
  }

  #user(id: string): UserRecord {
    const user = this.#users.find((u) => u.id === id);
    if (!user) throw recordNotFound('user', id);
    return user;
  }
}

function stateKey(key: StateKey): string {
  return JSON.stringify([key.type, key.id, key.name]);
}

function copyState(state: StateRecord): StateRecord {
  return { ...state, payload: copy(state.payload) };
}

/** Every tag asked for has that value; asking for no tag matches nothing (a new one is created). */
function hasTags(existing: TagValues, wanted: TagValues): boolean {
  const entries = Object.entries(wanted);
  return entries.length > 0 && entries.every(([name, value]) => own(existing, name) === value);
}
