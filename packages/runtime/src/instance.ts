/**
 * A started integration: dispatches register/unregister, action calls,
 * channel messages and webhook requests to the implementation. Action input
 * is parsed before the handler (which is not called when it is bad) and
 * output after; message payloads before the handler (parse.ts: a copy,
 * defaults filled in, unknown properties stripped).
 */
import { parseChecked } from './check.js';
import type { ClientContract, IntegrationClient } from './client-contract.js';
import { InputValidationError, MissingHandlerError, OutputValidationError, PayloadValidationError, redactError, UnknownNameError } from './errors.js';
import type { CommonProps, IntegrationImplementation, WebhookRequest, WebhookResponse } from './handlers.js';
import type { Logger } from './logger.js';
import { revealingStates, type SecretFields } from './secret-fields.js';
import type { Redactor } from './secrets.js';
import type {
  ActionInputGiven,
  ActionName,
  ActionOutput,
  AnySpec,
  ChannelName,
  ConversationTagName,
  Context,
  MessagePayloadGiven,
  MessageTagName,
  MessageType,
  Tags,
  UserTagName,
} from './spec.js';
import { defineOwn, own, sortedKeys } from './values.js';
import type { Validators } from './validators.js';

/** A message the bot sends, handed to the channel's handler for its type. */
export interface OutgoingMessage<S extends AnySpec, C extends ChannelName<S>, T extends MessageType<S, C>> {
  readonly channel: C;
  readonly type: T;
  readonly payload: MessagePayloadGiven<S, C, T>;
  readonly conversation: { readonly id: string; readonly tags?: Tags<ConversationTagName<S, C>> };
  /** Default: a new id, no tags. */
  readonly message?: { readonly id?: string; readonly tags?: Tags<MessageTagName<S, C>> };
  /** Who sends it. Default: `{ id: 'bot', tags: {} }`. */
  readonly user?: { readonly id: string; readonly tags?: Tags<UserTagName<S>>; readonly name?: string };
}

/** The answer to a webhook request, with defaults filled in (200, no headers, empty body). */
export interface WebhookResult {
  readonly status: number;
  readonly headers: { readonly [name: string]: string };
  readonly body: string;
}

export interface InstanceParts<S extends AnySpec, C extends ClientContract> {
  readonly implementation: IntegrationImplementation<S>;
  readonly validators: Validators;
  readonly ctx: Context<S>;
  readonly client: C;
  readonly logger: Logger;
  /** What logs and errors keep out; states' secret-marked fields are added as handlers read and write them. */
  readonly redactor: Redactor;
  readonly secretFields?: SecretFields | undefined;
  readonly webhookUrl: string;
}

type Handler = (props: object) => Promise<unknown>;

/** The implementation with names as plain strings, for dispatch by name. */
interface LooseImplementation {
  readonly register: Handler;
  readonly unregister: Handler;
  readonly handler: Handler;
  readonly actions: { readonly [name: string]: Handler };
  readonly channels: { readonly [name: string]: { readonly messages?: { readonly [type: string]: Handler } } };
}

export class IntegrationInstance<S extends AnySpec, C extends ClientContract> {
  /** The client handlers get (an `InMemoryClient` unless one was given): inspect it in tests. */
  readonly client: C;
  readonly logger: Logger;
  readonly ctx: Context<S>;
  readonly webhookUrl: string;
  readonly #implementation: LooseImplementation;
  readonly #validators: Validators;
  readonly #redact: (text: string) => string;
  /** The client as handlers get it: states read or written through it teach the redactor their secret fields. */
  readonly #handlerClient: C;
  #sent = 0;

  constructor(parts: InstanceParts<S, C>) {
    this.client = parts.client;
    this.logger = parts.logger;
    this.ctx = parts.ctx;
    this.webhookUrl = parts.webhookUrl;
    this.#implementation = parts.implementation as unknown as LooseImplementation;
    this.#validators = parts.validators;
    this.#redact = parts.redactor.redact;
    this.#handlerClient = revealingStates(parts.client, parts.secretFields, parts.redactor);
  }

  /**
   * `text` without any secret value this instance knows: its secrets, the
   * `redact` values it was started with, its configuration's secret-marked
   * fields and those of every state its handlers read or wrote so far.
   */
  redact(text: string): string {
    return this.#redact(text);
  }

  async register(): Promise<void> {
    await this.#redacting(() => this.#handler('register')({ ...this.#common(), webhookUrl: this.webhookUrl }));
  }

  async unregister(): Promise<void> {
    await this.#redacting(() => this.#handler('unregister')(this.#common()));
  }

  /** Throws `UnknownNameError`, `InputValidationError` (handler not called) or `OutputValidationError`. */
  async callAction<A extends ActionName<S>>(name: A, input: ActionInputGiven<S, A>): Promise<ActionOutput<S, A>> {
    return this.#redacting(() => this.#callAction(name, input));
  }

  async #callAction<A extends ActionName<S>>(name: A, input: ActionInputGiven<S, A>): Promise<ActionOutput<S, A>> {
    const validators = own(this.#validators.actions, name);
    if (validators === undefined) throw new UnknownNameError('action', name, sortedKeys(this.#validators.actions));
    const handler = own(this.#implementation.actions, name);
    if (handler === undefined) throw new MissingHandlerError(`The implementation has no handler for action ${JSON.stringify(name)}.`);
    const action = `action ${JSON.stringify(name)}`;
    const parsedInput = parseChecked(validators.input, input, 'input', `Invalid input for ${action}`, InputValidationError, this.#redact);
    const output = await handler({ ...this.#common(), type: name, input: parsedInput });
    return parseChecked(validators.output, output, 'output', `Invalid output from ${action}`, OutputValidationError, this.#redact) as ActionOutput<S, A>;
  }

  /** Throws `UnknownNameError` (channel or message type) or `PayloadValidationError` (handler not called). */
  async handleMessage<Ch extends ChannelName<S>, T extends MessageType<S, Ch>>(outgoing: OutgoingMessage<S, Ch, T>): Promise<void> {
    return this.#redacting(() => this.#handleMessage(outgoing));
  }

  async #handleMessage<Ch extends ChannelName<S>, T extends MessageType<S, Ch>>(outgoing: OutgoingMessage<S, Ch, T>): Promise<void> {
    const { channel, type } = outgoing;
    const channels = this.#validators.channels;
    const types = own(channels, channel);
    if (types === undefined) throw new UnknownNameError('channel', channel, sortedKeys(channels));
    if (!Object.hasOwn(types, type)) throw new UnknownNameError('message type', type, sortedKeys(types), ` in channel ${JSON.stringify(channel)}`);
    const handler = own(own(this.#implementation.channels, channel)?.messages, type);
    if (handler === undefined) {
      throw new MissingHandlerError(`The implementation has no handler for ${JSON.stringify(type)} messages of channel ${JSON.stringify(channel)}.`);
    }
    const what = `Invalid ${JSON.stringify(type)} message for channel ${JSON.stringify(channel)}`;
    const payload = parseChecked(own(types, type), outgoing.payload, 'payload', what, PayloadValidationError, this.#redact);
    const conversation = { id: outgoing.conversation.id, channel, tags: { ...outgoing.conversation.tags } };
    const user = { tags: {}, ...outgoing.user, id: outgoing.user?.id ?? 'bot' };
    this.#sent += 1;
    const message = {
      id: outgoing.message?.id ?? `outgoing-${this.#sent}`,
      conversationId: conversation.id,
      userId: user.id,
      type,
      payload,
      tags: { ...outgoing.message?.tags },
    };
    await handler({ ...this.#common(), channel, type, payload, conversation, message, user });
  }

  /** Missing request parts default to `POST /`, no query, no headers; header names are lower-cased. */
  async handleWebhook(request: Partial<WebhookRequest> = {}): Promise<WebhookResult> {
    const req: WebhookRequest = {
      method: request.method ?? 'POST',
      path: request.path ?? '/',
      query: request.query ?? '',
      headers: lowerCaseKeys(request.headers ?? {}),
      body: request.body,
    };
    const response = (await this.#redacting(() => this.#handler('handler')({ ...this.#common(), req }))) as WebhookResponse | undefined;
    return { status: response?.status ?? 200, headers: { ...response?.headers }, body: response?.body ?? '' };
  }

  /** Errors the runtime or the client built leave with secret values redacted. */
  async #redacting<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw redactError(error, this.#redact);
    }
  }

  #common(): CommonProps<S> {
    return {
      ctx: this.ctx,
      configuration: this.ctx.configuration,
      client: this.#handlerClient as unknown as IntegrationClient<S>,
      logger: this.logger,
    };
  }

  #handler(name: 'register' | 'unregister' | 'handler'): Handler {
    const handler = this.#implementation[name];
    if (typeof handler !== 'function') {
      throw new MissingHandlerError(`The implementation has no ${name === 'handler' ? 'webhook' : name} handler.`);
    }
    return handler;
  }
}

function lowerCaseKeys(headers: { readonly [name: string]: string | undefined }): { [name: string]: string | undefined } {
  const result: { [name: string]: string | undefined } = {};
  for (const [name, value] of Object.entries(headers)) {
    defineOwn(result, name.toLowerCase(), value);
  }
  return result;
}
