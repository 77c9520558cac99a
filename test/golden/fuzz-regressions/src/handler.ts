import type { WebhookHandler } from "./generated/index.js";

export const handler: WebhookHandler = async (props) => {
  // TODO: handle a request the external service sent to the webhook URL.
  // props holds req, configuration, ctx, client and logger.
  void props;
  throw new Error("The webhook handler is not implemented yet.");
};
