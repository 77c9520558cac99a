import { Integration } from "./generated/index.js";
import { createUserAction } from "./actions/createUser.js";
import { startHitlAction } from "./actions/startHitl.js";
import { hitlTextMessage } from "./channels/hitl/text.js";
import { handler } from "./handler.js";
import { register } from "./register.js";
import { unregister } from "./unregister.js";

export default new Integration({
  register,
  unregister,
  handler,
  actions: {
    createUser: createUserAction,
    startHitl: startHitlAction,
  },
  channels: {
    hitl: {
      messages: {
        text: hitlTextMessage,
      },
    },
  },
});
