import { Integration } from "./generated/index.js";
import { closeIssueAction } from "./actions/closeIssue.js";
import { createIssueAction } from "./actions/createIssue.js";
import { issueThreadTextMessage } from "./channels/issueThread/text.js";
import { handler } from "./handler.js";
import { register } from "./register.js";
import { unregister } from "./unregister.js";

export default new Integration({
  register,
  unregister,
  handler,
  actions: {
    closeIssue: closeIssueAction,
    createIssue: createIssueAction,
  },
  channels: {
    issueThread: {
      messages: {
        text: issueThreadTextMessage,
      },
    },
  },
});
