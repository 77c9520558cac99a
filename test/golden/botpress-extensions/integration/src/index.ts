import { Integration } from "./generated/index.js";
import { notifyAction } from "./actions/notify.js";
import { pageAction } from "./actions/page.js";
import { pageTextMessage } from "./channels/page/text.js";
import { handler } from "./handler.js";
import { register } from "./register.js";
import { unregister } from "./unregister.js";

export default new Integration({
  register,
  unregister,
  handler,
  actions: {
    notify: notifyAction,
    page: pageAction,
  },
  channels: {
    page: {
      messages: {
        text: pageTextMessage,
      },
    },
  },
});
