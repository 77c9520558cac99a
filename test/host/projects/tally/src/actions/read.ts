import type { ActionHandlers } from '../generated/index.js';

export const readAction: ActionHandlers['read'] = async ({ input, client }) => {
  const { state } = await client.getOrSetState({ type: 'integration', id: input.id, name: 'counter', payload: { count: 0 } });
  return { count: state.payload.count };
};
