import { Integration } from './generated/index.js';
import { bumpAction } from './actions/bump.js';
import { failAction } from './actions/fail.js';
import { readAction } from './actions/read.js';
import { handler } from './handler.js';
import { register } from './register.js';
import { unregister } from './unregister.js';
import { chatTextMessage } from './channels/chat/text.js';

export default new Integration({
  register,
  unregister,
  handler,
  actions: {
    bump: bumpAction,
    fail: failAction,
    read: readAction,
  },
  channels: {
    chat: {
      messages: {
        text: chatTextMessage,
      },
    },
  },
});
