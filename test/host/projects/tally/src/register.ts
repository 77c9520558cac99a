import type { RegisterHandler } from './generated/index.js';

export const register: RegisterHandler = async (props) => {
  // Nothing to set up: the tests call the webhook themselves.
  // props holds webhookUrl, configuration, ctx, client and logger.
  void props;
};
