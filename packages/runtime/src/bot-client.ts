/**
 * The client a bot calls: per alias, its actions (routed to the integration
 * instance's `callAction`, which validates input and output), `sendMessage`
 * (routed to the instance's `handleMessage`, which runs the integration's
 * channel handler), and `getOrCreateConversation` / `getOrCreateUser` by
 * tags (on the alias's client, so the bot can start a conversation). A
 * disabled channel is refused before anything runs. Names are plain strings
 * here; `BotClient<B>` types them.
 */
import type { ClientContract, ConversationRecord, TagValues, UserRecord } from './client-contract.js';
import { IntcRuntimeError } from './errors.js';
import { defineOwn } from './values.js';

/** The instance as the bot drives it, names as plain strings. */
export interface LooseInstance {
  readonly client: ClientContract;
  callAction(name: string, input: unknown): Promise<unknown>;
  handleMessage(outgoing: {
    readonly channel: string;
    readonly type: string;
    readonly payload: unknown;
    readonly conversation: { readonly id: string; readonly tags?: TagValues };
    readonly message?: { readonly tags?: TagValues };
  }): Promise<void>;
}

/** One started alias, as the client and the dispatcher need it. */
export interface StartedAlias {
  readonly alias: string;
  readonly instance: LooseInstance;
  /** The integration's action names. */
  readonly actions: readonly string[];
  readonly disabledChannels: readonly string[];
}

export interface LooseMessage {
  readonly channel: string;
  readonly conversationId: string;
  readonly type: string;
  readonly payload: unknown;
  readonly tags?: TagValues;
}

export interface LooseAliasClient {
  readonly actions: { readonly [name: string]: (input: unknown) => Promise<unknown> };
  sendMessage(message: LooseMessage): Promise<void>;
  getOrCreateConversation(input: { readonly channel: string; readonly tags: TagValues }): Promise<{ conversation: ConversationRecord }>;
  getOrCreateUser(input: { readonly tags: TagValues; readonly name?: string }): Promise<{ user: UserRecord }>;
}

export function createBotClient(aliases: readonly StartedAlias[]): { readonly [alias: string]: LooseAliasClient } {
  const client: { [alias: string]: LooseAliasClient } = {};
  for (const started of aliases) defineOwn(client, started.alias, Object.freeze(aliasClient(started)));
  return Object.freeze(client);
}

function aliasClient(started: StartedAlias): LooseAliasClient {
  const actions: { [name: string]: (input: unknown) => Promise<unknown> } = {};
  for (const name of started.actions) defineOwn(actions, name, (input: unknown) => started.instance.callAction(name, input));
  return {
    actions: Object.freeze(actions),
    sendMessage: (message) => sendMessage(started, message),
    getOrCreateConversation: async (input) => {
      refuseDisabled(started, input.channel, 'start a conversation on');
      return started.instance.client.getOrCreateConversation(input);
    },
    getOrCreateUser: (input) => started.instance.client.getOrCreateUser(input),
  };
}

function refuseDisabled(started: StartedAlias, channel: string, what: string): void {
  if (started.disabledChannels.includes(channel)) {
    throw new IntcRuntimeError(`Cannot ${what} channel ${JSON.stringify(channel)} of ${JSON.stringify(started.alias)}: the bot disables it (disabledChannels in bot.yaml).`);
  }
}

/** Throws for a disabled channel, an unknown conversation or one of another channel; then runs the channel handler. */
export async function sendMessage(started: StartedAlias, message: LooseMessage): Promise<void> {
  const { alias, instance } = started;
  refuseDisabled(started, message.channel, 'send to');
  const { conversation } = await instance.client.getConversation({ id: message.conversationId });
  if (conversation.channel !== message.channel) {
    throw new IntcRuntimeError(
      `Conversation ${JSON.stringify(conversation.id)} of ${JSON.stringify(alias)} belongs to channel ${JSON.stringify(conversation.channel)}, not ${JSON.stringify(message.channel)}.`,
    );
  }
  await instance.handleMessage({
    channel: message.channel,
    type: message.type,
    payload: message.payload,
    conversation: { id: conversation.id, tags: conversation.tags },
    ...(message.tags === undefined ? {} : { message: { tags: message.tags } }),
  });
}
