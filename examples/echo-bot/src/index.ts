import { Bot } from './generated/index.js';

/**
 * The echo bot: every text message on the `main` Telegram bot is answered
 * with the same text, and a user joining a group is welcomed there. The
 * `support` Telegram bot has its chats disabled: the bot only calls its
 * actions (e.g. `client.support.actions.sendMessage`), and never hears from it.
 */
export default new Bot({
  messages: {
    main: {
      channel: {
        text: async ({ payload, reply }) => {
          await reply({ type: 'text', payload: { text: payload.text } });
        },
      },
    },
  },
  events: {
    main: {
      memberJoined: async ({ event, client }) => {
        if (event.conversationId === undefined) return;
        await client.main.sendMessage({ channel: 'channel', conversationId: event.conversationId, type: 'text', payload: { text: 'Welcome!' } });
      },
    },
  },
});
