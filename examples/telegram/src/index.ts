import { Integration } from './generated/index.js';
import { getChatAction } from './actions/getChat.js';
import { sendMessageAction } from './actions/sendMessage.js';
import { channelImageMessage } from './channels/channel/image.js';
import { channelTextMessage } from './channels/channel/text.js';
import { handler } from './handler.js';
import { register } from './register.js';
import { unregister } from './unregister.js';

export default new Integration({
  register,
  unregister,
  handler,
  actions: {
    getChat: getChatAction,
    sendMessage: sendMessageAction,
  },
  channels: {
    channel: {
      messages: {
        image: channelImageMessage,
        text: channelTextMessage,
      },
    },
  },
});
