/**
 * The client contract's behaviour, written once and run against every
 * implementation (the in-memory client, the SQLite store, the Postgres
 * store): get-or-create by tags, messages, events, states per scope,
 * `updateState` (concurrent increments lose none), the checks against the
 * definition, payloads kept parsed as the platform's API returns them
 * (defaults filled in, unknown properties stripped), the errors for what
 * does not exist, and isolation between installations (namespaces).
 * Messages of errors are compared to the letter, so every implementation
 * fails the same way.
 *
 * Each test works in namespaces of its own, so one database serves the
 * whole suite (and a reused Postgres server keeps no state between runs
 * that could matter).
 */
import { describe, expect, it } from 'vitest';
import type { PlainObject } from '../../packages/intc/src/model/values.js';
import {
  IntcRuntimeError,
  NotFoundError,
  PayloadValidationError,
  UnknownNameError,
  type ClientDefinition,
  type CreatedRecord,
  type ListenableClient,
  type StateScope,
} from '../../packages/runtime/src/index.js';
import { modelOf, validatorsOf } from '../generated-validators.js';

export interface ContractSubject {
  /** The client of one installation; the same namespace gives a client over the same records. */
  client(namespace: string, definition?: ClientDefinition): Promise<ListenableClient>;
}

/** A second instance of a backend shared across instances (another store on the same database), closed after use. */
export interface OtherInstance extends ContractSubject {
  close(): Promise<void>;
}

const closed = (properties: PlainObject, required: string[] = []): PlainObject => ({ type: 'object', properties, required, additionalProperties: false });
const string = { type: 'string' };

/**
 * A small manifest: a channel with two message types, an event, a state of
 * each scope, and defaults (at the top and nested) in a message, the event
 * and a state.
 */
const manifest = {
  name: 'contract',
  version: '1.0.0',
  channels: {
    chat: {
      messages: {
        text: { schema: closed({ text: { type: 'string', minLength: 1 }, format: { type: 'string', enum: ['plain', 'markdown'], default: 'plain' } }, ['text']) },
        image: { schema: closed({ url: string }, ['url']) },
      },
    },
  },
  events: { pinged: { schema: closed({ at: string, source: { type: 'string', default: 'api' } }, ['at']) } },
  states: {
    settings: { type: 'integration', schema: closed({ mode: { type: 'string', enum: ['quiet', 'loud'] } }, ['mode']) },
    counter: { type: 'conversation', schema: closed({ count: { type: 'integer' } }, ['count']) },
    profile: { type: 'user', schema: closed({ nickname: string }, ['nickname']) },
    preferences: {
      type: 'user',
      schema: closed({ theme: { type: 'string', default: 'light' }, notify: { ...closed({ email: { type: 'boolean', default: true }, digest: string }), default: {} } }),
    },
  },
};

/** The definition the runtime hands a client at start: the generated validators of the manifest and each state's scope. */
export const definition: ClientDefinition = {
  validators: validatorsOf(modelOf(manifest)),
  states: new Map(Object.entries(manifest.states).map(([name, state]) => [name, state.type as StateScope])),
};

let namespaces = 0;
/** A namespace no other test (or earlier run against the same server) uses. */
export function freshNamespace(label = 'ns'): string {
  namespaces += 1;
  return `${label}-${process.pid}-${Date.now().toString(36)}-${namespaces}`;
}

const increment = (current: unknown) => ({ count: ((current as { count?: number } | undefined)?.count ?? 0) + 1 });

/**
 * @param another for a backend shared across instances: opens a second
 *   instance over the same records (the concurrency tests run across both)
 */
export function clientContractSuite(name: string, subject: () => ContractSubject, another?: () => Promise<OtherInstance>): void {
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
          new UnknownNameError('state', 'cursor', ['settings', 'counter', 'profile', 'preferences']),
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

    describe('updateState', () => {
      const key = { type: 'conversation' as const, id: 'c', name: 'counter' };

      it('sets the state to what update returns for the current payload (undefined when never set)', async () => {
        const client = await open(definition);
        const seen: unknown[] = [];
        const bump = (current: unknown) => {
          seen.push(current);
          return increment(current);
        };
        expect((await client.updateState({ ...key, update: bump })).state).toEqual({ ...key, payload: { count: 1 } });
        expect((await client.updateState({ ...key, update: bump })).state).toEqual({ ...key, payload: { count: 2 } });
        expect(seen).toEqual([undefined, { count: 1 }]);
        expect((await client.getState(key)).state.payload).toEqual({ count: 2 });
        // A state set otherwise is updated from what was set.
        await client.setState({ ...key, id: 'set', payload: { count: 10 } });
        expect((await client.updateState({ ...key, id: 'set', update: increment })).state.payload).toEqual({ count: 11 });
      });

      it('changes nothing when update throws (even after changing the payload it was given), returns an invalid payload or a promise', async () => {
        const client = await open(definition);
        const fresh = { ...key, id: 'fresh' };
        await expect(client.updateState({ ...fresh, update: () => ({ count: 'x' }) })).rejects.toThrow(
          new PayloadValidationError('Invalid payload for state "counter": payload.count must be an integer', [{ path: 'payload.count', message: 'must be an integer' }]),
        );
        await expect(
          client.updateState({
            ...fresh,
            update: () => {
              throw new Error('no');
            },
          }),
        ).rejects.toThrow('no');
        const promised = client.updateState({ ...fresh, update: async () => ({ count: 1 }) });
        await expect(promised).rejects.toThrow(
          new IntcRuntimeError('updateState: the update of state "counter" must return the new payload itself, not a promise (it runs while the state is locked).'),
        );
        await expect(client.getState(fresh)).rejects.toThrow(NotFoundError);

        const kept = { ...key, id: 'kept' };
        await client.setState({ ...kept, payload: { count: 5 } });
        await expect(client.updateState({ ...kept, update: () => ({ count: 1.5 }) })).rejects.toThrow(PayloadValidationError);
        const mutateThenThrow = (current: unknown) => {
          (current as { count: number }).count = 99;
          throw new Error('changed my mind');
        };
        await expect(client.updateState({ ...kept, update: mutateThenThrow })).rejects.toThrow('changed my mind');
        expect((await client.getState(kept)).state.payload).toEqual({ count: 5 });
      });

      it('refuses an unknown state or the wrong scope before calling update', async () => {
        const client = await open(definition);
        const update = () => {
          throw new Error('update was called');
        };
        await expect(client.updateState({ type: 'integration', id: 'i', name: 'cursor', update })).rejects.toThrow(
          new UnknownNameError('state', 'cursor', ['settings', 'counter', 'profile', 'preferences']),
        );
        await expect(client.updateState({ type: 'user', id: 'i', name: 'counter', update })).rejects.toThrow('State "counter" has scope "conversation", not "user".');
      });

      it('concurrent increments of one state lose none', async () => {
        const client = await open(definition);
        const total = 50;
        await Promise.all(Array.from({ length: total }, () => client.updateState({ ...key, id: 'busy', update: increment })));
        expect((await client.getState({ ...key, id: 'busy' })).state.payload).toEqual({ count: total });
      });

      if (another !== undefined) {
        it('concurrent increments through two instances over the same records lose none', async () => {
          const second = await another();
          try {
            const namespace = freshNamespace();
            const clients = await Promise.all([subject().client(namespace, definition), second.client(namespace, definition)]);
            const { conversation } = await clients[0].getOrCreateConversation({ channel: 'chat', tags: { chatId: 'busy' } });
            expect((await clients[1].getOrCreateConversation({ channel: 'chat', tags: { chatId: 'busy' } })).conversation.id).toBe(conversation.id);
            const shared = { ...key, id: conversation.id };
            const total = 100;
            await Promise.all(Array.from({ length: total }, (_, i) => clients[i % 2]!.updateState({ ...shared, update: increment })));
            expect((await clients[0].getState(shared)).state.payload).toEqual({ count: total });
            expect((await clients[1].getState(shared)).state.payload).toEqual({ count: total });
          } finally {
            await second.close();
          }
        });
      }
    });

    describe('payloads are kept parsed, as the platform returns them: defaults filled in, unknown properties stripped', () => {
      it('messages: the record returned, read back, listed and announced is the parsed payload', async () => {
        const client = await open(definition);
        const { conversation } = await client.getOrCreateConversation({ channel: 'chat', tags: { chatId: '1' } });
        const { user } = await client.getOrCreateUser({ tags: { handle: 'ada' } });
        const announced: CreatedRecord[] = [];
        client.onCreated((created) => {
          announced.push(created);
        });
        const given = { text: 'hi', extra: { nested: true } };
        const { message } = await client.createMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: given });
        expect(message.payload).toEqual({ text: 'hi', format: 'plain' });
        expect(given).toEqual({ text: 'hi', extra: { nested: true } });
        expect((await client.getMessage({ id: message.id })).message).toEqual(message);
        expect((await client.listMessages({ conversationId: conversation.id })).messages).toEqual([message]);
        const kept = (await client.createMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text: 'md', format: 'markdown' } })).message;
        expect((await client.getMessage({ id: kept.id })).message.payload).toEqual({ text: 'md', format: 'markdown' });
        expect(announced).toEqual([
          { kind: 'message', message },
          { kind: 'message', message: kept },
        ]);
      });

      it('events: the record returned and announced is the parsed payload', async () => {
        const client = await open(definition);
        const announced: CreatedRecord[] = [];
        client.onCreated((created) => {
          announced.push(created);
        });
        const { event } = await client.createEvent({ type: 'pinged', payload: { at: 'now', unknown: 1 } });
        expect(event.payload).toEqual({ at: 'now', source: 'api' });
        expect(announced).toEqual([{ kind: 'event', event }]);
      });

      it('states: setState, getOrSetState and updateState store the parsed payload, which getState and update see', async () => {
        const client = await open(definition);
        const key = { type: 'user' as const, id: 'u1', name: 'preferences' };
        const parsedEmpty = { theme: 'light', notify: { email: true } };
        expect((await client.setState({ ...key, payload: { notify: { digest: 'weekly', other: 'x' }, junk: 1 } })).state.payload).toEqual({
          theme: 'light',
          notify: { email: true, digest: 'weekly' },
        });
        expect((await client.getState(key)).state.payload).toEqual({ theme: 'light', notify: { email: true, digest: 'weekly' } });

        const other = { ...key, id: 'u2' };
        expect((await client.getOrSetState({ ...other, payload: { junk: 1 } })).state.payload).toEqual(parsedEmpty);
        expect((await client.getState(other)).state.payload).toEqual(parsedEmpty);

        const seen: unknown[] = [];
        const dark = (current: unknown) => {
          seen.push(current);
          return { theme: 'dark', junk: true };
        };
        expect((await client.updateState({ ...other, update: dark })).state.payload).toEqual({ theme: 'dark', notify: { email: true } });
        expect((await client.updateState({ ...key, id: 'u3', update: dark })).state.payload).toEqual({ theme: 'dark', notify: { email: true } });
        expect(seen).toEqual([parsedEmpty, undefined]);
        expect((await client.getState(other)).state.payload).toEqual({ theme: 'dark', notify: { email: true } });
      });

      it('without a definition a payload is stored as given (a copy)', async () => {
        const client = await open();
        const key = { type: 'user' as const, id: 'u1', name: 'preferences' };
        expect((await client.setState({ ...key, payload: { junk: 1 } })).state.payload).toEqual({ junk: 1 });
        expect((await client.createEvent({ type: 'pinged', payload: { at: 'now', unknown: 1 } })).event.payload).toEqual({ at: 'now', unknown: 1 });
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
