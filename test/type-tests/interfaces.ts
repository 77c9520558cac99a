/**
 * Using the interface-extension mappings as an integration developer would:
 * correct usages compile, and each wrong one carries `@ts-expect-error`.
 */
import { Integration, type ActionHandlers, type IssueEntity, type ProjectEntity } from '../golden/crud/tracker/src/generated/index.js';
import { issueDelete, issueList, projectList } from '../golden/crud/tracker/src/generated/index.js';
import type * as anthropicLlm from '../golden/llm/integrations/anthropic/src/generated/interfaces/llm.js';
import type * as openaiLlm from '../golden/llm/integrations/openai/src/generated/interfaces/llm.js';
import type { LanguageModelEntity } from '../golden/llm/integrations/openai/src/generated/types.js';
import type { ModelEntity } from '../golden/llm/integrations/anthropic/src/generated/types.js';

// The rename maps are typed constants.
export const listIssuesAs: 'issueList' = issueList.mapping.actions.list;
export const listProjectsAs: 'projectList' = projectList.mapping.actions.list;
export const deletedEventAs: 'issueDeleted' = issueDelete.mapping.events.deleted;
export const mappedEntity: 'issue' = issueDelete.mapping.entities.item;
// @ts-expect-error the list action of projectList is not called issueList
export const wrongName: 'issueList' = projectList.mapping.actions.list;

// Resolved types: the interface's entity is the integration's entity the mapping names.
export const listed: issueList.Actions['list']['output'] = { items: [{ id: 'i1', title: 'Crash', state: 'open' }], meta: {} };
export const project: projectList.Entities['item'] = { id: 'p1', name: 'Core' } satisfies ProjectEntity;
export const notAnIssue: issueList.Entities['item'] = {
  id: 'i2',
  title: 'Slow',
  // @ts-expect-error an issue's state is open or closed
  state: 'pending',
};
export const modelOfAnthropic: anthropicLlm.Entities['modelRef'] = { id: 'claude', name: 'Claude', maxTokens: 4096 } satisfies ModelEntity;
export const modelOfOpenai: openaiLlm.Entities['modelRef'] = { id: 'gpt', name: 'GPT', contextWindow: 128000 } satisfies LanguageModelEntity;
// @ts-expect-error OpenAI's model has a context window, not maxTokens
export const mixedUp: openaiLlm.Entities['modelRef'] = { id: 'gpt', name: 'GPT', maxTokens: 10 };
// The interface's types as the integration's handlers receive them: `temperature` has a default, so it is there.
export const prompt: anthropicLlm.Actions['generateContent']['input'] = { messages: [{ role: 'user', content: 'Hi' }], model: { id: 'c', name: 'C', maxTokens: 1 }, temperature: 1 };
// @ts-expect-error a received input has its defaulted temperature
export const promptWithoutDefault: anthropicLlm.Actions['generateContent']['input'] = { messages: [{ role: 'user', content: 'Hi' }] };

const issueListAction: ActionHandlers['issueList'] = async () => ({ items: [], meta: {} });
const projectListAction: ActionHandlers['projectList'] = async () => ({ items: [{ id: 'p1', name: 'Core' }], meta: { nextToken: 'n' } });
const issueDeleteAction: ActionHandlers['issueDelete'] = async ({ input }) => (input.id === '' ? {} : {});
const closeIssueAction: ActionHandlers['closeIssue'] = async ({ input }) => ({ issue: { ...input.issue, state: 'closed' } satisfies IssueEntity });

// The interfaces' handlers, under the integration's names, checked as a set.
export const listables = { issueListAction, projectListAction } satisfies Record<string, issueList.Handlers[keyof issueList.Handlers] | projectList.Handlers[keyof projectList.Handlers]>;
export const deletables = { issueDelete: issueDeleteAction } satisfies issueDelete.Handlers;
// @ts-expect-error the deletable interface's handler is missing
export const noDeletables = {} satisfies issueDelete.Handlers;

// A mistyped handler for a renamed interface action.
// @ts-expect-error projectList must list projects (id and name), not issues
export const wrongItems: ActionHandlers['projectList'] = async () => ({ items: [{ id: 'i1', title: 'Crash', state: 'open' }], meta: {} });

const common = { register: async () => {}, unregister: async () => {}, handler: async () => {}, channels: {} };
export const complete = new Integration({
  ...common,
  actions: { closeIssue: closeIssueAction, issueDelete: issueDeleteAction, issueList: issueListAction, projectList: projectListAction },
});
export const missingInterfaceHandler = new Integration({
  ...common,
  // @ts-expect-error projectList, the listable interface's list action renamed, has no handler
  actions: { closeIssue: closeIssueAction, issueDelete: issueDeleteAction, issueList: issueListAction },
});
