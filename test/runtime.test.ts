/**
 * The runtime (`@intc/runtime`) driven as generated code drives it: a
 * hand-written Spec, validators compiled with Ajv (standing in for the
 * generated standalone ones), and an implementation that records its calls.
 */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  InMemoryClient,
  InputValidationError,
  IntcRuntimeError,
  IntegrationRuntime,
  MissingHandlerError,
  MissingSecretError,
  NotFoundError,
  OutputValidationError,
  PayloadValidationError,
  UnknownNameError,
  type IntegrationImplementation,
  type IntegrationMetadata,
  type LogLevel,
  type ValidateFunction,
  type Validators,
} from '../packages/runtime/src/index.js';
import { pathOf } from '../packages/runtime/src/issues.js';

interface ChatSpec {
  configuration: { token: string; baseUrl?: string };
  configurations: { sandbox: { sandboxId: number } };
  actions: {
    sendMessage: { input: { chatId: string; text: string; items?: { sku: string }[] }; output: { messageId: string } };
    constructor: { input: Record<string, never>; output: { ok: boolean } };
  };
  channels: {
    chat: { messages: { text: { text: string }; image: { imageUrl: string } }; conversationTags: 'chatId'; messageTags: 'messageId' };
  };
  events: { messageReceived: { chatId: string; text: string } };
  states: { cursor: { type: 'integration'; payload: { offset: number } }; chatInfo: { type: 'conversation'; payload: { title: string } } };
  userTags: 'handle';
  secrets: { API_KEY: string; WEBHOOK_SECRET: string; SENTRY_DSN: string | undefined };
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

const validators: Validators = {
  configuration: compile(object({ token: str, baseUrl: { type: 'string' } }, ['token'])),
  configurations: { sandbox: compile(object({ sandboxId: { type: 'integer', minimum: 1 } })) },
  actions: {
    sendMessage: {
      input: compile(object({ chatId: { type: 'string' }, text: str, items: { type: 'array', items: object({ sku: str }) } }, ['chatId', 'text'])),
      output: compile(object({ messageId: { type: 'string' } })),
    },
    constructor: { input: compile({ type: 'object' }), output: compile(object({ ok: { type: 'boolean' } })) },
  },
  channels: { chat: { text: compile(object({ text: str })), image: compile(object({ imageUrl: { type: 'string' } })) } },
  events: { messageReceived: compile(object({ chatId: { type: 'string' }, text: { type: 'string' } })) },
  states: { cursor: compile(object({ offset: { type: 'integer', minimum: 0 } })), chatInfo: compile(object({ title: { type: 'string' } })) },
};

const metadata: IntegrationMetadata = {
  name: 'chat',
  version: '1.0.0',
  secrets: { required: ['API_KEY', 'WEBHOOK_SECRET'], optional: ['SENTRY_DSN'] },
  states: { integration: ['cursor'], conversation: ['chatInfo'], user: [] },
  configurations: ['sandbox'],
};

class ChatIntegration extends IntegrationRuntime<ChatSpec> {
  constructor(implementation: IntegrationImplementation<ChatSpec>) {
    super(implementation, metadata, validators);
  }
}

const API_KEY = 'sk_live_abc123"quoted\\';
const WEBHOOK_SECRET = 'whsec_0987654321';
const env = { API_KEY, WEBHOOK_SECRET };

/** An implementation that records every call and answers from `outputs`. */
function recording(outputs: { messageId?: unknown } = {}) {
  const calls: { handler: string; props: Record<string, unknown> }[] = [];
  const record = (handler: string) => async (props: object) => {
    calls.push({ handler, props: props as Record<string, unknown> });
  };
  const implementation: IntegrationImplementation<ChatSpec> = {
    register: record('register'),
    unregister: record('unregister'),
    handler: async (props) => {
      calls.push({ handler: 'handler', props: props as unknown as Record<string, unknown> });
      if (props.req.path === '/created') return { status: 201, headers: { 'x-id': '1' }, body: 'made' };
      return undefined;
    },
    actions: {
      sendMessage: async (props) => {
        calls.push({ handler: 'sendMessage', props: props as unknown as Record<string, unknown> });
        return { messageId: (outputs.messageId ?? `m-${props.input.chatId}`) as string };
      },
      constructor: async () => ({ ok: true }),
    },
    channels: { chat: { messages: { text: record('text'), image: record('image') } } },
  };
  return { calls, integration: new ChatIntegration(implementation) };
}

function start(options: Partial<Parameters<ChatIntegration['start']>[0]> = {}) {
  const { calls, integration } = recording();
  const lines: string[] = [];
  const instance = integration.start({
    configuration: { token: 'tok' },
    env,
    logger: (level: LogLevel, line: string) => lines.push(`${level} ${line}`),
    ...options,
  } as Parameters<ChatIntegration['start']>[0]);
  return { calls, instance, lines };
}

describe('start', () => {
  it('reads secrets from env; optional ones may be absent', () => {
    const { instance } = start();
    expect(instance.ctx.secrets).toEqual({ API_KEY, SENTRY_DSN: undefined, WEBHOOK_SECRET });
  });

  it('names every missing required secret (an empty value counts as missing), and no value', () => {
    const { integration } = recording();
    const run = () => integration.start({ configuration: { token: 'tok' }, env: { WEBHOOK_SECRET: '', SENTRY_DSN: 'dsn-value' } });
    expect(run).toThrow(MissingSecretError);
    expect(run).toThrow('Missing required secrets: API_KEY, WEBHOOK_SECRET.');
    try {
      run();
    } catch (error) {
      expect((error as MissingSecretError).secrets).toEqual(['API_KEY', 'WEBHOOK_SECRET']);
      expect((error as Error).message).not.toContain('dsn-value');
    }
  });

  it('validates the default configuration, naming the field', () => {
    expect(() => start({ configuration: { token: '' } })).toThrow(ConfigurationError);
    expect(() => start({ configuration: { token: '' } })).toThrow('Invalid configuration: configuration.token must NOT have fewer than 1 characters');
    expect(() => start({ configuration: { token: 'x', extra: 1 } as never })).toThrow('configuration.extra is not an allowed property');
    expect(() => start({ configuration: 'tok' as never })).toThrow('configuration must be an object');
  });

  it('selects a named configuration with configurationType and validates it', () => {
    const { instance } = start({ configurationType: 'sandbox', configuration: { sandboxId: 7 } });
    expect(instance.ctx.configurationType).toBe('sandbox');
    expect(instance.ctx.configuration).toEqual({ sandboxId: 7 });
    expect(() => start({ configurationType: 'sandbox', configuration: { sandboxId: 0 } })).toThrow(
      'Invalid configuration "sandbox": configuration.sandboxId must be >= 1',
    );
    expect(() => start({ configurationType: 'prod' as never, configuration: {} as never })).toThrow(UnknownNameError);
    expect(() => start({ configurationType: 'prod' as never, configuration: {} as never })).toThrow('Declared: sandbox.');
  });

  it('fills ids and the webhook URL, and takes them from options', () => {
    expect(start().instance.ctx).toMatchObject({ integrationId: 'local-integration', webhookId: 'local-webhook', botId: 'local-bot', configurationType: null });
    const { instance } = start({ ids: { botId: 'b1' }, webhookUrl: 'https://example.test/hook' });
    expect(instance.ctx.botId).toBe('b1');
    expect(instance.webhookUrl).toBe('https://example.test/hook');
  });
});

describe('actions', () => {
  it('validates the input, calls the handler with the common props, validates the output', async () => {
    const { instance, calls } = start();
    await expect(instance.callAction('sendMessage', { chatId: 'c1', text: 'hi' })).resolves.toEqual({ messageId: 'm-c1' });
    expect(calls).toHaveLength(1);
    const props = calls[0]!.props;
    expect(props.input).toEqual({ chatId: 'c1', text: 'hi' });
    expect(props.type).toBe('sendMessage');
    expect(props.configuration).toEqual({ token: 'tok' });
    expect(props.ctx).toBe(instance.ctx);
    expect(props.client).toBe(instance.client);
    expect(props.logger).toBe(instance.logger);
  });

  it('answers bad input with InputValidationError naming the field; the handler is not called', async () => {
    const { instance, calls } = start();
    const call = instance.callAction('sendMessage', { chatId: 42, text: 'hi' } as never);
    await expect(call).rejects.toThrow(InputValidationError);
    await expect(call).rejects.toThrow('Invalid input for action "sendMessage": input.chatId must be a string');
    await expect(instance.callAction('sendMessage', { chatId: 'c' } as never)).rejects.toThrow('input.text is required');
    await expect(instance.callAction('sendMessage', { chatId: 'c', text: 't', items: [{ sku: '' }] })).rejects.toThrow(
      'input.items[0].sku must NOT have fewer than 1 characters',
    );
    await expect(instance.callAction('sendMessage', null as never)).rejects.toThrow('input must be an object');
    expect(calls).toHaveLength(0);
  });

  it('lists every issue, with paths on the error', async () => {
    const { instance } = start();
    const error = await instance.callAction('sendMessage', { chatId: 1, extra: true } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).issues.map((issue) => issue.path).sort()).toEqual(['input.chatId', 'input.extra', 'input.text']);
  });

  it('answers a bad output with OutputValidationError naming the field', async () => {
    const { integration } = recording({ messageId: 7 });
    const instance = integration.start({ configuration: { token: 'tok' }, env });
    const call = instance.callAction('sendMessage', { chatId: 'c', text: 't' });
    await expect(call).rejects.toThrow(OutputValidationError);
    await expect(call).rejects.toThrow('Invalid output from action "sendMessage": output.messageId must be a string');
  });

  it('refuses an unknown action, even one named like an Object.prototype member', async () => {
    const { instance } = start();
    await expect(instance.callAction('sendMesage' as never, {} as never)).rejects.toThrow(UnknownNameError);
    await expect(instance.callAction('sendMesage' as never, {} as never)).rejects.toThrow(
      'Unknown action "sendMesage". Declared: constructor, sendMessage.',
    );
    await expect(instance.callAction('toString' as never, {} as never)).rejects.toThrow('Unknown action "toString"');
    await expect(instance.callAction('constructor', {})).resolves.toEqual({ ok: true });
  });

  it('says which handler an untyped implementation lacks', async () => {
    const partial = { register: async () => {}, actions: {}, channels: {} } as unknown as IntegrationImplementation<ChatSpec>;
    const instance = new ChatIntegration(partial).start({ configuration: { token: 't' }, env });
    await expect(instance.callAction('sendMessage', { chatId: 'c', text: 't' })).rejects.toThrow(
      new MissingHandlerError('The implementation has no handler for action "sendMessage".'),
    );
    await expect(instance.handleWebhook()).rejects.toThrow('The implementation has no webhook handler.');
    await expect(instance.handleMessage({ channel: 'chat', type: 'text', payload: { text: 'x' }, conversation: { id: 'c' } })).rejects.toThrow(
      'The implementation has no handler for "text" messages of channel "chat".',
    );
  });

  it('gives the handler a copy: the caller’s input is not changed', async () => {
    const { instance, calls } = start();
    const input = { chatId: 'c', text: 't' };
    await instance.callAction('sendMessage', input);
    expect(calls[0]!.props.input).not.toBe(input);
  });
});

describe('messages', () => {
  it('dispatches to the channel’s handler for the type, with conversation, message and user', async () => {
    const { instance, calls } = start();
    await instance.handleMessage({ channel: 'chat', type: 'image', payload: { imageUrl: 'u' }, conversation: { id: 'conv', tags: { chatId: '9' } } });
    expect(calls.map((c) => c.handler)).toEqual(['image']);
    const props = calls[0]!.props;
    expect(props.payload).toEqual({ imageUrl: 'u' });
    expect(props.conversation).toEqual({ id: 'conv', channel: 'chat', tags: { chatId: '9' } });
    expect(props.user).toEqual({ id: 'bot', tags: {} });
    expect(props.message).toEqual({ id: 'outgoing-1', conversationId: 'conv', userId: 'bot', type: 'image', payload: { imageUrl: 'u' }, tags: {} });
  });

  it('validates the payload before the handler', async () => {
    const { instance, calls } = start();
    const call = instance.handleMessage({ channel: 'chat', type: 'text', payload: { text: '' }, conversation: { id: 'c' } });
    await expect(call).rejects.toThrow(PayloadValidationError);
    await expect(call).rejects.toThrow('Invalid "text" message for channel "chat": payload.text must NOT have fewer than 1 characters');
    expect(calls).toHaveLength(0);
  });

  it('refuses an unknown channel or message type', async () => {
    const { instance } = start();
    await expect(instance.handleMessage({ channel: 'sms' as never, type: 'text' as never, payload: {} as never, conversation: { id: 'c' } })).rejects.toThrow(
      'Unknown channel "sms". Declared: chat.',
    );
    await expect(instance.handleMessage({ channel: 'chat', type: 'video' as never, payload: {} as never, conversation: { id: 'c' } })).rejects.toThrow(
      'Unknown message type "video" in channel "chat". Declared: image, text.',
    );
  });
});

describe('webhook, register, unregister', () => {
  it('answers 200 with an empty body when the handler returns nothing', async () => {
    const { instance, calls } = start();
    await expect(instance.handleWebhook({ body: '{}', headers: { 'Content-Type': 'application/json' } })).resolves.toEqual({ status: 200, headers: {}, body: '' });
    expect(calls[0]!.props.req).toEqual({ method: 'POST', path: '/', query: '', headers: { 'content-type': 'application/json' }, body: '{}' });
  });

  it('passes the handler’s response through', async () => {
    const { instance } = start();
    await expect(instance.handleWebhook({ method: 'GET', path: '/created' })).resolves.toEqual({ status: 201, headers: { 'x-id': '1' }, body: 'made' });
  });

  it('gives register the webhook URL; unregister gets the common props', async () => {
    const { instance, calls } = start({ webhookUrl: 'https://example.test/hook' });
    await instance.register();
    await instance.unregister();
    expect(calls.map((c) => c.handler)).toEqual(['register', 'unregister']);
    expect(calls[0]!.props.webhookUrl).toBe('https://example.test/hook');
    expect(calls[1]!.props.configuration).toEqual({ token: 'tok' });
  });
});

describe('logger', () => {
  it('redacts every secret value, raw or JSON-escaped, in strings, objects and errors', () => {
    const { instance, lines } = start({ env: { ...env, SENTRY_DSN: 'https://dsn.example/1' } });
    instance.logger.info('key is', API_KEY, { nested: { API_KEY, list: [WEBHOOK_SECRET] } });
    instance.logger.error(new Error(`request failed with ${WEBHOOK_SECRET}`));
    instance.logger.warn(`dsn https://dsn.example/1/x`);
    instance.logger.debug(42, null, undefined);
    const output = lines.join('\n');
    for (const secret of [API_KEY, JSON.stringify(API_KEY).slice(1, -1), WEBHOOK_SECRET, 'https://dsn.example/1']) expect(output).not.toContain(secret);
    expect(lines[0]).toBe('info key is [redacted] {"nested":{"API_KEY":"[redacted]","list":["[redacted]"]}}');
    expect(lines[1]).toMatch(/^error Error: request failed with \[redacted\]/);
    expect(lines[2]).toBe('warn dsn [redacted]/x');
    expect(lines[3]).toBe('debug 42 null undefined');
  });

  it('redacts the extra values given with `redact`, and logs through a console-like object', () => {
    const seen: string[] = [];
    const sink = { debug: (l: string) => seen.push(l), info: (l: string) => seen.push(l), warn: (l: string) => seen.push(l), error: (l: string) => seen.push(l) };
    const { instance } = start({ logger: sink, redact: ['tok-123'] });
    instance.logger.info('token tok-123');
    expect(seen).toEqual(['token [redacted]']);
  });

  it('keeps secret values out of the errors the runtime builds', async () => {
    const { instance } = start();
    const unknown = await instance.callAction(WEBHOOK_SECRET as never, {} as never).catch((e: unknown) => e as Error);
    expect(unknown.message).toBe('Unknown action "[redacted]". Declared: constructor, sendMessage.');
    expect(unknown.stack).not.toContain(WEBHOOK_SECRET);
    const bad = (await instance.callAction('sendMessage', { chatId: API_KEY, text: 't', [WEBHOOK_SECRET]: 1 } as never).catch((e: unknown) => e)) as InputValidationError;
    expect(bad.message).toBe('Invalid input for action "sendMessage": input.[redacted] is not an allowed property');
    expect(JSON.stringify(bad.issues)).not.toContain(WEBHOOK_SECRET);
    expect(() => start({ configurationType: WEBHOOK_SECRET as never, configuration: {} as never })).toThrow('Unknown configuration "[redacted]"');
  });

  it("keeps secret values out of a handler's own errors, thrown objects and strings alike", async () => {
    const throwing = (thrown: (secret: string) => unknown) =>
      new ChatIntegration({
        ...recording().integration.implementation,
        handler: async ({ ctx }) => {
          throw thrown(ctx.secrets.API_KEY);
        },
      }).start({ configuration: { token: 'tok' }, env, logger: () => {} });
    const error = (await throwing((key) => new Error(`request with ${key} failed`)).handleWebhook({}).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe('request with [redacted] failed');
    expect(error.stack).not.toContain(API_KEY);
    expect(await throwing((key) => `bad key ${key}`).handleWebhook({}).catch((e: unknown) => e)).toBe('bad key [redacted]');
  });

  it('handlers log through the same redacting logger', async () => {
    const { integration } = recording();
    const lines: string[] = [];
    const instance = integration.start({ configuration: { token: 'tok' }, env, logger: (_level, line) => lines.push(line) });
    await instance.handleWebhook({});
    const logger = instance.logger;
    logger.info(`secret=${instance.ctx.secrets.API_KEY}`);
    expect(lines).toEqual(['secret=[redacted]']);
  });
});

describe('InMemoryClient', () => {
  function client(): InMemoryClient {
    return start().instance.client as InMemoryClient;
  }

  it('gets or creates conversations and users by tags', async () => {
    const c = client();
    const first = await c.getOrCreateConversation({ channel: 'chat', tags: { chatId: '1' } });
    const again = await c.getOrCreateConversation({ channel: 'chat', tags: { chatId: '1', ignored: undefined } });
    const other = await c.getOrCreateConversation({ channel: 'chat', tags: { chatId: '2' } });
    expect(first.conversation).toEqual({ id: 'conversation-1', channel: 'chat', tags: { chatId: '1' } });
    expect(again.conversation.id).toBe('conversation-1');
    expect(other.conversation.id).toBe('conversation-2');
    await expect(c.getOrCreateConversation({ channel: 'sms', tags: {} })).rejects.toThrow('Unknown channel "sms"');
    const { user } = await c.getOrCreateUser({ tags: { handle: 'ada' }, name: 'Ada' });
    expect(user).toEqual({ id: 'user-1', tags: { handle: 'ada' }, name: 'Ada' });
    expect((await c.getOrCreateUser({ tags: { handle: 'ada' } })).user.id).toBe('user-1');
    expect((await c.getUser({ id: 'user-1' })).user).toBe(user);
    await expect(c.getConversation({ id: 'nope' })).rejects.toThrow(NotFoundError);
    expect(c.conversations).toHaveLength(2);
    expect(c.users).toHaveLength(1);
  });

  it('creates messages, validating the payload against the conversation’s channel', async () => {
    const c = client();
    const { conversation } = await c.getOrCreateConversation({ channel: 'chat', tags: { chatId: '1' } });
    const { user } = await c.getOrCreateUser({ tags: { handle: 'ada' } });
    const { message } = await c.createMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text: 'hi' }, tags: { messageId: '5' } });
    expect(message).toEqual({ id: 'message-1', conversationId: 'conversation-1', userId: 'user-1', type: 'text', payload: { text: 'hi' }, tags: { messageId: '5' } });
    expect(c.messages).toEqual([message]);
    const bad = c.createMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text: 3 } });
    await expect(bad).rejects.toThrow(PayloadValidationError);
    await expect(bad).rejects.toThrow('Invalid "text" message for channel "chat": payload.text must be a string');
    await expect(c.createMessage({ conversationId: conversation.id, userId: user.id, type: 'video', payload: {} })).rejects.toThrow(
      'Unknown message type "video" in channel "chat"',
    );
    await expect(c.createMessage({ conversationId: 'nope', userId: user.id, type: 'text', payload: { text: 'x' } })).rejects.toThrow(NotFoundError);
    await expect(c.createMessage({ conversationId: conversation.id, userId: 'nobody', type: 'text', payload: { text: 'x' } })).rejects.toThrow(
      'No user with id "nobody".',
    );
    await expect(
      c.createMessage({ conversationId: conversation.id, channel: 'sms', userId: user.id, type: 'text', payload: { text: 'x' } }),
    ).rejects.toThrow(IntcRuntimeError);
    expect((await c.listMessages({ conversationId: 'conversation-9' })).messages).toEqual([]);
    expect((await c.getMessage({ id: 'message-1' })).message).toBe(message);
  });

  it('keeps states by name, scope and id; checks scope and payload; stores copies', async () => {
    const c = client();
    const payload = { offset: 3 };
    await c.setState({ name: 'cursor', type: 'integration', id: 'i1', payload });
    payload.offset = 99;
    const { state } = await c.getState({ name: 'cursor', type: 'integration', id: 'i1' });
    expect(state).toEqual({ type: 'integration', id: 'i1', name: 'cursor', payload: { offset: 3 } });
    (state.payload as { offset: number }).offset = 100;
    expect((await c.getState({ name: 'cursor', type: 'integration', id: 'i1' })).state.payload).toEqual({ offset: 3 });
    await expect(c.getState({ name: 'cursor', type: 'integration', id: 'i2' })).rejects.toThrow(NotFoundError);
    await expect(c.getState({ name: 'cursor', type: 'conversation', id: 'i1' })).rejects.toThrow(
      'State "cursor" has scope "integration", not "conversation".',
    );
    await expect(c.getState({ name: 'constructor', type: 'user', id: 'u' })).rejects.toThrow('Unknown state "constructor". Declared: chatInfo, cursor.');
    await expect(c.setState({ name: 'cursor', type: 'integration', id: 'i1', payload: { offset: -1 } })).rejects.toThrow(
      'Invalid payload for state "cursor": payload.offset must be >= 0',
    );
    expect((await c.getOrSetState({ name: 'chatInfo', type: 'conversation', id: 'c1', payload: { title: 'a' } })).state.payload).toEqual({ title: 'a' });
    expect((await c.getOrSetState({ name: 'chatInfo', type: 'conversation', id: 'c1', payload: { title: 'b' } })).state.payload).toEqual({ title: 'a' });
    expect(c.states.map((s) => `${s.type}/${s.id}/${s.name}`)).toEqual(['integration/i1/cursor', 'conversation/c1/chatInfo']);
  });

  it('creates events, validating the payload', async () => {
    const c = client();
    const { event } = await c.createEvent({ type: 'messageReceived', payload: { chatId: '1', text: 'hi' }, conversationId: 'conversation-1' });
    expect(event).toEqual({ id: 'event-1', type: 'messageReceived', payload: { chatId: '1', text: 'hi' }, conversationId: 'conversation-1' });
    await expect(c.createEvent({ type: 'messageReceived', payload: { chatId: '1' } })).rejects.toThrow('payload.text is required');
    await expect(c.createEvent({ type: 'hasOwnProperty', payload: {} })).rejects.toThrow('Unknown event "hasOwnProperty"');
    expect(c.events).toEqual([event]);
  });

  it('checks nothing before it knows the integration, and is the one given to start()', async () => {
    const own = new InMemoryClient();
    const { conversation } = await own.getOrCreateConversation({ channel: 'anything', tags: { a: '1' } });
    const { user } = await own.getOrCreateUser({ tags: { b: '2' } });
    await own.createMessage({ conversationId: conversation.id, userId: user.id, type: 'whatever', payload: 1 });
    const { instance } = start({ client: own });
    expect(instance.client).toBe(own);
    await expect(own.createMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: {} })).rejects.toThrow('Unknown channel');
  });

  it('is what a webhook handler fills: conversation, user, message and event', async () => {
    const integration = new ChatIntegration({
      register: async () => {},
      unregister: async () => {},
      handler: async ({ req, client }) => {
        const update = JSON.parse(req.body ?? '{}') as { chat: string; from: string; text: string };
        const { user } = await client.getOrCreateUser({ tags: { handle: update.from } });
        const { conversation } = await client.getOrCreateConversation({ channel: 'chat', tags: { chatId: update.chat } });
        await client.createMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text: update.text } });
        await client.createEvent({ type: 'messageReceived', payload: { chatId: update.chat, text: update.text } });
      },
      actions: { sendMessage: async () => ({ messageId: '1' }), constructor: async () => ({ ok: true }) },
      channels: { chat: { messages: { text: async () => {}, image: async () => {} } } },
    });
    const instance = integration.start({ configuration: { token: 't' }, env });
    const response = await instance.handleWebhook({ body: JSON.stringify({ chat: '42', from: 'ada', text: 'hello' }) });
    expect(response.status).toBe(200);
    expect(instance.client.messages.map((m) => m.payload)).toEqual([{ text: 'hello' }]);
    expect(instance.client.conversations[0]!.tags).toEqual({ chatId: '42' });
    expect(instance.client.events.map((e) => e.type)).toEqual(['messageReceived']);
  });
});

describe('issue paths', () => {
  it('turns JSON Pointers into readable paths', () => {
    expect(pathOf('input', '')).toBe('input');
    expect(pathOf('input', '/a/0/b')).toBe('input.a[0].b');
    expect(pathOf('input', '/odd key/a~1b/c~0d')).toBe('input["odd key"]["a/b"]["c~d"]');
  });
});
