import type { UnregisterHandler } from "./generated/index.js";

export const unregister: UnregisterHandler = async (props) => {
  // TODO: undo what register did (e.g. remove the webhook).
  // props holds configuration, ctx, client and logger.
  void props;
};
