/**
 * Hands the messages and events an integration creates to the bot's
 * handlers for that alias, awaited, so a webhook request has been answered
 * by the bot when `handleWebhook` returns. Messages on a disabled channel
 * and names without a handler are ignored. A bot handler's error is logged,
 * not thrown: the integration stored the message, and failing its webhook
 * would only make the platform send the update again.
 */
import { sendMessage, type LooseAliasClient, type StartedAlias } from './bot-client.js';
import type { CreatedListener } from './created-listeners.js';
import type { EventRecord, MessageRecord } from './client-contract.js';
import type { Logger } from './logger.js';
import { copy, own } from './values.js';

type LooseHandler = (props: object) => Promise<void>;

/** The bot's handlers with names as plain strings. */
export interface LooseBotHandlers {
  readonly messages?: { readonly [alias: string]: { readonly [channel: string]: { readonly [type: string]: LooseHandler } | undefined } | undefined };
  readonly events?: { readonly [alias: string]: { readonly [event: string]: LooseHandler } | undefined };
}

export interface DispatchParts {
  readonly started: StartedAlias;
  readonly handlers: LooseBotHandlers;
  readonly client: { readonly [alias: string]: LooseAliasClient };
  readonly logger: Logger;
}

export function dispatchTo(parts: DispatchParts): CreatedListener {
  return (created) => (created.kind === 'message' ? dispatchMessage(parts, created.message) : dispatchEvent(parts, created.event));
}

async function dispatchMessage(parts: DispatchParts, record: MessageRecord): Promise<void> {
  const { started, handlers, client, logger } = parts;
  const { alias, instance } = started;
  const { conversation } = await instance.client.getConversation({ id: record.conversationId });
  const { channel } = conversation;
  if (started.disabledChannels.includes(channel)) return;
  const handler = own(own(own(handlers.messages, alias), channel), record.type);
  if (handler === undefined) return;
  const { user } = await instance.client.getUser({ id: record.userId });
  const message = copy(record);
  const reply = (answer: { type: string; payload: unknown; tags?: { readonly [name: string]: string | undefined } }) =>
    sendMessage(started, { ...answer, channel, conversationId: conversation.id });
  const props = { alias, channel, type: message.type, payload: message.payload, message, conversation: copy(conversation), user: copy(user), client, logger, reply };
  await logFailure(logger, `${alias}: the bot's handler for ${JSON.stringify(message.type)} messages of channel ${JSON.stringify(channel)}`, () =>
    handler(props),
  );
}

async function dispatchEvent(parts: DispatchParts, record: EventRecord): Promise<void> {
  const { started, handlers, client, logger } = parts;
  const { alias } = started;
  const handler = own(own(handlers.events, alias), record.type);
  if (handler === undefined) return;
  const event = copy(record);
  const props = { alias, type: event.type, payload: event.payload, event, client, logger };
  await logFailure(logger, `${alias}: the bot's handler for event ${JSON.stringify(event.type)}`, () => handler(props));
}

async function logFailure(logger: Logger, what: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    logger.error(`${what} failed:`, error);
  }
}
