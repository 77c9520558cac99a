/**
 * Botpress's interfaces as real integrations implement them (the
 * botpress-interfaces fixture): entities with more properties than the
 * interface's closed ones, own actions united with the interface's, channel
 * tags from the `interfaces:` entry, snake_case tags. Correct usages compile;
 * each wrong one carries `@ts-expect-error`.
 */
import type { ActionHandlers, Client, IssueEntity } from '../golden/botpress-interfaces/tracker/src/generated/index.js';
import type { issueCreatable, issueList, notifiable } from '../golden/botpress-interfaces/tracker/src/generated/index.js';
import type { Client as HelpdeskClient } from '../golden/botpress-interfaces/helpdesk/src/generated/index.js';
import type * as hitl from '../golden/botpress-interfaces/helpdesk/src/generated/interfaces/hitl.js';

const issue: IssueEntity = { id: 'ISS-1', title: 'Crash', priority: 2, url: null, _links: { webui: 'https://x' } };

// An issue, with all it has beyond `id`, is the listable and creatable item. (Written as object
// literals: the item type is `IssueEntity & { id: string; [k: string]: unknown }`, from the allOf
// Botpress writes, which a variable of the closed IssueEntity type does not satisfy.)
export const listed: issueList.Actions['list']['output'] = { items: [{ ...issue }], meta: {} };
export const created: issueCreatable.Events['created'] = { item: { ...issue } };
// @ts-expect-error the item is still an issue: its priority is one of 0–4
export const badItem: issueList.Entities['item'] = { ...issue, priority: 7 };

// The merged notify action: the input has the interface's `text`, the output must give its `delivered`.
export const notify: ActionHandlers['notify'] = async ({ input }) => ({ receipt: { id: input.text }, delivered: true });
// @ts-expect-error the interface promises `delivered`, so the merged output requires it
export const notifyWithoutDelivered: ActionHandlers['notify'] = async () => ({ receipt: { id: 'r1' } });
// What the interface's callers send is what the integration takes.
export const sent: notifiable.Actions['notify']['input'] = { userId: 'u1', text: 'Your issue moved' };

// The own issueCreate input adds an optional teamId to creatable's.
export const issueCreate: ActionHandlers['issueCreate'] = async ({ input }) => ({ item: input.item, url: `https://x/${input.teamId ?? ''}` });

// snake_case user tags, and the hitl channel's tags: the interface's, the entry's.
export async function tags(client: Client, helpdesk: HelpdeskClient): Promise<void> {
  await client.getOrCreateUser({ tags: { dm_conversation_id: 'D1', is_bot: 'false', image_48: 'https://x/a.png' } });
  // @ts-expect-error Botpress keeps tag names as written: dmConversationId is not dm_conversation_id
  await client.getOrCreateUser({ tags: { dmConversationId: 'D1' } });
  await helpdesk.getOrCreateConversation({ channel: 'hitl', tags: { id: 'T-1', externalId: 'E-1' } });
  await helpdesk.createMessage({ conversationId: 'c1', userId: 'u1', channel: 'hitl', type: 'text', payload: { text: 'Hi' }, tags: { zendeskCommentId: 'C-1' } });
  await helpdesk.getOrCreateUser({ tags: {} });
}

// The hitl session is the helpdesk's ticket, with its own properties.
export const session: hitl.Entities['hitlSession'] = { priority: 'urgent', chatbotName: 'Botpress' };
