/**
 * Defaults in the generated types, as zod's `z.output` and `z.input`: what a
 * handler receives or a reader gets back has every defaulted property
 * (`SendMessageInput`, `CustomerEntity`, `Configuration`), what a caller or
 * producer writes may leave them out (`SendMessageInputGiven`,
 * `CustomerEntityGiven`, a bot's configuration).
 * Correct usages compile, and each wrong one carries `@ts-expect-error`.
 */
import type { BotClient, Configurations } from '../golden/bot/src/generated/index.js';
import type { ActionHandlers as CrmActions, Client as CrmClient, Configuration as CrmConfiguration, CustomerEntity, CustomerEntityGiven } from '../golden/states-entities/src/generated/index.js';
import { Integration as Crm } from '../golden/states-entities/src/generated/index.js';
import type { ActionHandlers, SendMessageInput, SendMessageInputGiven } from '../golden/telegram/src/generated/index.js';
import { Integration as Telegram } from '../golden/telegram/src/generated/index.js';

// ---- an action: the handler reads every default, the caller may leave them out -

export const sendMessage: ActionHandlers['sendMessage'] = async ({ input }) => {
  // `disableNotification` has `default: false`: always there for the handler.
  const silent: boolean = input.disableNotification;
  // @ts-expect-error parseMode has no default: it may be absent
  const mode: string = input.parseMode;
  void mode;
  return { messageId: silent ? 'quiet' : 'loud' };
};

export async function callSendMessage(telegram: Telegram, bot: BotClient): Promise<boolean> {
  const instance = telegram.start({ configuration: { botToken: 't' } });
  await instance.callAction('sendMessage', { chatId: '42', text: 'Hi' });
  await bot.mainChannel.actions.sendMessage({ chatId: '42', text: 'Hi' });
  // @ts-expect-error a property without a default is still required
  await bot.mainChannel.actions.sendMessage({ chatId: '42' });
  // @ts-expect-error a given value has the defaulted property's type
  await instance.callAction('sendMessage', { chatId: '42', text: 'Hi', disableNotification: 'yes' });
  const given: SendMessageInputGiven = { chatId: '42', text: 'Hi' };
  // @ts-expect-error what a caller gives is not yet what the handler receives
  const received: SendMessageInput = given;
  return received.disableNotification;
}

// ---- an output: the handler may leave a default out, the caller gets it ------

export const getCustomer: CrmActions['getCustomer'] = async ({ input }) => ({
  // `tier` has `default: free`: the handler may leave it out of the entity it returns.
  customer: { id: input.customerId, name: 'Ada', email: 'ada@example.com', billingAddress: { street: 's', city: 'c', country: 'FR' } },
});

export async function readCustomer(crm: Crm): Promise<string> {
  const instance = crm.start({ configuration: { apiKey: 'acme_0123456789abcdefghij' }, env: { ACME_WEBHOOK_SIGNING_KEY: 'k' } });
  const { customer } = await instance.callAction('getCustomer', { customerId: 'c' });
  const tier: 'free' | 'pro' | 'enterprise' = customer.tier;
  const given: CustomerEntityGiven = { ...customer, tier: undefined as never };
  // @ts-expect-error an entity as given may lack its defaulted property
  const parsed: CustomerEntity = { id: 'c', name: 'Ada', email: 'a@b.c', billingAddress: given.billingAddress };
  void parsed;
  return tier;
}

// ---- configuration: handlers see it parsed, start() and bot.yaml give it -------

export function baseUrl(configuration: CrmConfiguration): string {
  // `apiBaseUrl` has a default: always there once started.
  return configuration.apiBaseUrl;
}

export const upsertCustomer: CrmActions['upsertCustomer'] = async ({ ctx, configuration, input }) => {
  const url: string = ctx.configuration.apiBaseUrl;
  return { customer: { id: url, name: input.name, email: input.email, billingAddress: input.billingAddress, tier: 'pro' }, created: configuration.apiKey !== '' };
};

export function startWithout(crm: Crm): void {
  crm.start({ configuration: { apiKey: 'acme_0123456789abcdefghij' }, env: {} });
  // @ts-expect-error the API key has no default
  crm.start({ configuration: { apiBaseUrl: 'https://example.com' }, env: {} });
}

export function givenConfiguration(configurations: Configurations): number | undefined {
  // What bot.yaml gives (placeholders filled in): `port` is required with a default, so bot.yaml may leave it out.
  const port = configurations.analytics.configuration.port;
  // @ts-expect-error bot.yaml may leave the defaulted port out
  const required: number = configurations.analytics.configuration.port;
  void required;
  return port;
}

// ---- states: written as given, read back parsed (updateState: both) -------------

export async function profile(client: CrmClient): Promise<boolean> {
  await client.setState({ type: 'user', id: 'u1', name: 'profile', payload: { customerId: 'c' } });
  const { state } = await client.getState({ type: 'user', id: 'u1', name: 'profile' });
  const optedIn: boolean = state.payload.marketingOptIn;
  // @ts-expect-error the payload written must still have its required properties
  await client.setState({ type: 'user', id: 'u1', name: 'profile', payload: { locale: 'fr' } });
  return optedIn;
}

export async function updateProfile(client: CrmClient): Promise<boolean> {
  const { state } = await client.updateState({
    type: 'user',
    id: 'u1',
    name: 'profile',
    update: (current) => {
      // What update is given is read back: parsed, or undefined when the state was never set.
      const optedIn: boolean | undefined = current?.marketingOptIn;
      // @ts-expect-error the state may never have been set
      const customerId: string = current.customerId;
      void customerId;
      // What it returns is written: the defaulted property may be left out.
      return { customerId: current?.customerId ?? (optedIn === true ? 'opted-in' : 'c') };
    },
  });
  // @ts-expect-error the payload returned must still have its required properties
  await client.updateState({ type: 'user', id: 'u1', name: 'profile', update: () => ({ locale: 'fr' }) });
  // @ts-expect-error the scope is the state's own
  await client.updateState({ type: 'integration', id: 'u1', name: 'profile', update: () => ({ customerId: 'c' }) });
  return state.payload.marketingOptIn;
}

export async function events(client: CrmClient, customer: CustomerEntityGiven): Promise<string> {
  // A producer gives the event's entity without its default.
  const { event } = await client.createEvent({ type: 'customerUpdated', payload: { customer, changedFields: ['name'], updatedAt: '2024-01-01T00:00:00Z' } });
  return event.payload.customer.tier;
}
