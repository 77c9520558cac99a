import { Integration } from "./generated/index.js";
import { getUserProfileAction } from "./actions/getUserProfile.js";
import { sendMessageAction } from "./actions/sendMessage.js";
import { channelAudioMessage } from "./channels/channel/audio.js";
import { channelCardMessage } from "./channels/channel/card.js";
import { channelCarouselMessage } from "./channels/channel/carousel.js";
import { channelChoiceMessage } from "./channels/channel/choice.js";
import { channelDropdownMessage } from "./channels/channel/dropdown.js";
import { channelFileMessage } from "./channels/channel/file.js";
import { channelImageMessage } from "./channels/channel/image.js";
import { channelLocationMessage } from "./channels/channel/location.js";
import { channelMarkdownMessage } from "./channels/channel/markdown.js";
import { channelTextMessage } from "./channels/channel/text.js";
import { channelVideoMessage } from "./channels/channel/video.js";
import { handler } from "./handler.js";
import { register } from "./register.js";
import { unregister } from "./unregister.js";

export default new Integration({
  register,
  unregister,
  handler,
  actions: {
    getUserProfile: getUserProfileAction,
    sendMessage: sendMessageAction,
  },
  channels: {
    channel: {
      messages: {
        audio: channelAudioMessage,
        card: channelCardMessage,
        carousel: channelCarouselMessage,
        choice: channelChoiceMessage,
        dropdown: channelDropdownMessage,
        file: channelFileMessage,
        image: channelImageMessage,
        location: channelLocationMessage,
        markdown: channelMarkdownMessage,
        text: channelTextMessage,
        video: channelVideoMessage,
      },
    },
  },
});
