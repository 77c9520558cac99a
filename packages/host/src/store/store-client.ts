/**
 * The client contract over a database: what the in-memory client does (the
 * same checks, parsed payloads, answers and errors, through the runtime's
 * client rules), kept in the store's tables under one namespace. A message
 * or event is announced to `onCreated` listeners once committed, as the
 * in-memory client announces it once stored, so a bot in the same process
 * receives it. `updateState` runs as one transaction with the state's row
 * locked: concurrent updates of one state, from any number of store
 * instances and processes, are applied one after the other, so none is lost.
 */
import {
  channelMessages,
  checkStateKey,
  CreatedListeners,
  storedStatePayload,
  type ClientDefinition,
  type ConversationRecord,
  type CreatedListener,
  type EventRecord,
  type EventTargets,
  type ListenableClient,
  type MessageRecord,
  type StateKey,
  type StateRecord,
  type StateUpdate,
  type TagValues,
  type UserRecord,
} from '@intc/runtime';
import type { Database, Script, ScriptMode, SqlValue } from './script.js';
import * as scripts from './store-scripts.js';

/** How many records an inspection lists by default. */
const DEFAULT_LIMIT = 100;

export class StoreClient implements ListenableClient {
  readonly #database: Database;
  readonly #namespace: SqlValue;
  readonly #listeners = new CreatedListeners();
  readonly #stateListeners = new Set<(state: StateRecord) => void>();
  #definition: ClientDefinition | undefined;

  constructor(database: Database, namespace: SqlValue, definition?: ClientDefinition) {
    this.#database = database;
    this.#namespace = namespace;
    this.#definition = definition;
  }

  useDefinition(definition: ClientDefinition): void {
    this.#definition = definition;
  }

  /**
   * Calls `listener` after each message or event this client creates is
   * committed; `createMessage` and `createEvent` wait for it and fail with its
   * error. Returns a function that removes the listener.
   */
  onCreated(listener: CreatedListener): () => void {
    return this.#listeners.add(listener);
  }

  async getOrCreateConversation(input: { readonly channel: string; readonly tags: TagValues }): Promise<{ conversation: ConversationRecord }> {
    channelMessages(this.#definition, input.channel);
    const conversation = await this.#run(() => scripts.getOrCreateConversation(this.#namespace, input.channel, input.tags), 'transaction');
    return { conversation };
  }

  async getConversation(input: { readonly id: string }): Promise<{ conversation: ConversationRecord }> {
    return { conversation: await this.#run(() => scripts.conversationById(this.#namespace, input.id)) };
  }

  async getOrCreateUser(input: { readonly tags: TagValues; readonly name?: string }): Promise<{ user: UserRecord }> {
    return { user: await this.#run(() => scripts.getOrCreateUser(this.#namespace, input.tags, input.name), 'transaction') };
  }

  async getUser(input: { readonly id: string }): Promise<{ user: UserRecord }> {
    return { user: await this.#run(() => scripts.userById(this.#namespace, input.id)) };
  }

  async createMessage(input: scripts.MessageInput): Promise<{ message: MessageRecord }> {
    const message = await this.#run(() => scripts.createMessage(this.#namespace, input, this.#definition));
    await this.#listeners.announce({ kind: 'message', message });
    return { message };
  }

  async getMessage(input: { readonly id: string }): Promise<{ message: MessageRecord }> {
    return { message: await this.#run(() => scripts.messageById(this.#namespace, input.id)) };
  }

  async listMessages(input: { readonly conversationId?: string } = {}): Promise<{ messages: MessageRecord[] }> {
    return { messages: await this.#run(() => scripts.listMessages(this.#namespace, input.conversationId)) };
  }

  async getState(input: StateKey): Promise<{ state: StateRecord }> {
    checkStateKey(this.#definition, input);
    return { state: await this.#run(() => scripts.getState(this.#namespace, input)) };
  }

  async setState(input: StateKey & { readonly payload: unknown }): Promise<{ state: StateRecord }> {
    checkStateKey(this.#definition, input);
    const payload = storedStatePayload(this.#definition, input.name, input.payload);
    const state = await this.#run(() => scripts.setState(this.#namespace, input, payload));
    this.#stateChanged(state);
    return { state };
  }

  async getOrSetState(input: StateKey & { readonly payload: unknown }): Promise<{ state: StateRecord }> {
    checkStateKey(this.#definition, input);
    const { state, created } = await this.#run(() => scripts.getOrSetState(this.#namespace, input, this.#definition));
    if (created) this.#stateChanged(state);
    return { state };
  }

  /** `update` runs inside the transaction, with the state's row locked (see ClientContract.updateState). */
  async updateState(input: StateKey & { readonly update: StateUpdate }): Promise<{ state: StateRecord }> {
    checkStateKey(this.#definition, input);
    const { dialect } = this.#database;
    const state = await this.#run(() => scripts.updateState(dialect, this.#namespace, input, input.update, this.#definition), 'transaction');
    this.#stateChanged(state);
    return { state };
  }

  async createEvent(input: EventTargets & { readonly type: string; readonly payload: unknown }): Promise<{ event: EventRecord }> {
    const event = await this.#run(() => scripts.createEvent(this.#namespace, input, this.#definition));
    await this.#listeners.announce({ kind: 'event', event });
    return { event };
  }

  // ---- inspection: what the dev console shows (not part of the client contract) ----

  /** Calls `listener` (synchronously, errors ignored) after each state this client writes is committed; returns its remover. */
  onStateChanged(listener: (state: StateRecord) => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  /** The latest `limit` conversations, oldest first. */
  async listConversations(limit = DEFAULT_LIMIT): Promise<ConversationRecord[]> {
    return this.#run(() => scripts.listConversations(this.#namespace, limit));
  }

  async listUsers(limit = DEFAULT_LIMIT): Promise<UserRecord[]> {
    return this.#run(() => scripts.listUsers(this.#namespace, limit));
  }

  /** The latest `limit` messages of every conversation, oldest first. */
  async listRecentMessages(limit = DEFAULT_LIMIT): Promise<MessageRecord[]> {
    return this.#run(() => scripts.listRecentMessages(this.#namespace, limit));
  }

  async listEvents(limit = DEFAULT_LIMIT): Promise<EventRecord[]> {
    return this.#run(() => scripts.listEvents(this.#namespace, limit));
  }

  /** The states set (not those only ever set to nothing), by scope, owner and name. */
  async listStates(limit = DEFAULT_LIMIT): Promise<StateRecord[]> {
    return this.#run(() => scripts.listStates(this.#namespace, limit));
  }

  #stateChanged(state: StateRecord): void {
    for (const listener of this.#stateListeners) {
      try {
        listener(state);
      } catch {
        // An observer's failure is not the write's.
      }
    }
  }

  #run<T>(script: () => Script<T>, mode: ScriptMode = 'single'): Promise<T> {
    return this.#database.run(script, mode);
  }
}
