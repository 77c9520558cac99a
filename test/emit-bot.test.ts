/**
 * Bot generation beyond the golden files: the folder rule for installed
 * integrations, configuration values as TypeScript literals, and that an
 * installed integration's `Spec` is the one its own project generates.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tsLiteral } from '../packages/intc/src/emit/bot/ts-literal.js';
import { toBotModel } from '../packages/intc/src/model/bot-model.js';
import { toIntegrationModel, type IntegrationModel } from '../packages/intc/src/model/integration-model.js';
import { GOLDEN_DIR } from './golden-harness.js';

function integration(name: string, path: string): IntegrationModel {
  return toIntegrationModel({ name, version: '1.0.0', channels: { channel: { messages: { text: { schema: { type: 'object' } } } } } }, path);
}

describe('installed integrations', () => {
  it('one folder per manifest: aliases share it; a second manifest of the same name gets _2 (by first alias); a handle is written __', () => {
    const telegram = integration('telegram', '/p/telegram/integration.yaml');
    const fork = integration('telegram', '/p/fork/integration.yaml');
    const crm = integration('acme/crm-sync', '/p/crm/integration.yaml');
    const byReference: Record<string, IntegrationModel> = { telegram, fork, crm };
    const bot = toBotModel(
      { integrations: { zed: { integration: 'fork' }, main: { integration: 'telegram' }, support: { integration: 'telegram', disabledChannels: ['channel'] }, crm: { integration: 'crm' } } },
      '/p/bot/bot.yaml',
      (_alias, reference) => byReference[reference]!,
    );
    expect(bot.installations.map((i) => [i.alias, i.integration.folder, i.enabledChannels])).toEqual([
      ['crm', 'acme__crm-sync', ['channel']],
      ['main', 'telegram', ['channel']],
      ['support', 'telegram', []],
      ['zed', 'telegram_2', ['channel']],
    ]);
    expect(bot.integrations.map((i) => i.folder)).toEqual(['acme__crm-sync', 'telegram', 'telegram_2']);
    expect(bot.installations[1]!.integration).toBe(bot.installations[2]!.integration);
  });

  it("spec.ts holds the same Spec as the integration's own integration.ts", () => {
    const own = readFileSync(join(GOLDEN_DIR, 'telegram', 'src', 'generated', 'integration.ts'), 'utf8');
    const installed = readFileSync(join(GOLDEN_DIR, 'bot', 'src', 'generated', 'integrations', 'telegram', 'spec.ts'), 'utf8');
    const specOf = (text: string) => /^(?:export )?type Spec = \{\n[\s\S]*?\n\};\n/m.exec(text)?.[0].replace(/^export /, '');
    expect(specOf(installed)).toBeDefined();
    expect(specOf(installed)).toBe(specOf(own));
  });
});

describe('configuration values as TypeScript literals', () => {
  it('sorts keys, quotes what is not an identifier, keeps placeholders as plain strings', () => {
    expect(tsLiteral({ b: 1, a: { 'x-y': '${TOKEN}', list: [true, null] } })).toBe(
      '{\n  a: {\n    list: [\n      true,\n      null,\n    ],\n    "x-y": "${TOKEN}",\n  },\n  b: 1,\n}',
    );
  });

  it('writes a __proto__ key computed, so it stays an own property', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    const text = tsLiteral(value);
    expect(text).toBe('{\n  ["__proto__"]: {\n    polluted: true,\n  },\n}');
    const evaluated = new Function(`return ${text};`)() as Record<string, unknown>;
    expect(Object.keys(evaluated)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('writes numbers JSON cannot hold', () => {
    expect(tsLiteral([Infinity, -Infinity, NaN, 0.5])).toBe('[\n  Infinity,\n  -Infinity,\n  NaN,\n  0.5,\n]');
  });
});
