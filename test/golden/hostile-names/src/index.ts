import { Integration } from "./generated/index.js";
import { classAction } from "./actions/class.js";
import { constructorAction } from "./actions/constructor.js";
import { defaultAction } from "./actions/default.js";
import { deleteAction } from "./actions/delete.js";
import { hasOwnPropertyAction } from "./actions/hasOwnProperty.js";
import { thenAction } from "./actions/then.js";
import { toStringAction } from "./actions/toString.js";
import { constructorConstructorMessage } from "./channels/constructor/constructor.js";
import { constructorValueOfMessage } from "./channels/constructor/valueOf.js";
import { handler } from "./handler.js";
import { register } from "./register.js";
import { unregister } from "./unregister.js";

export default new Integration({
  register,
  unregister,
  handler,
  actions: {
    class: classAction,
    constructor: constructorAction,
    default: defaultAction,
    delete: deleteAction,
    hasOwnProperty: hasOwnPropertyAction,
    then: thenAction,
    toString: toStringAction,
  },
  channels: {
    constructor: {
      messages: {
        constructor: constructorConstructorMessage,
        valueOf: constructorValueOfMessage,
      },
    },
  },
});
