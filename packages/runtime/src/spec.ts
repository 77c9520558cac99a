/**
 * The compile-time description of one integration that the generated
 * `integration.ts` writes out (its `Spec` type), and the names and context
 * types derived from it. Everything here is a type: the runtime itself only
 * sees names and validators.
 */

export type StateScope = 'integration' | 'conversation' | 'user';

declare const parsedType: unique symbol;
declare const givenType: unique symbol;

/**
 * How a generated Spec writes the type of a schema that holds a default:
 * `Parsed`, the value parsing gives (defaulted properties present: what
 * handlers receive and readers get back), and `Given`, what a caller or
 * producer may write (defaulted properties optional), like zod's
 * `z.output` and `z.input`. Any other Spec entry is both at once.
 */
export interface WithDefaults<Parsed, Given> {
  readonly [parsedType]: Parsed;
  readonly [givenType]: Given;
}

/** The type of a Spec entry after parsing. */
export type ParsedOf<T> = T extends WithDefaults<infer Parsed, unknown> ? Parsed : T;
/** The type of a Spec entry as a caller gives it. */
export type GivenOf<T> = T extends WithDefaults<unknown, infer Given> ? Given : T;

/** What every generated `Spec` looks like. */
export interface AnySpec {
  /** The default configuration (`Record<string, never>` when the manifest has none). */
  readonly configuration: unknown;
  /** Named configuration → its type. */
  readonly configurations: { readonly [name: string]: unknown };
  readonly actions: { readonly [name: string]: { readonly input: unknown; readonly output: unknown } };
  readonly channels: {
    readonly [name: string]: {
      /** Message type → payload type. */
      readonly messages: { readonly [type: string]: unknown };
      /** Union of the conversation tag names (`never` when none). */
      readonly conversationTags: string;
      /** Union of the message tag names (`never` when none). */
      readonly messageTags: string;
    };
  };
  /** Event → payload type. */
  readonly events: { readonly [name: string]: unknown };
  readonly states: { readonly [name: string]: { readonly type: StateScope; readonly payload: unknown } };
  /** Union of the user tag names (`never` when none). */
  readonly userTags: string;
  /** Secret → `string`, or `string | undefined` for an optional one. */
  readonly secrets: { readonly [name: string]: string | undefined };
}

type NameOf<T> = Extract<keyof T, string>;

export type ActionName<S extends AnySpec> = NameOf<S['actions']>;
export type ChannelName<S extends AnySpec> = NameOf<S['channels']>;
export type MessageType<S extends AnySpec, C extends ChannelName<S>> = NameOf<S['channels'][C]['messages']>;
export type EventName<S extends AnySpec> = NameOf<S['events']>;
export type StateName<S extends AnySpec> = NameOf<S['states']>;
export type SecretName<S extends AnySpec> = NameOf<S['secrets']>;
export type ConfigurationName<S extends AnySpec> = NameOf<S['configurations']>;
export type UserTagName<S extends AnySpec> = S['userTags'];
export type ConversationTagName<S extends AnySpec, C extends ChannelName<S>> = S['channels'][C]['conversationTags'];
export type MessageTagName<S extends AnySpec, C extends ChannelName<S>> = S['channels'][C]['messageTags'];

/** What an action handler receives (parsed: defaults filled in). */
export type ActionInput<S extends AnySpec, A extends ActionName<S>> = ParsedOf<S['actions'][A]['input']>;
/** What a caller of an action may pass. */
export type ActionInputGiven<S extends AnySpec, A extends ActionName<S>> = GivenOf<S['actions'][A]['input']>;
/** What the caller of an action gets back (parsed). */
export type ActionOutput<S extends AnySpec, A extends ActionName<S>> = ParsedOf<S['actions'][A]['output']>;
/** What an action handler may return. */
export type ActionOutputGiven<S extends AnySpec, A extends ActionName<S>> = GivenOf<S['actions'][A]['output']>;
/** A message's payload as handlers receive it and the client gives it back (parsed). */
export type MessagePayload<S extends AnySpec, C extends ChannelName<S>, T extends MessageType<S, C>> = ParsedOf<S['channels'][C]['messages'][T]>;
/** A message's payload as its sender writes it. */
export type MessagePayloadGiven<S extends AnySpec, C extends ChannelName<S>, T extends MessageType<S, C>> = GivenOf<S['channels'][C]['messages'][T]>;
export type EventPayload<S extends AnySpec, E extends EventName<S>> = ParsedOf<S['events'][E]>;
export type EventPayloadGiven<S extends AnySpec, E extends EventName<S>> = GivenOf<S['events'][E]>;
/** A state's payload as read back (parsed). */
export type StatePayload<S extends AnySpec, N extends StateName<S>> = ParsedOf<S['states'][N]['payload']>;
/** A state's payload as written. */
export type StatePayloadGiven<S extends AnySpec, N extends StateName<S>> = GivenOf<S['states'][N]['payload']>;
export type StateScopeOf<S extends AnySpec, N extends StateName<S>> = S['states'][N]['type'];

/** Tag values by tag name; every tag may be absent. */
export type Tags<Name extends string> = { [K in Name]?: string | undefined };

/**
 * The configuration an instance runs with: the default one
 * (`configurationType: null`) or a named one, each with its own type.
 */
export type ConfigurationChoice<S extends AnySpec> =
  | { readonly configurationType: null; readonly configuration: ParsedOf<S['configuration']> }
  | {
      [K in ConfigurationName<S>]: { readonly configurationType: K; readonly configuration: ParsedOf<S['configurations'][K]> };
    }[ConfigurationName<S>];

/** Any configuration the integration runs with (parsed: defaults filled in). */
export type AnyConfiguration<S extends AnySpec> = ParsedOf<S['configuration']> | ParsedOf<S['configurations'][ConfigurationName<S>]>;

/**
 * What every handler gets as `ctx`. Checking `ctx.configurationType` narrows
 * `ctx.configuration` to that configuration's type.
 */
export type Context<S extends AnySpec> = ConfigurationChoice<S> & {
  readonly secrets: Readonly<S['secrets']>;
  readonly integrationId: string;
  readonly webhookId: string;
  readonly botId: string;
};

/**
 * `true` when `T` is assignable to `U`, else a compile error where it is
 * used: the generated interface modules state each member's conformance
 * with it (an own output must fit the interface's, the interface's input
 * must fit an own input).
 */
export type Fits<T extends U, U> = T extends U ? true : never;
