/**
 * The Telegram example run by the runtime on the SQLite store instead of
 * the in-memory client, as `intc dev` will run it: what a webhook creates
 * (user, conversation, message, the integration's state) survives a
 * restart, the runtime's definition reaches the store's checks, and an
 * update Telegram sends again after the restart is still recognised.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UnknownNameError } from '@intc/runtime';
import integration from '../../examples/telegram/src/index.js';
import { openStore } from '../../packages/host/src/index.js';
import { useFakeTelegram } from '../fake-telegram.js';

const BOT_TOKEN = '123456789:AAHk-store-token';
const WEBHOOK_SECRET = 'webhook-secret-store';
const telegram = useFakeTelegram([BOT_TOKEN]);

const folder = mkdtempSync(join(tmpdir(), 'intc-store-runtime-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Opens the store, starts the integration on it, runs `use`, closes the store: one run of a host. */
async function run<T>(use: (instance: Awaited<ReturnType<typeof start>>) => Promise<T>): Promise<T> {
  const store = await openStore(join(folder, '.intc', 'state.db'));
  try {
    return await use(await start(store));
  } finally {
    await store.close();
  }
}

async function start(store: Awaited<ReturnType<typeof openStore>>) {
  return integration.start({
    configuration: { botToken: BOT_TOKEN, apiBaseUrl: telegram.baseUrl },
    env: { WEBHOOK_SECRET },
    logger: () => {},
    client: await store.client('telegram'),
  });
}

function post(instance: Awaited<ReturnType<typeof start>>, updateId: number, text: string) {
  const update = { update_id: updateId, message: { message_id: updateId, date: 1700000000, chat: { id: -1001, type: 'group' }, from: { id: 555, is_bot: false, first_name: 'Ada' }, text } };
  const headers = { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': WEBHOOK_SECRET };
  return instance.handleWebhook({ method: 'POST', path: '/', headers, body: JSON.stringify(update) });
}

describe('the Telegram example on the SQLite store', () => {
  it('keeps what a webhook created across a restart, and recognises a resent update after it', async () => {
    const first = await run(async (instance) => {
      expect((await post(instance, 1, 'Hello')).status).toBe(200);
      return (await instance.client.listMessages()).messages;
    });
    expect(first).toEqual([expect.objectContaining({ type: 'text', payload: { text: 'Hello' }, tags: { messageId: '1' } })]);

    await run(async (instance) => {
      const { client } = instance;
      expect((await client.listMessages()).messages).toEqual(first);
      const { conversation } = await client.getOrCreateConversation({ channel: 'channel', tags: { chatId: '-1001' } });
      expect(conversation.id).toBe(first[0]!.conversationId);
      expect((await client.getState({ type: 'integration', id: instance.ctx.integrationId, name: 'lastUpdate' })).state.payload).toEqual({ updateId: 1 });

      await post(instance, 1, 'Hello'); // Telegram sending update 1 again: handled already.
      await post(instance, 2, 'Again');
      expect((await client.listMessages({ conversationId: conversation.id })).messages.map((m) => m.payload)).toEqual([{ text: 'Hello' }, { text: 'Again' }]);
      // The runtime handed its definition over: the store checks names as the in-memory client does.
      await expect(client.getState({ type: 'integration', id: 'x', name: 'nope' })).rejects.toThrow(UnknownNameError);
    });
  });
});
