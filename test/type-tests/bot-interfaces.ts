/**
 * A bot using two implementations of one interface through the interface's
 * names (`viaInterface` and the generated rename maps): a function written
 * against the interface takes either; wrong usages carry `@ts-expect-error`.
 */
import { viaInterface } from '@intc/runtime';
import type { BotClient } from '../golden/llm/bot/src/generated/index.js';
import { mapping as claudeLlm } from '../golden/llm/bot/src/generated/integrations/anthropic/interfaces/llm.js';
import { mapping as gptLlm } from '../golden/llm/bot/src/generated/integrations/openai/interfaces/llm.js';

type Message = { role: 'user' | 'assistant' | 'system'; content: string };
/** What this bot needs from any LLM: the interface's action, by the interface's name. */
interface Llm {
  readonly actions: { readonly generateContent: (input: { messages: Message[] }) => Promise<{ choices: { content: string }[] }> };
}

async function ask(llm: Llm, question: string): Promise<string> {
  const answer = await llm.actions.generateContent({ messages: [{ role: 'user', content: question }] });
  return answer.choices[0]?.content ?? '';
}

export async function draft(client: BotClient): Promise<string> {
  const claude = viaInterface(client.claude, claudeLlm);
  const gpt = viaInterface(client.gpt, gptLlm);
  const interfaceName: 'llm' = claude.interface;
  void interfaceName;
  // Typed from each integration: Claude's model entity has maxTokens, GPT's a context window.
  const models = await claude.actions.listLanguageModels({});
  const first: number | undefined = models.models[0]?.maxTokens;
  void first;
  // @ts-expect-error GPT's models have no maxTokens
  void (await gpt.actions.listLanguageModels({})).models[0]?.maxTokens;
  // @ts-expect-error through the interface, Claude's generateText is called generateContent
  await claude.actions.generateText({ messages: [] });
  // @ts-expect-error the interface's input needs messages
  await gpt.actions.generateContent({});
  return (await ask(claude, 'Hi')) || ask(gpt, 'Hi');
}
