import type { UnregisterHandler } from './generated/index.js';

export const unregister: UnregisterHandler = async (props) => {
  // Nothing to undo.
  // props holds configuration, ctx, client and logger.
  void props;
};
