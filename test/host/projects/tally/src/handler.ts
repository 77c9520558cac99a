import type { WebhookHandler } from './generated/index.js';

/**
 * POST /webhooks/tally/<chatId> with X-Tally-Token: gets or creates the
 * chat's conversation by its tag and counts one more turn in its state (one
 * read and one write in a transaction); answers the conversation and the
 * count. `?delay=<ms>` waits first (a request still in flight when the host
 * is told to stop).
 */
export const handler: WebhookHandler = async ({ req, ctx, client }) => {
  if (req.headers['x-tally-token'] !== ctx.secrets.TALLY_TOKEN) return { status: 401, body: 'Unauthorized' };
  const chatId = req.path.slice(1);
  if (chatId === '') return { status: 404, body: 'POST /webhooks/tally/<chatId>' };
  const delay = Number(new URLSearchParams(req.query).get('delay') ?? 0);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  const { conversation } = await client.getOrCreateConversation({ channel: 'chat', tags: { chatId } });
  const { state } = await client.updateState({
    type: 'conversation',
    id: conversation.id,
    name: 'turns',
    update: (current) => ({ count: (current?.count ?? 0) + 1 }),
  });
  const body = JSON.stringify({ chatId, conversationId: conversation.id, count: state.payload.count });
  return { status: 200, headers: { 'content-type': 'application/json' }, body };
};
