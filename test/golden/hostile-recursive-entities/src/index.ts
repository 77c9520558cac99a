import { Integration } from "./generated/index.js";
import { walkTreeAction } from "./actions/walkTree.js";
import { handler } from "./handler.js";
import { register } from "./register.js";
import { unregister } from "./unregister.js";

export default new Integration({
  register,
  unregister,
  handler,
  actions: {
    walkTree: walkTreeAction,
  },
  channels: {},
});
