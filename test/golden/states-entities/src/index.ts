import { Integration } from "./generated/index.js";
import { createOrderAction } from "./actions/createOrder.js";
import { getCustomerAction } from "./actions/getCustomer.js";
import { importCustomersAction } from "./actions/importCustomers.js";
import { upsertCustomerAction } from "./actions/upsertCustomer.js";
import { handler } from "./handler.js";
import { register } from "./register.js";
import { unregister } from "./unregister.js";

export default new Integration({
  register,
  unregister,
  handler,
  actions: {
    createOrder: createOrderAction,
    getCustomer: getCustomerAction,
    importCustomers: importCustomersAction,
    upsertCustomer: upsertCustomerAction,
  },
  channels: {},
});
