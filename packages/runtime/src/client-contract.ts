/**
 * The client handlers talk to: conversations, users, messages, states and
 * events. `ClientContract` is what an implementation provides (names are plain
 * strings, payloads `unknown`); `IntegrationClient<S>` is the same object seen
 * through a generated `Spec`, so names, tags, scopes and payloads are typed.
 */
import type {
  AnySpec,
  ChannelName,
  ConversationTagName,
  EventName,
  EventPayload,
  EventPayloadGiven,
  MessagePayload,
  MessagePayloadGiven,
  MessageTagName,
  MessageType,
  StateName,
  StatePayload,
  StatePayloadGiven,
  StateScope,
  StateScopeOf,
  Tags,
  UserTagName,
} from './spec.js';
import type { Validators } from './validators.js';

export type TagValues = { readonly [name: string]: string | undefined };

export interface ConversationRecord {
  readonly id: string;
  readonly channel: string;
  readonly tags: TagValues;
}

export interface UserRecord {
  readonly id: string;
  readonly tags: TagValues;
  readonly name?: string;
}

export interface MessageRecord {
  readonly id: string;
  readonly conversationId: string;
  readonly userId: string;
  readonly type: string;
  readonly payload: unknown;
  readonly tags: TagValues;
}

export interface StateRecord {
  readonly type: StateScope;
  /** The integration, conversation or user id the state belongs to. */
  readonly id: string;
  readonly name: string;
  readonly payload: unknown;
}

export interface EventRecord {
  readonly id: string;
  readonly type: string;
  readonly payload: unknown;
  readonly conversationId?: string;
  readonly userId?: string;
  readonly messageId?: string;
}

export interface StateKey {
  readonly type: StateScope;
  readonly id: string;
  readonly name: string;
}

export interface EventTargets {
  readonly conversationId?: string;
  readonly userId?: string;
  readonly messageId?: string;
}

/**
 * How `updateState` changes a state: given its current payload (`undefined`
 * when it was never set), returns the new one, synchronously.
 */
export type StateUpdate = (current: unknown) => unknown;

/** What a client needs to check names and payloads: the runtime hands it over at start. */
export interface ClientDefinition {
  readonly validators: Validators;
  /** State name → its scope. */
  readonly states: ReadonlyMap<string, StateScope>;
}

/** What a client implementation provides (the in-memory one, or one backed by a real server). */
export interface ClientContract {
  /** Called by `start()` so the client can check names and payloads against the manifest. */
  useDefinition?(definition: ClientDefinition): void;
  getOrCreateConversation(input: { readonly channel: string; readonly tags: TagValues }): Promise<{ conversation: ConversationRecord }>;
  getConversation(input: { readonly id: string }): Promise<{ conversation: ConversationRecord }>;
  getOrCreateUser(input: { readonly tags: TagValues; readonly name?: string }): Promise<{ user: UserRecord }>;
  getUser(input: { readonly id: string }): Promise<{ user: UserRecord }>;
  createMessage(input: {
    readonly conversationId: string;
    readonly channel?: string;
    readonly userId: string;
    readonly type: string;
    readonly payload: unknown;
    readonly tags?: TagValues;
  }): Promise<{ message: MessageRecord }>;
  getMessage(input: { readonly id: string }): Promise<{ message: MessageRecord }>;
  listMessages(input?: { readonly conversationId?: string }): Promise<{ messages: MessageRecord[] }>;
  getState(input: StateKey): Promise<{ state: StateRecord }>;
  setState(input: StateKey & { readonly payload: unknown }): Promise<{ state: StateRecord }>;
  /** The stored state, or `payload` stored and returned when there is none. */
  getOrSetState(input: StateKey & { readonly payload: unknown }): Promise<{ state: StateRecord }>;
  /**
   * Sets the state to what `update` returns for its current payload, with no
   * other write to the state between the read and the write (in this process
   * or, for a shared store, another), so concurrent updates never lose one.
   * `update` runs while the state is locked: it must be synchronous and
   * quick. When it throws, returns a promise, or returns a payload that does
   * not match the state's schema, nothing changes.
   */
  updateState(input: StateKey & { readonly update: StateUpdate }): Promise<{ state: StateRecord }>;
  createEvent(input: EventTargets & { readonly type: string; readonly payload: unknown }): Promise<{ event: EventRecord }>;
}

// ---- the typed view -------------------------------------------------------

export interface Conversation<S extends AnySpec, C extends ChannelName<S>> {
  readonly id: string;
  readonly channel: C;
  readonly tags: Tags<ConversationTagName<S, C>>;
}

export interface User<S extends AnySpec> {
  readonly id: string;
  readonly tags: Tags<UserTagName<S>>;
  readonly name?: string;
}

export interface Message<S extends AnySpec, C extends ChannelName<S>, T extends MessageType<S, C>> {
  readonly id: string;
  readonly conversationId: string;
  readonly userId: string;
  readonly type: T;
  readonly payload: MessagePayload<S, C, T>;
  readonly tags: Tags<MessageTagName<S, C>>;
}

/** A conversation of any channel (a union, so checking `channel` narrows `tags`). */
export type AnyConversation<S extends AnySpec> = { [C in ChannelName<S>]: Conversation<S, C> }[ChannelName<S>];

/** A message of any channel and type (a union, so checking `type` narrows `payload`). */
export type AnyMessage<S extends AnySpec> = {
  [C in ChannelName<S>]: { [T in MessageType<S, C>]: Message<S, C, T> }[MessageType<S, C>];
}[ChannelName<S>];

export interface State<S extends AnySpec, N extends StateName<S>> {
  readonly type: StateScopeOf<S, N>;
  readonly id: string;
  readonly name: N;
  readonly payload: StatePayload<S, N>;
}

export interface Event<S extends AnySpec, E extends EventName<S>> extends EventTargets {
  readonly id: string;
  readonly type: E;
  readonly payload: EventPayload<S, E>;
}

/** `createMessage` input: one member per channel and message type, so `type` picks the payload type. */
export type CreateMessageInput<S extends AnySpec> = {
  [C in ChannelName<S>]: {
    [T in MessageType<S, C>]: {
      readonly conversationId: string;
      /** Optional: narrows `type` and `tags` to this channel's; the client checks it against the conversation. */
      readonly channel?: C;
      readonly userId: string;
      readonly type: T;
      readonly payload: MessagePayloadGiven<S, C, T>;
      readonly tags?: Tags<MessageTagName<S, C>>;
    };
  }[MessageType<S, C>];
}[ChannelName<S>];

export interface TypedStateKey<S extends AnySpec, N extends StateName<S>> {
  readonly name: N;
  /** The state's scope as the manifest declares it. */
  readonly type: StateScopeOf<S, N>;
  /** The integration, conversation or user id (per the scope). */
  readonly id: string;
}

/** The client as handlers see it: the generated `Client` is `IntegrationClient<Spec>`. */
export interface IntegrationClient<S extends AnySpec> {
  getOrCreateConversation<C extends ChannelName<S>>(input: {
    readonly channel: C;
    readonly tags: Tags<ConversationTagName<S, C>>;
  }): Promise<{ conversation: Conversation<S, C> }>;
  getConversation(input: { readonly id: string }): Promise<{ conversation: AnyConversation<S> }>;
  getOrCreateUser(input: { readonly tags: Tags<UserTagName<S>>; readonly name?: string }): Promise<{ user: User<S> }>;
  getUser(input: { readonly id: string }): Promise<{ user: User<S> }>;
  createMessage(input: CreateMessageInput<S>): Promise<{ message: AnyMessage<S> }>;
  getMessage(input: { readonly id: string }): Promise<{ message: AnyMessage<S> }>;
  listMessages(input?: { readonly conversationId?: string }): Promise<{ messages: AnyMessage<S>[] }>;
  getState<N extends StateName<S>>(input: TypedStateKey<S, N>): Promise<{ state: State<S, N> }>;
  /** Stores the payload parsed (defaults filled in, unknown properties stripped) and gives it back. */
  setState<N extends StateName<S>>(input: TypedStateKey<S, N> & { readonly payload: StatePayloadGiven<S, N> }): Promise<{ state: State<S, N> }>;
  getOrSetState<N extends StateName<S>>(
    input: TypedStateKey<S, N> & { readonly payload: StatePayloadGiven<S, N> },
  ): Promise<{ state: State<S, N> }>;
  /**
   * Sets the state to what `update` returns for the payload stored (parsed;
   * `undefined` when never set), atomically: concurrent updates apply one
   * after the other. `update` must be synchronous; the payload it returns is
   * parsed as `setState`'s.
   */
  updateState<N extends StateName<S>>(
    input: TypedStateKey<S, N> & { readonly update: (current: StatePayload<S, N> | undefined) => StatePayloadGiven<S, N> },
  ): Promise<{ state: State<S, N> }>;
  createEvent<E extends EventName<S>>(
    input: EventTargets & { readonly type: E; readonly payload: EventPayloadGiven<S, E> },
  ): Promise<{ event: Event<S, E> }>;
}
