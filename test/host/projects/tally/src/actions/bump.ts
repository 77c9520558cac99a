import type { ActionHandlers } from '../generated/index.js';
import { bump } from '../counter.js';

export const bumpAction: ActionHandlers['bump'] = async ({ input, client }) => ({ count: await bump(client, input.id) });
