/**
 * Shapes real Botpress definitions use that intc accepts as the SDK does:
 * `user: {}` and empty tag maps, snake_case tags (Slack's user tags), tags
 * that differ only by case or separators (only string keys, never files),
 * attributes and channel tag overrides in an `interfaces:` entry, and an
 * interface manifest with attributes, an icon, a readme and channel tags.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validate } from '../packages/intc/src/pipeline.js';

const work = mkdtempSync(join(tmpdir(), 'intc-botpress-shapes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let count = 0;
/** Writes the files (path → text) into a fresh folder and validates the first one: `line:col code` of each diagnostic. */
function diagnosticsOf(files: Record<string, string>): string[] {
  const folder = join(work, String(count++));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  const root = join(folder, Object.keys(files)[0]!);
  return validate([root]).diagnostics.map((d) => `${d.location.start.line}:${d.location.start.column} ${d.code}`);
}

const head = 'name: demo\nversion: 1.0.0\ndescription: A demo.\n';
const channel = (tags: string) =>
  `channels:\n  chat:\n    description: A chat.\n    messages:\n      text: { schema: { type: object } }\n${tags}`;

describe('tags and users as Botpress accepts them', () => {
  it.each([
    ['user: {}', `${head}user: {}\n`],
    ['user with an empty tag map', `${head}user:\n  tags: {}\n`],
    ['a channel with empty conversation and message tags', `${head}${channel('    conversation: {}\n    message:\n      tags: {}\n')}`],
    ['snake_case user tags with digits', `${head}user:\n  tags:\n    dm_conversation_id: {}\n    is_bot: {}\n    image_48: {}\n`],
    ['tags differing only by separators', `${head}user:\n  tags:\n    userId: {}\n    user_id: {}\n`],
  ])('accepts %s', (_, text) => {
    expect(diagnosticsOf({ 'integration.yaml': text })).toEqual([]);
  });

  it('refuses other tag names in every tag map', () => {
    const text = `${head}user:\n  tags:\n    Dm-Conversation: {}\n${channel('    conversation:\n      tags:\n        _private: {}\n    message:\n      tags:\n        double__underscore: {}\n')}`;
    expect(diagnosticsOf({ 'integration.yaml': text })).toEqual(['6:5 invalid-name', '14:9 invalid-name', '17:9 invalid-name']);
  });
});

const iface = `name: helpdesk-hitl
version: 1.0.0
description: Hand over to a human.
icon: icon.svg
readme: readme.md
attributes: { category: Customer Support }
actions:
  startHitl:
    description: Start a session.
    attributes: { bpActionHiddenInStudio: 'true' }
    input: { schema: { type: object } }
    output: { schema: { type: object } }
events:
  hitlAssigned:
    description: An agent took the session.
    attributes: { bpActionHiddenInStudio: 'true' }
    schema: { type: object }
channels:
  hitl:
    description: The session.
    conversation:
      tags:
        external_id: { title: External ID }
    message: {}
    messages:
      text: { schema: { type: object } }
`;

describe('interfaces as Botpress writes them', () => {
  it('accepts attributes, an icon, a readme and channel tags in an interface manifest, and finds its files', () => {
    expect(diagnosticsOf({ 'interface.yaml': iface, 'icon.svg': '<svg/>', 'readme.md': '# Hi\n' })).toEqual([]);
    expect(diagnosticsOf({ 'interface.yaml': iface })).toEqual(['4:7 file-not-found', '5:9 file-not-found']);
  });

  it('accepts attributes on action and event overrides and tags on channel overrides in an interfaces: entry', () => {
    const integration = `${head}interfaces:
  hitl:
    from: hitl/interface.yaml
    actions:
      startHitl: { attributes: { bpActionHiddenInStudio: 'false' } }
    events:
      hitlAssigned: { name: agentAssigned, attributes: { shown: 'true' } }
    channels:
      hitl:
        title: Ticket
        conversation: { tags: { id: { title: Ticket ID } } }
        message: { tags: { comment_id: {} } }
`;
    expect(diagnosticsOf({ 'integration.yaml': integration, 'hitl/interface.yaml': iface, 'hitl/icon.svg': '<svg/>', 'hitl/readme.md': '#\n' })).toEqual([]);
  });

  it('refuses what an override cannot hold', () => {
    const integration = `${head}interfaces:
  hitl:
    from: hitl/interface.yaml
    channels:
      hitl:
        messages: {}
        conversation: { tags: { Bad-Tag: {} } }
`;
    expect(diagnosticsOf({ 'integration.yaml': integration, 'hitl/interface.yaml': iface, 'hitl/icon.svg': '<svg/>', 'hitl/readme.md': '#\n' })).toEqual([
      '9:9 unknown-property',
      '10:33 invalid-name',
    ]);
  });
});
