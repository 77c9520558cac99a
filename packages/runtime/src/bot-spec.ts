/**
 * The compile-time description of a bot that the generated `bot.ts` writes
 * out (its `BotSpec`: alias → the installed integration's `Spec`, the channels
 * the bot left enabled, the configuration type), and the handler and client
 * types derived from it. Disabled channels are left out of every type, so a
 * handler for one or a message sent to one is a compile error.
 */
import type { Conversation, Event, Message, User } from './client-contract.js';
import type { PlaceholderType } from './errors.js';
import type { IntegrationRuntime } from './integration-runtime.js';
import type { Logger } from './logger.js';
import type {
  ActionInputGiven,
  ActionName,
  ActionOutput,
  AnySpec,
  ChannelName,
  ConfigurationName,
  ConversationTagName,
  EventName,
  EventPayload,
  GivenOf,
  MessagePayload,
  MessagePayloadGiven,
  MessageTagName,
  MessageType,
  Tags,
  UserTagName,
} from './spec.js';

/** What every generated `BotSpec` looks like. */
export interface AnyBotSpec {
  readonly [alias: string]: {
    readonly spec: AnySpec;
    /** The channels the bot uses: the integration's channels minus `disabledChannels` (`never` when none). */
    readonly channels: string;
    /** `null` for the default configuration. */
    readonly configurationType: string | null;
  };
}

/** One installation as bot.yaml declares it (configuration strings may hold `${VAR}` placeholders). */
export interface Installation {
  /** The installed integration's name (its manifest's `name`). */
  readonly integration: string;
  readonly configurationType: string | null;
  readonly configuration: { readonly [key: string]: unknown };
  readonly disabledChannels: readonly string[];
  /** Placeholders that fill a number, integer or boolean field, by JSON pointer into `configuration` (absent: none). */
  readonly placeholderTypes?: PlaceholderTypes;
}

/** JSON pointer (`/appId`, `/limits/0`) → the type the filled text is converted to. */
export interface PlaceholderTypes {
  readonly [pointer: string]: PlaceholderType;
}

/** Alias → installation: the generated `installations` constant. */
export interface Installations {
  readonly [alias: string]: Installation;
}

type AliasOf<B extends AnyBotSpec> = Extract<keyof B, string>;
type SpecOf<B extends AnyBotSpec, A extends AliasOf<B>> = B[A]['spec'];
/** The alias's enabled channels that its integration declares. */
type EnabledChannel<B extends AnyBotSpec, A extends AliasOf<B>> = B[A]['channels'] & ChannelName<SpecOf<B, A>>;

// ---- configurations -------------------------------------------------------

/** The configuration an alias starts with, placeholders filled, typed by its configuration type. */
export type ResolvedConfiguration<S extends AnySpec, T extends string | null> = T extends ConfigurationName<S>
  ? { readonly configurationType: T; readonly configuration: GivenOf<S['configurations'][T]> }
  : { readonly configurationType: null; readonly configuration: GivenOf<S['configuration']> };

export type ResolvedConfigurations<B extends AnyBotSpec> = {
  readonly [A in AliasOf<B>]: ResolvedConfiguration<SpecOf<B, A>, B[A]['configurationType']>;
};

/** Alias → the integration to run in this process (its generated `Integration` object). */
export type BotIntegrations<B extends AnyBotSpec> = { readonly [A in AliasOf<B>]: IntegrationRuntime<SpecOf<B, A>> };

// ---- the client the bot calls ---------------------------------------------

/** A message to send to a conversation of one of the alias's enabled channels; `type` picks the payload type. */
export type SendMessageInput<S extends AnySpec, Channels extends string> = {
  [C in Channels & ChannelName<S>]: {
    [T in MessageType<S, C>]: {
      readonly channel: C;
      readonly conversationId: string;
      readonly type: T;
      readonly payload: MessagePayloadGiven<S, C, T>;
      readonly tags?: Tags<MessageTagName<S, C>>;
    };
  }[MessageType<S, C>];
}[Channels & ChannelName<S>];

/**
 * What one alias offers the bot: its actions, typed input → typed output,
 * sending on enabled channels, and finding or starting a conversation (and
 * its user) by tags, as the integration's handlers do.
 */
export interface AliasClient<S extends AnySpec, Channels extends string> {
  readonly actions: { readonly [A in keyof S['actions']]: (input: ActionInputGiven<S, A & ActionName<S>>) => Promise<ActionOutput<S, A & ActionName<S>>> };
  /** Hands the message to the integration's channel handler (which delivers it). Throws for a disabled channel. */
  sendMessage(message: SendMessageInput<S, Channels>): Promise<void>;
  /**
   * The conversation of an enabled channel with these tags (the first that
   * has them all), created when there is none: e.g. to message a chat first.
   * Rejects for a disabled channel.
   */
  getOrCreateConversation<C extends Channels & ChannelName<S>>(input: {
    readonly channel: C;
    readonly tags: Tags<ConversationTagName<S, C>>;
  }): Promise<{ conversation: Conversation<S, C> }>;
  /** The user with these tags (the first that has them all), created when there is none. */
  getOrCreateUser(input: { readonly tags: Tags<UserTagName<S>>; readonly name?: string }): Promise<{ user: User<S> }>;
}

/** Alias → its client: `client.mainChannel.actions.sendMessage({ … })`. */
export type BotClient<B extends AnyBotSpec> = { readonly [A in AliasOf<B>]: AliasClient<SpecOf<B, A>, B[A]['channels']> };

// ---- the handlers the bot provides ----------------------------------------

/** An answer in the conversation a message came from; `type` picks the payload type. */
export type Reply<S extends AnySpec, C extends ChannelName<S>> = {
  [T in MessageType<S, C>]: {
    readonly type: T;
    readonly payload: MessagePayloadGiven<S, C, T>;
    readonly tags?: Tags<MessageTagName<S, C>>;
  };
}[MessageType<S, C>];

interface BotProps<B extends AnyBotSpec, A extends AliasOf<B>> {
  /** The alias the message or event came through. */
  readonly alias: A;
  readonly client: BotClient<B>;
  /** Prints with secrets and the values filled into configurations redacted. */
  readonly logger: Logger;
}

export interface BotMessageProps<
  B extends AnyBotSpec,
  A extends AliasOf<B>,
  C extends EnabledChannel<B, A>,
  T extends MessageType<SpecOf<B, A>, C>,
> extends BotProps<B, A> {
  readonly channel: C;
  readonly type: T;
  readonly payload: MessagePayload<SpecOf<B, A>, C, T>;
  readonly message: Message<SpecOf<B, A>, C, T>;
  readonly conversation: Conversation<SpecOf<B, A>, C>;
  readonly user: User<SpecOf<B, A>>;
  /** Sends a message to this conversation through the integration's channel handler. */
  reply(message: Reply<SpecOf<B, A>, C>): Promise<void>;
}

export interface BotEventProps<B extends AnyBotSpec, A extends AliasOf<B>, E extends EventName<SpecOf<B, A>>> extends BotProps<B, A> {
  readonly type: E;
  readonly payload: EventPayload<SpecOf<B, A>, E>;
  readonly event: Event<SpecOf<B, A>, E>;
}

export type BotMessageHandler<
  B extends AnyBotSpec,
  A extends AliasOf<B>,
  C extends EnabledChannel<B, A>,
  T extends MessageType<SpecOf<B, A>, C>,
> = (props: BotMessageProps<B, A, C, T>) => Promise<void>;

export type BotEventHandler<B extends AnyBotSpec, A extends AliasOf<B>, E extends EventName<SpecOf<B, A>>> = (
  props: BotEventProps<B, A, E>,
) => Promise<void>;

/*
 * Every level is optional: a message or event without a handler is ignored.
 * The maps are homomorphic (`[K in keyof …]`), so the manifest's descriptions
 * show on the keys in editors; `as` drops the disabled channels. A map with
 * no name admits no key (an empty object type would accept any), so a
 * handler for a name the bot cannot receive is still an error.
 */

type NoNames = { readonly [name: string]: never };

type ChannelMessageHandlers<B extends AnyBotSpec, A extends AliasOf<B>, C extends EnabledChannel<B, A>> = [MessageType<SpecOf<B, A>, C>] extends [never]
  ? NoNames
  : { readonly [T in keyof SpecOf<B, A>['channels'][C]['messages']]?: BotMessageHandler<B, A, C, T & MessageType<SpecOf<B, A>, C>> };

type AliasMessageHandlers<B extends AnyBotSpec, A extends AliasOf<B>> = [EnabledChannel<B, A>] extends [never]
  ? NoNames
  : {
      readonly [C in keyof SpecOf<B, A>['channels'] as C extends EnabledChannel<B, A> ? C : never]?: ChannelMessageHandlers<
        B,
        A,
        C & EnabledChannel<B, A>
      >;
    };

type AliasEventHandlers<B extends AnyBotSpec, A extends AliasOf<B>> = [EventName<SpecOf<B, A>>] extends [never]
  ? NoNames
  : { readonly [E in keyof SpecOf<B, A>['events']]?: BotEventHandler<B, A, E & EventName<SpecOf<B, A>>> };

/** What `new Bot(…)` takes: alias → channel → message type → handler, and alias → event → handler. */
export interface BotHandlers<B extends AnyBotSpec> {
  readonly messages?: { readonly [A in AliasOf<B>]?: AliasMessageHandlers<B, A> };
  readonly events?: { readonly [A in AliasOf<B>]?: AliasEventHandlers<B, A> };
}
