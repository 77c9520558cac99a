import type { RegisterHandler } from "./generated/index.js";

export const register: RegisterHandler = async (props) => {
  // TODO: set up the external service for this installation (e.g. register props.webhookUrl with it).
  // props holds webhookUrl, configuration, ctx, client and logger.
  void props;
};
