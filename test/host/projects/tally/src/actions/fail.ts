import type { ActionHandlers } from '../generated/index.js';

export const failAction: ActionHandlers['fail'] = async ({ ctx }) => {
  throw new Error(`The service refused token ${ctx.secrets.TALLY_TOKEN}`);
};
