import { Integration } from "./generated/index.js";
import { closeIssueAction } from "./actions/closeIssue.js";
import { issueDeleteAction } from "./actions/issueDelete.js";
import { issueListAction } from "./actions/issueList.js";
import { projectListAction } from "./actions/projectList.js";
import { handler } from "./handler.js";
import { register } from "./register.js";
import { unregister } from "./unregister.js";

export default new Integration({
  register,
  unregister,
  handler,
  actions: {
    closeIssue: closeIssueAction,
    issueDelete: issueDeleteAction,
    issueList: issueListAction,
    projectList: projectListAction,
  },
  channels: {},
});
