import { Integration } from "./generated/index.js";
import { countTokensAction } from "./actions/countTokens.js";
import { generateTextAction } from "./actions/generateText.js";
import { listLanguageModelsAction } from "./actions/listLanguageModels.js";
import { handler } from "./handler.js";
import { register } from "./register.js";
import { unregister } from "./unregister.js";

export default new Integration({
  register,
  unregister,
  handler,
  actions: {
    countTokens: countTokensAction,
    generateText: generateTextAction,
    listLanguageModels: listLanguageModelsAction,
  },
  channels: {},
});
