import { Bot } from "./generated/index.js";

// Handlers go by alias, then channel and message type (`messages`) or event name (`events`).
export default new Bot({ messages: {}, events: {} });
