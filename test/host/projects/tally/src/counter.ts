import type { Client } from './generated/index.js';

/** One read and one write of the id's counter, in one transaction of the store. */
export async function bump(client: Client, id: string): Promise<number> {
  const { state } = await client.updateState({ type: 'integration', id, name: 'counter', update: (current) => ({ count: (current?.count ?? 0) + 1 }) });
  return state.payload.count;
}
