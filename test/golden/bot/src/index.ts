import { Bot } from "./generated/index.js";

// Handlers go by alias, then channel and message type (`messages`) or event name (`events`).
// For example, answering every message of one type with the same payload:
//
//   messages: {
//     mainChannel: {
//       channel: {
//         text: async ({ payload, reply }) => {
//           await reply({ type: 'text', payload });
//         },
//       },
//     },
//   },
export default new Bot({ messages: {}, events: {} });
