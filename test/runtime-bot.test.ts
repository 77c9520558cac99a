/**
 * The bot side of the runtime (`BotRuntime`, `resolveConfigurations`, the
 * bot client and dispatch) driven as a generated `bot.ts` drives it: two
 * hand-written integrations (a chat one installed twice, once with its
 * `chat` channel disabled, and a store with a named configuration),
 * validators compiled with Ajv, implementations that record their calls.
 */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  BotRuntime,
  ConfigurationError,
  InMemoryClient,
  InputValidationError,
  IntcRuntimeError,
  IntegrationRuntime,
  MissingEnvironmentVariableError,
  InvalidEnvironmentVariableError,
  MissingSecretError,
  NotFoundError,
  resolveConfigurations,
  UnknownNameError,
  type BotClient,
  type BotHandlers,
  type BotIntegrations,
  type Installations,
  type IntegrationImplementation,
  type IntegrationMetadata,
  type ResolvedConfigurations,
  type ValidateFunction,
  type Validators,
} from '../packages/runtime/src/index.js';

// ---- two integrations -----------------------------------------------------

interface ChatSpec {
  configuration: { token: string; baseUrl?: string };
  configurations: {};
  actions: { send: { input: { chatId: string; text: string }; output: { id: string } } };
  channels: {
    chat: { messages: { text: { text: string }; image: { url: string } }; conversationTags: 'chatId'; messageTags: 'messageId' };
    alerts: { messages: { text: { text: string } }; conversationTags: 'topic'; messageTags: never };
  };
  events: { joined: { who: string } };
  states: {};
  userTags: 'handle';
  secrets: { CHAT_SECRET: string };
}

interface StoreSpec {
  configuration: Record<string, never>;
  configurations: { postgres: { url: string; tags: string[]; pool: number } };
  actions: { get: { input: { key: string }; output: { value: number } } };
  channels: {};
  events: {};
  states: {};
  userTags: never;
  secrets: {};
}

const ajv = new Ajv({ allErrors: true, strict: false });
const compile = (schema: object) => ajv.compile(schema) as unknown as ValidateFunction;
const object = (properties: Record<string, object>, required: string[] = Object.keys(properties)) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
const str = { type: 'string', minLength: 1 };
const text = compile(object({ text: str }));

const chatValidators: Validators = {
  configuration: compile(object({ token: { type: 'string', pattern: '^[a-z0-9-]+$' }, baseUrl: { type: 'string' } }, ['token'])),
  configurations: {},
  actions: { send: { input: compile(object({ chatId: str, text: str })), output: compile(object({ id: str })) } },
  channels: { chat: { text, image: compile(object({ url: str })) }, alerts: { text } },
  events: { joined: compile(object({ who: str })) },
  states: {},
};

const storeValidators: Validators = {
  configurations: { postgres: compile(object({ url: str, tags: { type: 'array', items: str }, pool: { type: 'integer' } })) },
  actions: { get: { input: compile(object({ key: str })), output: compile(object({ value: { type: 'number' } })) } },
  channels: {},
  events: {},
  states: {},
};

const noStates = { integration: [], conversation: [], user: [] };
const chatMetadata: IntegrationMetadata = { name: 'chat', version: '1.0.0', secrets: { required: ['CHAT_SECRET'], optional: [] }, states: noStates, configurations: [] };
const storeMetadata: IntegrationMetadata = { name: 'store', version: '1.0.0', secrets: { required: [], optional: [] }, states: noStates, configurations: ['postgres'] };

type Call = { readonly integration: string; readonly handler: string; readonly props: Record<string, unknown> };

/**
 * The chat integration's webhook turns `{ channel, chatId, from, text }` into
 * a conversation, user and text message, and `{ joined }` into an event;
 * its channel handlers and actions record what they get.
 */
function chatIntegration(calls: Call[]) {
  const record = (handler: string) => async (props: object) => {
    calls.push({ integration: 'chat', handler, props: props as Record<string, unknown> });
  };
  const implementation: IntegrationImplementation<ChatSpec> = {
    register: record('register'),
    unregister: record('unregister'),
    handler: async ({ req, client, logger }) => {
      const body = JSON.parse(req.body ?? '{}') as { channel?: 'chat' | 'alerts'; chatId?: string; from?: string; text?: string; joined?: string };
      logger.info('update', body);
      if (body.joined !== undefined) {
        await client.createEvent({ type: 'joined', payload: { who: body.joined } });
        return;
      }
      const channel = body.channel ?? 'chat';
      const { conversation } =
        channel === 'chat'
          ? await client.getOrCreateConversation({ channel, tags: { chatId: body.chatId } })
          : await client.getOrCreateConversation({ channel, tags: { topic: body.chatId } });
      const { user } = await client.getOrCreateUser({ tags: { handle: body.from } });
      await client.createMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text: body.text ?? '' } });
      return { status: 202 };
    },
    actions: {
      send: async (props) => {
        calls.push({ integration: 'chat', handler: 'send', props: props as unknown as Record<string, unknown> });
        return { id: `sent-${props.input.chatId}` };
      },
    },
    channels: {
      chat: { messages: { text: record('chat.text'), image: record('chat.image') } },
      alerts: { messages: { text: record('alerts.text') } },
    },
  };
  return new (class extends IntegrationRuntime<ChatSpec> {})(implementation, chatMetadata, chatValidators);
}

function storeIntegration(calls: Call[]) {
  const implementation: IntegrationImplementation<StoreSpec> = {
    register: async () => {
      calls.push({ integration: 'store', handler: 'register', props: {} });
    },
    unregister: async () => {},
    handler: async () => {},
    actions: { get: async ({ input }) => ({ value: input.key === 'bad' ? ('x' as unknown as number) : input.key.length }) },
    channels: {} as never,
  };
  return new (class extends IntegrationRuntime<StoreSpec> {})(implementation, storeMetadata, storeValidators);
}

// ---- the bot, as the generated bot.ts declares it -------------------------

type TestBot = {
  main: { spec: ChatSpec; channels: 'chat' | 'alerts'; configurationType: null };
  quiet: { spec: ChatSpec; channels: 'alerts'; configurationType: null };
  store: { spec: StoreSpec; channels: never; configurationType: 'postgres' };
};

const installations = {
  main: {
    integration: 'chat',
    configurationType: null,
    configuration: { token: '${CHAT_TOKEN}', baseUrl: 'https://${CHAT_HOST}:${CHAT_PORT}/api' },
    disabledChannels: [],
  },
  quiet: { integration: 'chat', configurationType: null, configuration: { token: '${QUIET_TOKEN}' }, disabledChannels: ['chat'] },
  store: {
    integration: 'store',
    configurationType: 'postgres',
    configuration: { url: 'postgres://bot:${DB_PASSWORD}@db/bot', tags: ['${REGION}', 'fixed'], pool: 5 },
    disabledChannels: [],
  },
} as const satisfies Installations;

class TestBotRuntime extends BotRuntime<TestBot> {
  constructor(handlers: BotHandlers<TestBot>) {
    super(handlers, installations);
  }
}

const CHAT_TOKEN = 'chat-token-7f3a';
const QUIET_TOKEN = 'quiet-token-91bc';
const DB_PASSWORD = 'db-pass-$&-55';
const CHAT_SECRET = 'chat-secret-0042';
const env = { CHAT_TOKEN, QUIET_TOKEN, CHAT_HOST: 'chat.example', CHAT_PORT: '8443', DB_PASSWORD, REGION: 'eu', CHAT_SECRET };

function startBot(handlers: BotHandlers<TestBot> = {}, options: { env?: Record<string, string | undefined>; integrations?: Partial<BotIntegrations<TestBot>> } = {}) {
  const calls: Call[] = [];
  const lines: string[] = [];
  const bot = new TestBotRuntime(handlers);
  const running = bot.start({
    integrations: { main: chatIntegration(calls), quiet: chatIntegration(calls), store: storeIntegration(calls), ...options.integrations },
    env: options.env ?? env,
    logger: (level, line) => lines.push(`${level} ${line}`),
  });
  return { running, calls, lines };
}

const post = (body: object) => ({ method: 'POST', body: JSON.stringify(body) });

// ---- configurations ---------------------------------------------------------

describe('resolveConfigurations', () => {
  it('fills every placeholder, several in one string, in nested arrays; other values stay as they are', () => {
    const resolved = resolveConfigurations(installations, env);
    expect(resolved).toEqual({
      main: { configurationType: null, configuration: { token: CHAT_TOKEN, baseUrl: 'https://chat.example:8443/api' } },
      quiet: { configurationType: null, configuration: { token: QUIET_TOKEN } },
      store: { configurationType: 'postgres', configuration: { url: `postgres://bot:${DB_PASSWORD}@db/bot`, tags: ['eu', 'fixed'], pool: 5 } },
    });
    expect(installations.main.configuration.token).toBe('${CHAT_TOKEN}');
  });

  it('takes a value literally: `$&` stays, a placeholder inside a value is not filled again', () => {
    const resolved = resolveConfigurations(installations, { ...env, CHAT_TOKEN: '${QUIET_TOKEN}', DB_PASSWORD: '$&$1$$' });
    expect(resolved['main']?.configuration['token']).toBe('${QUIET_TOKEN}');
    expect(resolved['store']?.configuration['url']).toBe('postgres://bot:$&$1$$@db/bot');
  });

  it('types the result per alias when the generated code casts it', () => {
    const resolved = resolveConfigurations(installations, env) as ResolvedConfigurations<TestBot>;
    const url: string = resolved.store.configuration.url;
    const type: 'postgres' = resolved.store.configurationType;
    const token: string = resolved.main.configuration.token;
    // @ts-expect-error the default configuration has no url
    void resolved.main.configuration.url;
    expect([url, type, token]).toEqual([`postgres://bot:${DB_PASSWORD}@db/bot`, 'postgres', CHAT_TOKEN]);
  });

  it('names each missing or empty variable and where it is used, never a value', () => {
    const partial = { ...env, CHAT_PORT: '', REGION: undefined, DB_PASSWORD: undefined };
    const error = captured(() => resolveConfigurations(installations, partial));
    expect(error).toBeInstanceOf(MissingEnvironmentVariableError);
    expect(error).toBeInstanceOf(IntcRuntimeError);
    expect(error.message).toBe(
      'Missing environment variables: CHAT_PORT (used at integrations.main.configuration.baseUrl), ' +
        'DB_PASSWORD (used at integrations.store.configuration.url), REGION (used at integrations.store.configuration.tags[0]). ' +
        'Set them before starting the bot.',
    );
    expect((error as MissingEnvironmentVariableError).variables).toEqual(['CHAT_PORT', 'DB_PASSWORD', 'REGION']);
    for (const value of [CHAT_TOKEN, QUIET_TOKEN, CHAT_SECRET, 'chat.example']) expect(`${error.message}\n${error.stack}`).not.toContain(value);
  });

  it('says one variable in the singular', () => {
    const error = captured(() => resolveConfigurations(installations, { ...env, QUIET_TOKEN: undefined }));
    expect(error.message).toBe('Missing environment variable: QUIET_TOKEN (used at integrations.quiet.configuration.token). Set it before starting the bot.');
  });

  it('converts a whole placeholder where the schema wants a number, integer or boolean', () => {
    const typed = {
      store: {
        ...installations.store,
        configuration: { ...installations.store.configuration, pool: '${POOL}', ratio: '${RATIO}', ssl: '${SSL}', label: 'pool-${POOL}' },
        placeholderTypes: { '/pool': 'integer', '/ratio': 'number', '/ssl': 'boolean' },
      },
    } satisfies Installations;
    const resolved = resolveConfigurations(typed, { ...env, POOL: ' 12 ', RATIO: '0.25', SSL: 'false' });
    expect(resolved['store']?.configuration).toMatchObject({ pool: 12, ratio: 0.25, ssl: false, label: 'pool- 12 ' });

    const error = captured(() => resolveConfigurations(typed, { ...env, POOL: '12.5', RATIO: 'abc', SSL: 'yes-secret' }));
    expect(error).toBeInstanceOf(InvalidEnvironmentVariableError);
    expect(error.message).toBe(
      'Invalid environment variables: POOL (used at integrations.store.configuration.pool) must be an integer (such as 42); ' +
        'RATIO (used at integrations.store.configuration.ratio) must be a number (such as 42 or 0.5); ' +
        'SSL (used at integrations.store.configuration.ssl) must be true or false. Fix them before starting the bot.',
    );
    expect(error.message).not.toContain('yes-secret');
    // A missing variable is told first, as before.
    expect(captured(() => resolveConfigurations(typed, { ...env, RATIO: 'abc' }))).toBeInstanceOf(MissingEnvironmentVariableError);
  });

  it('reads process.env when no environment is given', () => {
    const names = Object.keys(env) as (keyof typeof env)[];
    const saved = names.map((name) => [name, process.env[name]] as const);
    Object.assign(process.env, env);
    try {
      expect(resolveConfigurations(installations)['quiet']?.configuration).toEqual({ token: QUIET_TOKEN });
    } finally {
      for (const [name, value] of saved) if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
});

// ---- start ----------------------------------------------------------------

describe('start', () => {
  it('starts each alias with its filled configuration, its configuration type and its own client', () => {
    const { running } = startBot();
    const { main, quiet, store } = running.instances;
    expect(main.ctx).toMatchObject({ configurationType: null, configuration: { token: CHAT_TOKEN, baseUrl: 'https://chat.example:8443/api' } });
    expect(quiet.ctx.configuration).toEqual({ token: QUIET_TOKEN });
    expect(store.ctx).toMatchObject({ configurationType: 'postgres', configuration: { url: `postgres://bot:${DB_PASSWORD}@db/bot` } });
    expect(main.ctx.secrets).toEqual({ CHAT_SECRET });
    expect(new Set([main.client, quiet.client, store.client]).size).toBe(3);
    expect(main.client).toBeInstanceOf(InMemoryClient);
    expect([main.webhookUrl, quiet.webhookUrl]).toEqual(['http://localhost/webhooks/main', 'http://localhost/webhooks/quiet']);
    expect(main.ctx.webhookId).toBe('main');

    const integrations = { main: chatIntegration([]), quiet: chatIntegration([]), store: storeIntegration([]) };
    const elsewhere = new TestBotRuntime({}).start({ integrations, env, webhookBaseUrl: 'https://bot.example/hooks/' });
    expect(elsewhere.instances.quiet.webhookUrl).toBe('https://bot.example/hooks/quiet');
  });

  it('stops on a missing variable before starting any integration', () => {
    expect(() => startBot({}, { env: { ...env, CHAT_TOKEN: '' } })).toThrow(MissingEnvironmentVariableError);
    expect(() => startBot({}, { env: { ...env, CHAT_TOKEN: '' } })).toThrow('CHAT_TOKEN (used at integrations.main.configuration.token)');
  });

  it('leaves checking the filled configuration to the integration, and says which alias failed', () => {
    const error = captured(() => startBot({}, { env: { ...env, QUIET_TOKEN: 'not a token' } }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe('integrations.quiet: Invalid configuration: configuration.token must match pattern "^[a-z0-9-]+$"');
  });

  it('reports an integration’s own start-up errors with the alias', () => {
    const missingSecret = captured(() => startBot({}, { env: { ...env, CHAT_SECRET: '' } }));
    expect(missingSecret).toBeInstanceOf(MissingSecretError);
    expect(missingSecret.message).toBe('integrations.main: Missing required secret: CHAT_SECRET. Set them as environment variables of the same name.');
  });

  it('checks that every alias gets the integration it installs', () => {
    expect(() => startBot({}, { integrations: { main: storeIntegration([]) as never } })).toThrow(
      '"main" installs integration "chat", but the integration given for it is "store".',
    );
    const bot = new TestBotRuntime({});
    const missing = () => bot.start({ integrations: { main: chatIntegration([]), quiet: chatIntegration([]) } as never, env });
    expect(missing).toThrow('No integration given for "store": pass start({ integrations: { store: <the store Integration> } }).');
  });

  it('reads an alias’s secret from <ALIAS>_<SECRET> first, then from the shared name', () => {
    const { running } = startBot({}, { env: { ...env, QUIET_CHAT_SECRET: 'quiet-own-secret' } });
    expect(running.instances.main.ctx.secrets).toEqual({ CHAT_SECRET });
    expect(running.instances.quiet.ctx.secrets).toEqual({ CHAT_SECRET: 'quiet-own-secret' });
    expect(running.instances.quiet.redact('x quiet-own-secret y')).toBe('x [redacted] y');
    // An empty alias variable falls back; an alias secret alone is enough.
    const onlyOwn = startBot({}, { env: { ...env, CHAT_SECRET: undefined, MAIN_CHAT_SECRET: 'm', QUIET_CHAT_SECRET: 'q' } });
    expect([onlyOwn.running.instances.main.ctx.secrets, onlyOwn.running.instances.quiet.ctx.secrets]).toEqual([{ CHAT_SECRET: 'm' }, { CHAT_SECRET: 'q' }]);
    const missing = captured(() => startBot({}, { env: { ...env, CHAT_SECRET: undefined, MAIN_CHAT_SECRET: 'm', QUIET_CHAT_SECRET: '' } }));
    expect(missing.message).toBe('integrations.quiet: Missing required secret: CHAT_SECRET. Set them as environment variables of the same name.');
  });

  it('takes clients per alias, and refuses one client for two aliases', () => {
    const shared = new InMemoryClient();
    const bot = new TestBotRuntime({});
    const integrations = { main: chatIntegration([]), quiet: chatIntegration([]), store: storeIntegration([]) };
    expect(bot.start({ integrations, env, clients: { main: shared } }).instances.main.client).toBe(shared);
    expect(() => bot.start({ integrations, env, clients: { main: shared, quiet: shared } })).toThrow(
      '"main" and "quiet" were given the same client: each alias needs its own.',
    );
  });
});

// ---- messages and events: integration → bot --------------------------------

describe('incoming messages and events', () => {
  it('hands a message an integration creates to the bot’s handler for its alias, channel and type, awaited', async () => {
    const seen: Record<string, unknown>[] = [];
    const { running } = startBot({
      messages: {
        main: {
          chat: {
            text: async (props) => {
              seen.push({ ...props });
            },
          },
        },
      },
    });
    const response = await running.handleWebhook('main', post({ chatId: 'c-1', from: 'ada', text: 'hello' }));

    expect(response.status).toBe(202);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      alias: 'main',
      channel: 'chat',
      type: 'text',
      payload: { text: 'hello' },
      message: { id: 'message-1', conversationId: 'conversation-1', userId: 'user-1', type: 'text', payload: { text: 'hello' }, tags: {} },
      conversation: { id: 'conversation-1', channel: 'chat', tags: { chatId: 'c-1' } },
      user: { id: 'user-1', tags: { handle: 'ada' } },
      client: running.client,
      logger: running.logger,
    });
    expect(running.instances.main.client.messages).toHaveLength(1);
  });

  it('gives the handler copies: changing them changes nothing stored', async () => {
    const { running } = startBot({
      messages: {
        main: {
          chat: {
            text: async ({ payload, message }) => {
              (payload as { text: string }).text = 'changed';
              (message.payload as { text: string }).text = 'changed';
            },
          },
        },
      },
    });
    await running.handleWebhook('main', post({ chatId: 'c-1', from: 'ada', text: 'hello' }));
    expect(running.instances.main.client.messages[0]?.payload).toEqual({ text: 'hello' });
  });

  it('reply() runs the integration’s channel handler for the conversation’s channel, with its tags', async () => {
    const { running, calls } = startBot({
      messages: {
        main: {
          chat: { text: async ({ payload, reply }) => reply({ type: 'text', payload: { text: `echo: ${payload.text}` }, tags: { messageId: 'm9' } }) },
          alerts: { text: async ({ reply }) => reply({ type: 'text', payload: { text: 'noted' } }) },
        },
      },
    });
    await running.handleWebhook('main', post({ chatId: 'c-1', from: 'ada', text: 'hi' }));
    await running.handleWebhook('main', post({ channel: 'alerts', chatId: 'ops', from: 'ada', text: 'disk full' }));

    expect(calls.map((c) => [c.handler, c.props['payload'], c.props['conversation'], (c.props['message'] as { tags: object }).tags])).toEqual([
      ['chat.text', { text: 'echo: hi' }, { id: 'conversation-1', channel: 'chat', tags: { chatId: 'c-1' } }, { messageId: 'm9' }],
      ['alerts.text', { text: 'noted' }, { id: 'conversation-2', channel: 'alerts', tags: { topic: 'ops' } }, {}],
    ]);
    // The bot's own messages go to the platform, not back to the bot.
    expect(running.instances.main.client.messages).toHaveLength(2);
  });

  it('does not hand over a message on a disabled channel; the same channel of another alias is handed over', async () => {
    const seen: string[] = [];
    const record = (alias: string) => async () => {
      seen.push(alias);
    };
    // What a bot without types could pass: a handler for quiet's disabled chat channel.
    const handlers = { messages: { main: { chat: { text: record('main') } }, quiet: { chat: { text: record('quiet') }, alerts: { text: record('quiet alerts') } } } };
    const { running } = startBot(handlers as BotHandlers<TestBot>);
    await running.handleWebhook('quiet', post({ chatId: 'c-1', from: 'ada', text: 'hi' }));
    await running.handleWebhook('main', post({ chatId: 'c-1', from: 'ada', text: 'hi' }));
    await running.handleWebhook('quiet', post({ channel: 'alerts', chatId: 'ops', from: 'ada', text: 'hi' }));

    expect(seen).toEqual(['main', 'quiet alerts']);
    expect(running.instances.quiet.client.messages).toHaveLength(2); // the integration still stored both
  });

  it('ignores messages and events without a handler', async () => {
    const { running, calls } = startBot({ messages: { main: { chat: { image: async () => {} } } } });
    await expect(running.handleWebhook('main', post({ chatId: 'c-1', from: 'ada', text: 'hi' }))).resolves.toMatchObject({ status: 202 });
    await expect(running.handleWebhook('main', post({ joined: 'grace' }))).resolves.toMatchObject({ status: 200 });
    expect(calls).toEqual([]);
  });

  it('hands events to the bot’s handler for the alias and event', async () => {
    const seen: Record<string, unknown>[] = [];
    const { running } = startBot({
      events: {
        quiet: {
          joined: async (props) => {
            seen.push({ ...props });
          },
        },
      },
    });
    await running.handleWebhook('main', post({ joined: 'nobody' }));
    await running.handleWebhook('quiet', post({ joined: 'grace' }));

    expect(seen).toEqual([
      { alias: 'quiet', type: 'joined', payload: { who: 'grace' }, event: { id: 'event-1', type: 'joined', payload: { who: 'grace' } }, client: running.client, logger: running.logger },
    ]);
  });

  it('logs a failing bot handler (secrets redacted) and still answers the webhook', async () => {
    const { running, lines } = startBot({
      messages: {
        main: {
          chat: {
            text: async () => {
              throw new Error(`cannot use ${CHAT_TOKEN} or ${CHAT_SECRET}`);
            },
          },
        },
      },
    });
    await expect(running.handleWebhook('main', post({ chatId: 'c-1', from: 'ada', text: 'hi' }))).resolves.toMatchObject({ status: 202 });
    const failure = lines.find((line) => line.startsWith('error '));
    expect(failure).toContain('main: the bot\'s handler for "text" messages of channel "chat" failed: Error: cannot use [redacted] or [redacted]');
  });
});

// ---- the bot client: bot → integration --------------------------------------

describe('the bot client', () => {
  it('calls an alias’s action through the integration, validating input and output', async () => {
    const { running, calls } = startBot();
    await expect(running.client.main.actions.send({ chatId: 'c-1', text: 'hi' })).resolves.toEqual({ id: 'sent-c-1' });
    expect(calls.map((c) => [c.handler, c.props['input'], (c.props['ctx'] as { webhookId: string }).webhookId])).toEqual([
      ['send', { chatId: 'c-1', text: 'hi' }, 'main'],
    ]);
    await expect(running.client.store.actions.get({ key: 'abc' })).resolves.toEqual({ value: 3 });

    // @ts-expect-error text is required
    const bad = running.client.main.actions.send({ chatId: 'c-1' });
    await expect(bad).rejects.toThrow(InputValidationError);
    await expect(bad).rejects.toThrow('Invalid input for action "send": input.text is required');
    await expect(running.client.store.actions.get({ key: 'bad' })).rejects.toThrow('Invalid output from action "get": output.value must be a number');
  });

  it('sendMessage runs the channel handler for a conversation of that channel', async () => {
    const { running, calls } = startBot();
    await running.handleWebhook('main', post({ chatId: 'c-1', from: 'ada', text: 'hi' }));
    await running.client.main.sendMessage({ channel: 'chat', conversationId: 'conversation-1', type: 'image', payload: { url: 'https://x/cat.png' } });
    expect(calls.map((c) => [c.handler, c.props['payload'], c.props['conversation']])).toEqual([
      ['chat.image', { url: 'https://x/cat.png' }, { id: 'conversation-1', channel: 'chat', tags: { chatId: 'c-1' } }],
    ]);
  });

  it('refuses a disabled channel, another channel’s conversation and an unknown conversation', async () => {
    const { running, calls } = startBot();
    await running.handleWebhook('quiet', post({ chatId: 'c-1', from: 'ada', text: 'hi' }));
    await running.handleWebhook('main', post({ channel: 'alerts', chatId: 'ops', from: 'ada', text: 'hi' }));

    // @ts-expect-error quiet's chat channel is disabled: absent from the types
    const disabled = running.client.quiet.sendMessage({ channel: 'chat', conversationId: 'conversation-1', type: 'text', payload: { text: 'hi' } });
    await expect(disabled).rejects.toThrow(IntcRuntimeError);
    await expect(disabled).rejects.toThrow('Cannot send to channel "chat" of "quiet": the bot disables it (disabledChannels in bot.yaml).');
    const wrongChannel = running.client.main.sendMessage({ channel: 'chat', conversationId: 'conversation-1', type: 'text', payload: { text: 'hi' } });
    await expect(wrongChannel).rejects.toThrow('Conversation "conversation-1" of "main" belongs to channel "alerts", not "chat".');
    const unknown = running.client.main.sendMessage({ channel: 'alerts', conversationId: 'conversation-9', type: 'text', payload: { text: 'hi' } });
    await expect(unknown).rejects.toThrow(NotFoundError);
    expect(calls).toEqual([]);
  });

  it('checks the payload before the channel handler runs', async () => {
    const { running, calls } = startBot();
    await running.handleWebhook('main', post({ chatId: 'c-1', from: 'ada', text: 'hi' }));
    // @ts-expect-error an image needs a url
    const bad = running.client.main.sendMessage({ channel: 'chat', conversationId: 'conversation-1', type: 'image', payload: { text: 'hi' } });
    await expect(bad).rejects.toThrow('Invalid "image" message for channel "chat": payload.url is required');
    expect(calls).toEqual([]);
  });

  it('gets or creates a conversation and a user by tags on an alias, to start a conversation', async () => {
    const { running, calls } = startBot();
    const { conversation } = await running.client.main.getOrCreateConversation({ channel: 'chat', tags: { chatId: 'c-9' } });
    const { user } = await running.client.main.getOrCreateUser({ tags: { handle: 'ada' }, name: 'Ada' });
    expect(conversation).toEqual({ id: 'conversation-1', channel: 'chat', tags: { chatId: 'c-9' } });
    expect(user).toEqual({ id: 'user-1', tags: { handle: 'ada' }, name: 'Ada' });
    // The same tags find the same records, in the alias's own client only.
    expect((await running.client.main.getOrCreateConversation({ channel: 'chat', tags: { chatId: 'c-9' } })).conversation.id).toBe(conversation.id);
    expect(running.instances.main.client.conversations).toHaveLength(1);
    expect(running.instances.quiet.client.conversations).toHaveLength(0);

    await running.client.main.sendMessage({ channel: 'chat', conversationId: conversation.id, type: 'text', payload: { text: 'First!' } });
    expect(calls.map((c) => [c.handler, c.props['conversation']])).toEqual([['chat.text', conversation]]);

    // @ts-expect-error a tag the channel does not declare
    void running.client.main.getOrCreateConversation({ channel: 'chat', tags: { topic: 'x' } });
    // @ts-expect-error quiet's chat channel is disabled: absent from the types, refused at run time
    const disabled = running.client.quiet.getOrCreateConversation({ channel: 'chat', tags: { chatId: 'c-9' } });
    await expect(disabled).rejects.toThrow('Cannot start a conversation on channel "chat" of "quiet": the bot disables it (disabledChannels in bot.yaml).');
    await expect(running.client.main.getOrCreateConversation({ channel: 'nope' as 'chat', tags: {} })).rejects.toThrow(UnknownNameError);
  });

  it('has one entry per alias and per action, names kept as data', () => {
    const { running } = startBot();
    expect(Object.keys(running.client).sort()).toEqual(['main', 'quiet', 'store']);
    expect(Object.keys(running.client.main.actions)).toEqual(['send']);
    expect(Object.isFrozen(running.client)).toBe(true);
  });
});

describe('webhooks, register and logs', () => {
  it('register and unregister run for every alias in alias order', async () => {
    const { running, calls } = startBot();
    await running.register();
    expect(calls.map((c) => [c.integration, c.handler, c.props['webhookUrl']])).toEqual([
      ['chat', 'register', 'http://localhost/webhooks/main'],
      ['chat', 'register', 'http://localhost/webhooks/quiet'],
      ['store', 'register', undefined],
    ]);
    calls.length = 0;
    await running.unregister();
    expect(calls.map((c) => [c.integration, c.handler])).toEqual([
      ['chat', 'unregister'],
      ['chat', 'unregister'],
    ]);
  });

  it('refuses a webhook for an alias the bot does not install', async () => {
    const { running } = startBot();
    await expect(running.handleWebhook('nope' as never)).rejects.toThrow('Unknown alias "nope". Installed: main, quiet, store.');
  });

  it('prefixes integration lines with the alias and redacts filled values and secrets everywhere', async () => {
    const { running, lines } = startBot({
      messages: {
        main: {
          chat: {
            text: async ({ logger }) => logger.info(`bot sees ${CHAT_TOKEN}, ${QUIET_TOKEN}, ${DB_PASSWORD}, ${CHAT_SECRET}`),
          },
        },
      },
    });
    await running.handleWebhook('main', post({ chatId: 'c-1', from: 'ada', text: `leak ${QUIET_TOKEN} ${CHAT_SECRET}` }));
    expect(lines).toEqual([
      'info main: update {"chatId":"c-1","from":"ada","text":"leak [redacted] [redacted]"}',
      'info bot sees [redacted], [redacted], [redacted], [redacted]',
    ]);
  });
});

describe('InMemoryClient.onCreated', () => {
  it('awaits listeners after storing, stops calling a removed one, and fails with a listener’s error', async () => {
    const client = new InMemoryClient();
    const seen: string[] = [];
    const remove = client.onCreated(async (created) => {
      seen.push(`${created.kind} ${created.kind === 'message' ? created.message.id : created.event.id} (${client.messages.length} stored)`);
    });
    const { conversation } = await client.getOrCreateConversation({ channel: 'c', tags: {} });
    const { user } = await client.getOrCreateUser({ tags: {} });
    await client.createMessage({ conversationId: conversation.id, userId: user.id, type: 't', payload: {} });
    await client.createEvent({ type: 'e', payload: {} });
    remove();
    await client.createEvent({ type: 'e', payload: {} });
    expect(seen).toEqual(['message message-1 (1 stored)', 'event event-1 (1 stored)']);

    client.onCreated(() => {
      throw new Error('listener failed');
    });
    await expect(client.createEvent({ type: 'e', payload: {} })).rejects.toThrow('listener failed');
  });
});

// ---- types ----------------------------------------------------------------

describe('types', () => {
  it('leave disabled channels and unknown names out of handlers and the client', () => {
    const handlers: BotHandlers<TestBot> = {
      messages: {
        main: { chat: { text: async ({ payload, reply }) => reply({ type: 'image', payload: { url: payload.text } }) } },
        // @ts-expect-error quiet's chat channel is disabled
        quiet: { chat: { text: async () => {} } },
      },
      events: { main: { joined: async ({ payload }) => void payload.who.toUpperCase() } },
    };
    const badReply: BotHandlers<TestBot> = {
      // @ts-expect-error the alerts channel has no image messages
      messages: { main: { alerts: { text: async ({ reply }) => reply({ type: 'image', payload: { url: 'x' } }) } } },
    };
    const noStoreChannels: BotHandlers<TestBot> = {
      // @ts-expect-error the store has no channels
      messages: { store: { chat: {} } },
      // @ts-expect-error the store has no events
      events: { store: { joined: async () => {} } },
    };
    const typedOutput = async (client: BotClient<TestBot>) => {
      const { value }: { value: number } = await client.store.actions.get({ key: 'k' });
      // @ts-expect-error the store cannot send messages: no enabled channel
      await client.store.sendMessage({ channel: 'chat', conversationId: 'c', type: 'text', payload: { text: 'x' } });
      // @ts-expect-error no such action
      await client.main.actions.get({ key: 'k' });
      return value;
    };
    expect([handlers, badReply, noStoreChannels, typedOutput].every(Boolean)).toBe(true);
  });
});

function captured(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  return undefined as unknown as Error;
}
