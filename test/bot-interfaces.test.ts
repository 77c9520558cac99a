/** viaInterface: an alias's client under an interface's action names. */
import { describe, expect, it } from 'vitest';
import { viaInterface } from '../packages/runtime/src/index.js';

const mapping = { interface: 'llm', version: '1.0.0', actions: { generateContent: 'generateText', listLanguageModels: 'listLanguageModels' } } as const;

describe('viaInterface', () => {
  it('calls the renamed action under the interface name', async () => {
    const calls: string[] = [];
    const client = {
      actions: {
        generateText: async (input: { prompt: string }) => (calls.push(`text:${input.prompt}`), { text: 'ok' }),
        listLanguageModels: async (_input: Record<string, never>) => (calls.push('models'), { models: [] }),
        countTokens: async (_input: { text: string }) => ({ tokens: 1 }),
      },
    };
    const llm = viaInterface(client, mapping);
    expect(llm.interface).toBe('llm');
    expect(Object.keys(llm.actions)).toEqual(['generateContent', 'listLanguageModels']);
    expect(await llm.actions.generateContent({ prompt: 'hi' })).toEqual({ text: 'ok' });
    await llm.actions.listLanguageModels({});
    expect(calls).toEqual(['text:hi', 'models']);
  });

  it('refuses a client that lacks a mapped action, naming both names', () => {
    const client = { actions: { toString: async (_: never) => 'inherited names do not count' } };
    expect(() => viaInterface(client, { interface: 'llm', actions: { generateContent: 'generateText' } })).toThrow(
      `This client has no action "generateText" (interface "llm"'s "generateContent").`,
    );
  });
});
