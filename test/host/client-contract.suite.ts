/**
 * The client contract's behaviour, written once and run against every
 * implementation (the in-memory client, the SQLite store, the Postgres
 * store): get-or-create by tags, messages, events, states per scope, the
 * checks against the definition, the errors for what does not exist, and
 * isolation between installations (namespaces). Messages of errors are
 * compared to the letter, so every implementation fails the same way.
 *
 * Each test works in namespaces of its own, so one database serves the
 * whole suite (and a reused Postgres server keeps no state between runs
 * that could matter).
 */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  IntcRuntimeError,
  NotFoundError,
  PayloadValidationError,
  UnknownNameError,
  type ClientDefinition,
  type ListenableClient,
  type StateScope,
  type ValidateFunction,
} from '../../src/runtime/index.js';

export interface ContractSubject {
  /** The client of one installation; the same namespace gives a client over the same records. */
  client(namespace: string, definition?: ClientDefinition): Promise<ListenableClient>;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const compile = (schema: object) => ajv.compile(schema) as unknown as ValidateFunction;
const object = (properties: Record<string, object>) => ({ type: 'object', properties, required: Object.keys(properties), additionalProperties: false });

/** A small manifest's worth of validators: a channel with two message types, an event, a state of each scope. */
export const definition: ClientDefinition = {
  validators: {
    configurations: {},
    actions: {},
    channels: { chat: { text: compile(object({ text: { type: 'string', minLength: 1 } })), image: compile(object({ url: { type: 'string' } })) } },
    events: { pinged: compile(object({ at: { type: 'string' } })) },
    states: {
      settings: compile(object({ mode: { type: 'string', enum: ['quiet', 'loud'] } })),
      counter: compile(object({ count: { type: 'integer' } })),
      profile: compile(object({ nickname: { type: 'string' } })),
    },
  },
  states: new Map<string, StateScope>([
    ['settings', 'integration'],
    ['counter', 'conversation'],
    ['profile', 'user'],
  ]),
};

let namespaces = 0;
/** A namespace no other test (or earlier run against the same server) uses. */
export function freshNamespace(label = 'ns'): string {
  namespaces += 1;
  return `${label}-${process.pid}-${Date.now().toString(36)}-${namespaces}`;
}

export function clientContractSuite(name: string, subject: () => ContractSubject): void {
  const open = (def?: ClientDefinition) => subject().client(freshNamespace(), def);

  describe(`client contract: ${name}`, () => {
    describe('conversations', () => {
      it('creates a conversation, then finds the same one by the same tags', async () => {
        const client = await open();
        const { conversation } = await client.getOrCreateConversation({ channel: 'chat', tags: { chatId: '42' } });
        expect(conversation).toEqual({ id: expect.stringMatching(/^conversation-\d+$/), channel: 'chat', tags: { chatId: '42' } });
        const again = await client.getOrCreateConversation({ channel: 'chat', tags: { chatId: '42' } });
        expect(again.conversation).toEqual(conversation);
        expect((await client.getConversation({ id: conversation.id })).conversation).toEqual(conversation);
      });

      it('finds by a subset of tags: the first one created that has them all', async () => {
        const client = await open();
        const wide = (await client.getOrCreateConversation({ channel: 'chat', tags: { chatId: '1', threadId: 't' } })).conversation;
        const narrow = (await client.getOrCreateConversation({ channel: 'chat', tags: { chatId: '1' } })).conversation;
        expect(narrow.id).toBe(wide.id);
        // A tag the existing one lacks makes a new one, found afterwards by its own tags.
        const other = (await client.getOrCreateConversation({ channel: 'chat', tags: { chatId: '1', threadId: 'u' } })).conversation;
        expect(other.id).not.toBe(wide.id);
        expect((await client.getOrCreateConversation({ channel: 'chat', tags: { threadId: 'u' } })).conversation.id).toBe(other.id);
        expect((await client.getOrCreateConversation({ channel: 'chat', tags: { chatId: '1' } })).conversation.id).toBe(wide.id);
      });

      it('another channel or another tag value is another conversation', async () => {
        const client = await open();
        const a = (await client.getOrCreateConversation({ channel: 'chat', tags: { chatId: '1' } })).conversation;
        const b = (await client.getOrCreateConversation({ channel: 'chat', tags: { chatId: '2' } })).conversation;
        const c = (await client.getOrCreateConversation({ channel: 'group', tags: { chatId: '1' } })).conversation;
        expect(new Set([a.id, b.id, c.id]).size).toBe(3);
        expect(c).toEqual({ id: c.id, channel: 'group', tags: { chatId: '1' } });
      });

      it('no tags (or only undefined ones) match nothing: each call creates a conversation', async () => {
        const client = await open();
        const a = (await client.getOrCreateConversation({ channel: 'chat', tags: {} })).conversation;
        const b = (await client.getOrCreateConversation({ channel: 'chat', tags: { chatId: undefined } })).conversation;
        expect(a.id).not.toBe(b.id);
        expect(b.tags).toEqual({});
      });

      it('keeps the tags given, in their order, without undefined values; odd names stay tags', async () => {
        const client = await open();
        const tags = JSON.parse('{"zeta":"1","__proto__":"p","alpha":"2","constructor":"c"}') as Record<string, string>;
        const { conversation } = await client.getOrCreateConversation({ channel: 'chat', tags: { ...tags, gone: undefined } });
        expect(Object.keys(conversation.tags)).toEqual(['zeta', '__proto__', 'alpha', 'constructor']);
        expect(Object.hasOwn(conversation.tags, '__proto__')).toBe(true);
        const found = (await client.getOrCreateConversation({ channel: 'chat', tags: JSON.parse('{"__proto__":"p"}') as Record<string, string> })).conversation;
        expect(found.id).toBe(conversation.id);
        expect((await client.getConversation({ id: conversation.id })).conversation.tags).toEqual(conversation.tags);
      });

      it('concurrent get-or-create calls with the same tags give one conversation', async () => {
        const client = await open();
        const results = await Promise.all(Array.from({ length: 20 }, () => client.getOrCreateConversation({ channel: 'chat', tags: { chatId: 'race' } })));
        expect(new Set(results.map((r) => r.conversation.id)).size).toBe(1);
      });

      it('an unknown or malformed id is a NotFoundError', async () => {
        const client = await open();
        for (const id of ['conversation-987654321', 'conversation-0', 'conversation-01', 'user-1', 'nope', '']) {
          await expect(client.getConversation({ id })).rejects.toThrow(new NotFoundError(`No conversation with id ${JSON.stringify(id)}.`));
        }
      });

      it('with a definition, an unknown channel is an UnknownNameError', async () => {
        const client = await open(definition);
        await expect(client.getOrCreateConversation({ channel: 'group', tags: { chatId: '1' } })).rejects.toThrow(
          new UnknownNameError('channel', 'group', ['chat']),
        );
        await expect(client.getOrCreateConversation({ channel: 'group', tags: { chatId: '1' } })).rejects.toThrow('Unknown channel "group". Declared: chat.');
      });
    });

    describe('users', () => {
      it('creates a user with its name, then finds it by tags (the name it was created with stays)', async () => {
        const client = await open();
        const { user } = await client.getOrCreateUser({ tags: { handle: 'ada' }, name: 'Ada' });
        expect(user).toEqual({ id: expect.stringMatching(/^user-\d+$/), tags: { handle: 'ada' }, name: 'Ada' });
        expect((await client.getOrCreateUser({ tags: { handle: 'ada' }, name: 'Other' })).user).toEqual(user);
        expect((await client.getUser({ id: user.id })).user).toEqual(user);
      });

      it('a user created without a name has no name property', async () => {
        const client = await open();
        const { user } = await client.getOrCreateUser({ tags: { handle: 'anon' } });
        expect(Object.keys(user).sort()).toEqual(['id', 'tags']);
        expect(Object.keys((await client.getUser({ id: user.id })).user).sort()).toEqual(['id', 'tags']);
      });

      it('finds by a subset of tags; no tags creates a new user each time', async () => {
        const client = await open();
        const ada = (await client.getOrCreateUser({ tags: { handle: 'ada', team: 'core' } })).user;
        expect((await client.getOrCreateUser({ tags: { team: 'core' } })).user.id).toBe(ada.id);
        const a = (await client.getOrCreateUser({ tags: {} })).user;
        const b = (await client.getOrCreateUser({ tags: {} })).user;
        expect(new Set([ada.id, a.id, b.id]).size).toBe(3);
      });

      it('concurrent get-or-create calls with the same tags give one user', async () => {
        const client = await open();
        const results = await Promise.all(Array.from({ length: 20 }, () => client.getOrCreateUser({ tags: { handle: 'race' } })));
        expect(new Set(results.map((r) => r.user.id)).size).toBe(1);
      });

      it('an unknown id is a NotFoundError', async () => {
        const client = await open();
        await expect(client.getUser({ id: 'user-987654321' })).rejects.toThrow(new NotFoundError('No user with id "user-987654321".'));
        await expect(client.getUser({ id: 'conversation-1' })).rejects.toThrow(NotFoundError);
      });
    });

    describe('messages', () => {
      async function chat(def?: ClientDefinition) {
        const client = await open(def);
        const { conversation } = await client.getOrCreateConversation({ channel: 'chat', tags: { chatId: '1' } });
        const { user } = await client.getOrCreateUser({ tags: { handle: 'ada' } });
        return { client, conversation, user };
      }

      it('creates messages and lists them in the order created, all or per conversation', async () => {
        const { client, conversation, user } = await chat();
        const other = (await client.getOrCreateConversation({ channel: 'chat', tags: { chatId: '2' } })).conversation;
        const first = (await client.createMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text: 'one' }, tags: { messageId: 'm1' } })).message;
        const second = (await client.createMessage({ conversationId: other.id, userId: user.id, type: 'text', payload: { text: 'two' } })).message;
        const third = (await client.createMessage({ conversationId: conversation.id, channel: 'chat', userId: user.id, type: 'image', payload: { url: 'u' } })).message;
        expect(first).toEqual({ id: expect.stringMatching(/^message-\d+$/), conversationId: conversation.id, userId: user.id, type: 'text', payload: { text: 'one' }, tags: { messageId: 'm1' } });
        expect(second.tags).toEqual({});
        expect((await client.getMessage({ id: third.id })).message).toEqual(third);
        expect((await client.listMessages()).messages).toEqual([first, second, third]);
        expect((await client.listMessages({ conversationId: conversation.id })).messages).toEqual([first, third]);
        expect((await client.listMessages({ conversationId: 'conversation-987654321' })).messages).toEqual([]);
        expect((await client.listMessages({ conversationId: 'nope' })).messages).toEqual([]);
      });

      it('stores a copy of the payload, and payloads keep their JSON values', async () => {
        const { client, conversation, user } = await chat();
        const payload = { text: 'héllo ✓ \u0000 "quoted"', nested: { list: [1, 2.5, null, true], empty: {} } };
        const { message } = await client.createMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload });
        payload.nested.list.push(3);
        const stored = (await client.getMessage({ id: message.id })).message;
        expect(stored.payload).toEqual({ text: 'héllo ✓ \u0000 "quoted"', nested: { list: [1, 2.5, null, true], empty: {} } });
      });

      it('an unknown conversation or user is a NotFoundError; a channel not the conversation\'s is refused', async () => {
        const { client, conversation, user } = await chat();
        const message = { userId: user.id, type: 'text', payload: { text: 'x' } };
        await expect(client.createMessage({ ...message, conversationId: 'conversation-987654321' })).rejects.toThrow(
          new NotFoundError('No conversation with id "conversation-987654321".'),
        );
        await expect(client.createMessage({ ...message, conversationId: conversation.id, userId: 'user-987654321' })).rejects.toThrow(
          new NotFoundError('No user with id "user-987654321".'),
        );
        const wrongChannel = client.createMessage({ ...message, conversationId: conversation.id, channel: 'group' });
        await expect(wrongChannel).rejects.toThrow(IntcRuntimeError);
        await expect(client.createMessage({ ...message, conversationId: conversation.id, channel: 'group' })).rejects.toThrow(
          `Conversation ${JSON.stringify(conversation.id)} belongs to channel "chat", not "group".`,
        );
        await expect(client.getMessage({ id: 'message-987654321' })).rejects.toThrow(new NotFoundError('No message with id "message-987654321".'));
        expect((await client.listMessages()).messages).toEqual([]);
      });

      it('with a definition, checks the message type and payload against the channel', async () => {
        const { client, conversation, user } = await chat(definition);
        const base = { conversationId: conversation.id, userId: user.id };
        await expect(client.createMessage({ ...base, type: 'video', payload: {} })).rejects.toThrow('Unknown message type "video" in channel "chat". Declared: image, text.');
        await expect(client.createMessage({ ...base, type: 'video', payload: {} })).rejects.toThrow(UnknownNameError);
        const invalid = client.createMessage({ ...base, type: 'text', payload: { text: '' } });
        await expect(invalid).rejects.toThrow(PayloadValidationError);
        await expect(client.createMessage({ ...base, type: 'text', payload: { text: '' } })).rejects.toThrow(
          'Invalid "text" message for channel "chat": payload.text must NOT have fewer than 1 characters',
        );
        expect((await client.listMessages()).messages).toEqual([]);
        await client.createMessage({ ...base, type: 'text', payload: { text: 'ok' } });
        expect((await client.listMessages()).messages).toHaveLength(1);
      });

      it('onCreated listeners get each message and event once stored; their error fails the call; removed ones stop', async () => {
        const { client, conversation, user } = await chat();
        const seen: string[] = [];
        const stop = client.onCreated(async (created) => {
          const id = created.kind === 'message' ? created.message.id : created.event.id;
          if (created.kind === 'message') expect((await client.getMessage({ id })).message).toEqual(created.message);
          seen.push(`${created.kind}:${id}`);
        });
        const { message } = await client.createMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text: 'hi' } });
        const { event } = await client.createEvent({ type: 'pinged', payload: { at: 'now' } });
        expect(seen).toEqual([`message:${message.id}`, `event:${event.id}`]);
        stop();
        const failing = client.onCreated(() => {
          throw new Error('listener failed');
        });
        await expect(client.createMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text: 'again' } })).rejects.toThrow('listener failed');
        failing();
        expect((await client.listMessages()).messages.map((m) => m.payload)).toEqual([{ text: 'hi' }, { text: 'again' }]);
        expect(seen).toHaveLength(2);
      });
    });

    describe('events', () => {
      it('creates events with the targets given, and only those', async () => {
        const client = await open();
        const { event } = await client.createEvent({ type: 'pinged', payload: { at: 'now' }, conversationId: 'conversation-5', messageId: 'message-6' });
        expect(event).toEqual({ id: expect.stringMatching(/^event-\d+$/), type: 'pinged', payload: { at: 'now' }, conversationId: 'conversation-5', messageId: 'message-6' });
        expect(Object.keys(event).sort()).toEqual(['conversationId', 'id', 'messageId', 'payload', 'type']);
        const bare = (await client.createEvent({ type: 'pinged', payload: { at: 'later' } })).event;
        expect(Object.keys(bare).sort()).toEqual(['id', 'payload', 'type']);
        expect(bare.id).not.toBe(event.id);
      });

      it('with a definition, an unknown event or an invalid payload is refused', async () => {
        const client = await open(definition);
        await expect(client.createEvent({ type: 'ponged', payload: {} })).rejects.toThrow(new UnknownNameError('event', 'ponged', ['pinged']));
        await expect(client.createEvent({ type: 'pinged', payload: { at: 1 } })).rejects.toThrow(
          new PayloadValidationError('Invalid payload for event "pinged": payload.at must be a string', [{ path: 'payload.at', message: 'must be a string' }]),
        );
        await expect(client.createEvent({ type: 'pinged', payload: { at: 1 } })).rejects.toThrow(PayloadValidationError);
      });
    });

    describe('states', () => {
      const scopes: readonly { type: StateScope; name: string; payload: object }[] = [
        { type: 'integration', name: 'settings', payload: { mode: 'quiet' } },
        { type: 'conversation', name: 'counter', payload: { count: 1 } },
        { type: 'user', name: 'profile', payload: { nickname: 'ada' } },
      ];

      for (const { type, name, payload } of scopes) {
        it(`${type} state: not found until set, then read back; set again replaces it`, async () => {
          const client = await open(definition);
          const key = { type, id: `${type}-owner`, name };
          await expect(client.getState(key)).rejects.toThrow(new NotFoundError(`No ${type} state ${JSON.stringify(name)} for id "${type}-owner".`));
          expect((await client.setState({ ...key, payload })).state).toEqual({ ...key, payload });
          expect((await client.getState(key)).state).toEqual({ ...key, payload });
          const replaced = { ...payload };
          expect((await client.setState({ ...key, payload: replaced })).state.payload).toEqual(replaced);
          await expect(client.getState({ ...key, id: 'someone-else' })).rejects.toThrow(NotFoundError);
        });
      }

      it('a state is keyed by scope, id and name', async () => {
        const client = await open();
        await client.setState({ type: 'conversation', id: 'c1', name: 'counter', payload: { count: 1 } });
        await client.setState({ type: 'conversation', id: 'c2', name: 'counter', payload: { count: 2 } });
        await client.setState({ type: 'user', id: 'c1', name: 'counter', payload: { count: 3 } });
        await client.setState({ type: 'conversation', id: 'c1', name: 'other', payload: { count: 4 } });
        const read = async (type: StateScope, id: string, name: string) => (await client.getState({ type, id, name })).state.payload;
        expect(await read('conversation', 'c1', 'counter')).toEqual({ count: 1 });
        expect(await read('conversation', 'c2', 'counter')).toEqual({ count: 2 });
        expect(await read('user', 'c1', 'counter')).toEqual({ count: 3 });
        expect(await read('conversation', 'c1', 'other')).toEqual({ count: 4 });
      });

      it('stores a copy: changing the object given or the one read back changes nothing stored', async () => {
        const client = await open();
        const key = { type: 'integration' as const, id: 'i', name: 'settings' };
        const payload = { mode: 'quiet', list: [1] };
        const set = (await client.setState({ ...key, payload })).state;
        payload.list.push(2);
        (set.payload as { list: number[] }).list.push(3);
        const read = (await client.getState(key)).state;
        (read.payload as { list: number[] }).list.push(4);
        expect((await client.getState(key)).state.payload).toEqual({ mode: 'quiet', list: [1] });
      });

      it('null, an empty object and undefined are payloads like any other', async () => {
        const client = await open();
        for (const [name, payload] of [['a', null], ['b', {}], ['c', undefined], ['d', 'text'], ['e', 0]] as const) {
          const key = { type: 'integration' as const, id: 'i', name };
          await client.setState({ ...key, payload });
          const { state } = await client.getState(key);
          expect(state).toEqual({ ...key, payload });
          if (typeof payload !== 'object' || payload === null) expect(state.payload).toBe(payload);
        }
      });

      it('getOrSetState stores the payload when there is none, else gives the stored one (unchecked then)', async () => {
        const client = await open(definition);
        const key = { type: 'conversation' as const, id: 'c', name: 'counter' };
        await expect(client.getOrSetState({ ...key, payload: { count: 'x' } })).rejects.toThrow(PayloadValidationError);
        await expect(client.getState(key)).rejects.toThrow(NotFoundError);
        expect((await client.getOrSetState({ ...key, payload: { count: 1 } })).state).toEqual({ ...key, payload: { count: 1 } });
        expect((await client.getOrSetState({ ...key, payload: { count: 2 } })).state.payload).toEqual({ count: 1 });
        expect((await client.getOrSetState({ ...key, payload: { count: 'x' } })).state.payload).toEqual({ count: 1 });
        expect((await client.getState(key)).state.payload).toEqual({ count: 1 });
      });

      it('concurrent getOrSetState calls agree on one stored payload', async () => {
        const client = await open();
        const key = { type: 'conversation' as const, id: 'race', name: 'counter' };
        const results = await Promise.all(Array.from({ length: 10 }, (_, i) => client.getOrSetState({ ...key, payload: { count: i } })));
        const stored = (await client.getState(key)).state.payload;
        for (const { state } of results) expect(state.payload).toEqual(stored);
      });

      it('with a definition: unknown names, the wrong scope and invalid payloads are refused, and nothing is stored', async () => {
        const client = await open(definition);
        await expect(client.getState({ type: 'integration', id: 'i', name: 'cursor' })).rejects.toThrow(
          new UnknownNameError('state', 'cursor', ['settings', 'counter', 'profile']),
        );
        await expect(client.setState({ type: 'user', id: 'i', name: 'settings', payload: { mode: 'quiet' } })).rejects.toThrow(
          'State "settings" has scope "integration", not "user".',
        );
        await expect(client.setState({ type: 'user', id: 'i', name: 'settings', payload: { mode: 'quiet' } })).rejects.toThrow(IntcRuntimeError);
        await expect(client.setState({ type: 'integration', id: 'i', name: 'settings', payload: { mode: 'silent' } })).rejects.toThrow(
          'Invalid payload for state "settings": payload.mode must be one of: "quiet", "loud"',
        );
        await expect(client.getState({ type: 'integration', id: 'i', name: 'settings' })).rejects.toThrow(NotFoundError);
      });
    });

    describe('isolation between installations', () => {
      it('another namespace sees none of the records, even with the same tags and state keys', async () => {
        const namespace = freshNamespace();
        const mine = await subject().client(namespace);
        const theirs = await subject().client(freshNamespace());
        const { conversation } = await mine.getOrCreateConversation({ channel: 'chat', tags: { chatId: 'shared' } });
        const { user } = await mine.getOrCreateUser({ tags: { handle: 'shared' } });
        const { message } = await mine.createMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text: 'mine' } });
        await mine.createEvent({ type: 'pinged', payload: { at: 'mine' } });
        await mine.setState({ type: 'conversation', id: conversation.id, name: 'counter', payload: { count: 7 } });

        await expect(theirs.getConversation({ id: conversation.id })).rejects.toThrow(NotFoundError);
        await expect(theirs.getUser({ id: user.id })).rejects.toThrow(NotFoundError);
        await expect(theirs.getMessage({ id: message.id })).rejects.toThrow(NotFoundError);
        await expect(theirs.getState({ type: 'conversation', id: conversation.id, name: 'counter' })).rejects.toThrow(NotFoundError);
        expect((await theirs.listMessages()).messages).toEqual([]);

        const own = (await theirs.getOrCreateConversation({ channel: 'chat', tags: { chatId: 'shared' } })).conversation;
        expect((await theirs.listMessages({ conversationId: own.id })).messages).toEqual([]);
        await theirs.setState({ type: 'conversation', id: conversation.id, name: 'counter', payload: { count: 1 } });
        expect((await mine.getState({ type: 'conversation', id: conversation.id, name: 'counter' })).state.payload).toEqual({ count: 7 });

        // The same namespace again finds the same records.
        const again = await subject().client(namespace);
        expect((await again.getOrCreateConversation({ channel: 'chat', tags: { chatId: 'shared' } })).conversation).toEqual(conversation);
        expect((await again.listMessages()).messages).toEqual([message]);
      });
    });
  });
}
