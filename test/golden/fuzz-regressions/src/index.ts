import { Integration } from "./generated/index.js";
import { combinedTopLevelAction } from "./actions/combinedTopLevel.js";
import { keywordNamedPropertiesAction } from "./actions/keywordNamedProperties.js";
import { handler } from "./handler.js";
import { register } from "./register.js";
import { unregister } from "./unregister.js";

export default new Integration({
  register,
  unregister,
  handler,
  actions: {
    combinedTopLevel: combinedTopLevelAction,
    keywordNamedProperties: keywordNamedPropertiesAction,
  },
  channels: {},
});
