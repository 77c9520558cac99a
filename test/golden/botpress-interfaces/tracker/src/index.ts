import { Integration } from "./generated/index.js";
import { issueCreateAction } from "./actions/issueCreate.js";
import { issueListAction } from "./actions/issueList.js";
import { notifyAction } from "./actions/notify.js";
import { startIssueConversationAction } from "./actions/startIssueConversation.js";
import { issueCommentsTextMessage } from "./channels/issueComments/text.js";
import { handler } from "./handler.js";
import { register } from "./register.js";
import { unregister } from "./unregister.js";

export default new Integration({
  register,
  unregister,
  handler,
  actions: {
    issueCreate: issueCreateAction,
    issueList: issueListAction,
    notify: notifyAction,
    startIssueConversation: startIssueConversationAction,
  },
  channels: {
    issueComments: {
      messages: {
        text: issueCommentsTextMessage,
      },
    },
  },
});
