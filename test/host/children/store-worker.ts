/**
 * A separate process using the store, for the tests that need two processes
 * or a process to kill (bundled by test/host/child-process.ts). Prints one
 * line per step on stdout:
 *
 *   increment <location> <namespace> <count>
 *     conversation <id>   after get-or-create by the tags every worker uses
 *     raced <ids>         after 20 concurrent get-or-creates by tags (race-0…race-19) every worker uses
 *     done                after <count> concurrent increments of its `counter` state
 *   write <location> <namespace> <count>
 *     ack <i>             after state `k<i>` and message `<i>` are committed, one write after the other
 */
import { openStore } from '../../../packages/host/src/index.js';

const [command, location, namespace, count] = process.argv.slice(2);

async function main(): Promise<void> {
  const store = await openStore(location!);
  const client = await store.client(namespace!);
  const { conversation } = await client.getOrCreateConversation({ channel: 'chat', tags: { chatId: 'shared' } });

  if (command === 'increment') {
    process.stdout.write(`conversation ${conversation.id}\n`);
    const racing = await Promise.all(
      Array.from({ length: 20 }, (_, i) => client.getOrCreateConversation({ channel: 'chat', tags: { chatId: `race-${i}` } })),
    );
    process.stdout.write(`raced ${racing.map((r) => r.conversation.id).join(',')}\n`);
    const key = { type: 'conversation' as const, id: conversation.id, name: 'counter' };
    const increment = (current: unknown) => ({ count: ((current as { count?: number } | undefined)?.count ?? 0) + 1 });
    await Promise.all(Array.from({ length: Number(count) }, () => client.updateState({ ...key, update: increment })));
    process.stdout.write('done\n');
  } else if (command === 'write') {
    const { user } = await client.getOrCreateUser({ tags: { handle: 'writer' } });
    for (let i = 0; i < Number(count); i += 1) {
      await client.setState({ type: 'integration', id: 'writer', name: `k${i}`, payload: { i } });
      await client.createMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { i } });
      process.stdout.write(`ack ${i}\n`);
    }
  } else {
    throw new Error(`unknown command ${String(command)}`);
  }
  await store.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
