/**
 * The implementation an integration provides, mirroring Botpress's
 * `IntegrationImplementation`: register, unregister, the webhook handler,
 * one handler per action and one per channel message type. Every handler gets
 * `{ configuration, ctx, client, logger }` plus what it handles.
 */
import type { Conversation, IntegrationClient, Message, User } from './client-contract.js';
import type { Logger } from './logger.js';
import type {
  ActionInput,
  ActionName,
  ActionOutputGiven,
  AnyConfiguration,
  AnySpec,
  ChannelName,
  Context,
  MessagePayload,
  MessageType,
} from './spec.js';

export interface CommonProps<S extends AnySpec> {
  readonly ctx: Context<S>;
  /** The configuration the instance runs with (`ctx.configuration`; check `ctx.configurationType` to narrow it). */
  readonly configuration: AnyConfiguration<S>;
  readonly client: IntegrationClient<S>;
  /** Prints with every secret value redacted. */
  readonly logger: Logger;
}

export interface ActionProps<S extends AnySpec, A extends ActionName<S>> extends CommonProps<S> {
  readonly type: A;
  readonly input: ActionInput<S, A>;
}

export interface MessageProps<S extends AnySpec, C extends ChannelName<S>, T extends MessageType<S, C>> extends CommonProps<S> {
  readonly channel: C;
  readonly type: T;
  readonly payload: MessagePayload<S, C, T>;
  readonly conversation: Conversation<S, C>;
  readonly message: Message<S, C, T>;
  readonly user: User<S>;
}

export interface WebhookRequest {
  readonly method: string;
  /** Path below the webhook URL, starting with `/`. */
  readonly path: string;
  /** The query string without `?` ('' when none). */
  readonly query: string;
  readonly headers: { readonly [name: string]: string | undefined };
  readonly body?: string | undefined;
}

export interface WebhookResponse {
  readonly status?: number;
  readonly headers?: { readonly [name: string]: string };
  readonly body?: string;
}

export interface WebhookProps<S extends AnySpec> extends CommonProps<S> {
  readonly req: WebhookRequest;
}

export interface RegisterProps<S extends AnySpec> extends CommonProps<S> {
  /** Where the platform should send webhook requests. */
  readonly webhookUrl: string;
}

export type UnregisterProps<S extends AnySpec> = CommonProps<S>;

/** Receives the parsed input; may return the output with defaulted properties left out (the runtime parses it). */
export type ActionHandler<S extends AnySpec, A extends ActionName<S>> = (props: ActionProps<S, A>) => Promise<ActionOutputGiven<S, A>>;

export type MessageHandler<S extends AnySpec, C extends ChannelName<S>, T extends MessageType<S, C>> = (
  props: MessageProps<S, C, T>,
) => Promise<void>;

export type RegisterHandler<S extends AnySpec> = (props: RegisterProps<S>) => Promise<void>;
export type UnregisterHandler<S extends AnySpec> = (props: UnregisterProps<S>) => Promise<void>;
/** Returning nothing answers 200 with an empty body. */
export type WebhookHandler<S extends AnySpec> = (props: WebhookProps<S>) => Promise<WebhookResponse | void>;

/*
 * The maps below are homomorphic (`[K in keyof …]`), so the manifest's
 * descriptions on the generated Spec show on the handler keys in editors.
 * A manifest with no action (or no channel) gets a map that admits no key,
 * so a handler for a name the manifest lacks is still an error.
 */

type NoNames = { readonly [name: string]: never };

export type ActionHandlers<S extends AnySpec> = [ActionName<S>] extends [never]
  ? NoNames
  : { [A in keyof S['actions']]: ActionHandler<S, A & ActionName<S>> };

export type MessageHandlers<S extends AnySpec> = {
  [C in keyof S['channels']]: [MessageType<S, C & ChannelName<S>>] extends [never]
    ? NoNames
    : { [T in keyof S['channels'][C]['messages']]: MessageHandler<S, C & ChannelName<S>, T & MessageType<S, C & ChannelName<S>>> };
};

export type ChannelHandlers<S extends AnySpec> = [ChannelName<S>] extends [never]
  ? NoNames
  : { [C in keyof S['channels']]: { messages: MessageHandlers<S>[C] } };

export interface IntegrationImplementation<S extends AnySpec> {
  readonly register: RegisterHandler<S>;
  readonly unregister: UnregisterHandler<S>;
  /** The webhook handler. */
  readonly handler: WebhookHandler<S>;
  readonly actions: ActionHandlers<S>;
  readonly channels: ChannelHandlers<S>;
}
