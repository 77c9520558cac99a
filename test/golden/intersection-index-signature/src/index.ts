import { Integration } from "./generated/index.js";
import { linkNodesAction } from "./actions/linkNodes.js";
import { handler } from "./handler.js";
import { register } from "./register.js";
import { unregister } from "./unregister.js";

export default new Integration({
  register,
  unregister,
  handler,
  actions: {
    linkNodes: linkNodesAction,
  },
  channels: {},
});
