/**
 * Using the generated bot typings as a bot developer would (the bot fixture:
 * telegram installed as `mainChannel` and as `supportChannel` with its
 * channel disabled, and the database integration as `analytics` with the
 * `postgres` configuration; and the edge-case bot): correct usages compile,
 * and each wrong one carries `@ts-expect-error`.
 */
import { Bot, installations, resolveConfigurations, type BotClient, type BotHandlers, type Configurations, type Integrations } from '../golden/bot/src/generated/index.js';
import type { SendMessageOutput } from '../golden/bot/src/generated/integrations/telegram/types.js';
import * as edge from '../golden/bot-edge-cases/src/generated/index.js';

// ---- actions: typed input → typed output, per alias --------------------------

export async function callActions(client: BotClient): Promise<string> {
  const sent: SendMessageOutput = await client.mainChannel.actions.sendMessage({ chatId: '42', text: 'Hello' });
  // Both aliases of telegram have its actions (a disabled channel takes no action away).
  const notified = await client.supportChannel.actions.sendMessage({ chatId: '42', text: 'Ticket opened', parseMode: 'HTML' });
  const rows = await client.analytics.actions.query({ sql: 'select 1' });
  void rows;

  // @ts-expect-error sendMessage needs chatId
  await client.mainChannel.actions.sendMessage({ text: 'Hello' });
  // @ts-expect-error text must be a string
  await client.mainChannel.actions.sendMessage({ chatId: '42', text: 42 });
  // @ts-expect-error parseMode is MarkdownV2 or HTML
  await client.mainChannel.actions.sendMessage({ chatId: '42', text: 'Hi', parseMode: 'Markdown' });
  // @ts-expect-error the database integration has no sendMessage action
  await client.analytics.actions.sendMessage({ chatId: '42', text: 'Hello' });
  // @ts-expect-error the output has messageId, not id
  const wrongOutput: string = (await client.mainChannel.actions.sendMessage({ chatId: '42', text: 'Hi' })).id;
  void wrongOutput;
  // @ts-expect-error no integration is installed under this alias
  await client.telegram.actions.sendMessage({ chatId: '42', text: 'Hello' });

  return `${sent.messageId} ${notified.messageId}`;
}

// ---- sending messages: enabled channels only --------------------------------

export async function sendMessages(client: BotClient): Promise<void> {
  await client.mainChannel.sendMessage({ channel: 'channel', conversationId: 'c1', type: 'text', payload: { text: 'Hi' } });
  // @ts-expect-error the support alias disabled its only channel
  await client.supportChannel.sendMessage({ channel: 'channel', conversationId: 'c1', type: 'text', payload: { text: 'Hi' } });
  // @ts-expect-error a text message's payload needs text
  await client.mainChannel.sendMessage({ channel: 'channel', conversationId: 'c1', type: 'text', payload: {} });
  // @ts-expect-error telegram has no channel of this name
  await client.mainChannel.sendMessage({ channel: 'sms', conversationId: 'c1', type: 'text', payload: { text: 'Hi' } });
}

// ---- handlers ---------------------------------------------------------------

export const handlers: BotHandlers = {
  messages: {
    mainChannel: {
      channel: {
        text: async ({ alias, channel, payload, reply, client }) => {
          const fromMain: 'mainChannel' = alias;
          const onChannel: 'channel' = channel;
          void fromMain;
          void onChannel;
          await reply({ type: 'text', payload: { text: payload.text.toUpperCase() } });
          // @ts-expect-error a reply's payload fits its type
          await reply({ type: 'text', payload: { caption: 'no text' } });
          await client.supportChannel.actions.sendMessage({ chatId: 'staff', text: payload.text });
        },
      },
    },
  },
  events: {
    mainChannel: {
      messageReceived: async ({ payload, type }) => {
        const chat: string = payload.chatId;
        const event: 'messageReceived' = type;
        void chat;
        void event;
      },
    },
  },
};

export const disabledChannelHandler: BotHandlers = {
  messages: {
    supportChannel: {
      // @ts-expect-error the support alias disabled this channel: no handler can be given for it
      channel: { text: async () => {} },
    },
  },
};

export const unknownAliasHandler: BotHandlers = {
  messages: {
    // @ts-expect-error no integration is installed under this alias
    telegram: {},
  },
};

export const unknownEventHandler: BotHandlers = {
  events: {
    analytics: {
      // @ts-expect-error the database integration has no events
      messageReceived: async () => {},
    },
  },
};

export const bot = new Bot(handlers);
export const emptyBot = new Bot({});

// ---- installations and configurations --------------------------------------

export const analyticsType: 'postgres' = installations.analytics.configurationType;
export const mainIntegration: 'telegram' = installations.mainChannel.integration;

export function configurationOf(env: { readonly [name: string]: string | undefined }): number {
  const configurations: Configurations = resolveConfigurations(env);
  const postgres = configurations.analytics.configuration;
  const token: string = configurations.mainChannel.configuration.botToken;
  void token;
  // @ts-expect-error the postgres configuration has no connectionString (that is the default configuration's)
  void postgres.connectionString;
  return postgres.port ?? 5432;
}

export function withoutEnvironment(): Configurations {
  return resolveConfigurations();
}

export function integrationsOf(integrations: Integrations): string {
  return integrations.mainChannel.metadata.name;
}

// ---- edge cases (fixtures/valid/bot-edge-cases) ------------------------------

export async function edgeCases(client: edge.BotClient): Promise<string> {
  // Two manifests named `minimal`, each with its own types; a quoted alias; an alias Object.prototype also has.
  const pong = await client['minimal-fork'].actions.ping({ at: '2024-01-01T00:00:00Z' });
  // @ts-expect-error the other `minimal` has no actions
  await client.constructor.actions.ping({ at: '2024-01-01T00:00:00Z' });
  // @ts-expect-error a disabled installation (`enabled: false`) is absent from the types
  await client.retired.actions.sendMessage({ chatId: '1', text: 'Hi' });
  const crmKey: string = edge.installations.crm.configuration.apiKey;
  return `${pong.pong} ${crmKey}`;
}

export const edgeBot = new edge.Bot({
  // @ts-expect-error no handlers for a disabled installation
  messages: { retired: {} },
});
