import { Integration } from "./generated/index.js";
import { listTablesAction } from "./actions/listTables.js";
import { queryAction } from "./actions/query.js";
import { handler } from "./handler.js";
import { register } from "./register.js";
import { unregister } from "./unregister.js";

export default new Integration({
  register,
  unregister,
  handler,
  actions: {
    listTables: listTablesAction,
    query: queryAction,
  },
  channels: {},
});
