import { Integration } from "./generated/index.js";
import { generateContentAction } from "./actions/generateContent.js";
import { listLanguageModelsAction } from "./actions/listLanguageModels.js";
import { handler } from "./handler.js";
import { register } from "./register.js";
import { unregister } from "./unregister.js";

export default new Integration({
  register,
  unregister,
  handler,
  actions: {
    generateContent: generateContentAction,
    listLanguageModels: listLanguageModelsAction,
  },
  channels: {},
});
