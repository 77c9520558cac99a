import type { WebhookHandler } from './generated/index.js';
import { bump } from './counter.js';

/**
 * POST /webhooks/tally/<id> with X-Tally-Token: bumps the id's counter and
 * answers its count. `?delay=<ms>` waits first (a request still in flight
 * when the host is told to stop).
 */
export const handler: WebhookHandler = async ({ req, ctx, client }) => {
  if (req.headers['x-tally-token'] !== ctx.secrets.TALLY_TOKEN) return { status: 401, body: 'Unauthorized' };
  const id = req.path.slice(1);
  if (id === '') return { status: 404, body: 'POST /webhooks/tally/<id>' };
  const delay = Number(new URLSearchParams(req.query).get('delay') ?? 0);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  const count = await bump(client, id);
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id, count }) };
};
