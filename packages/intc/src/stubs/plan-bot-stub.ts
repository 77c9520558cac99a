/**
 * A bot's one user-owned file, `src/index.ts`: created when it does not
 * exist, never edited afterwards (the handlers are the user's; `BotHandlers`
 * makes the compiler report whatever the manifest no longer has). `--force`
 * rewrites it to the template, as it does an integration's stubs.
 */
import { join } from 'node:path';
import type { ProjectLayout } from '../generate/project-layout.js';
import type { BotModel } from '../model/bot-model.js';
import { edited } from './plan-index.js';
import { isForced, type ReadFile, type StubOptions, type StubPlan } from './plan-stubs.js';
import { FRESH_QUOTE, propertyKey, quoted, specifier } from './stub-layout.js';
import { isSymbolicLink, type IsSymbolicLink } from './symbolic-links.js';

export function planBotStub(model: BotModel, layout: ProjectLayout, options: StubOptions, readFile: ReadFile, isLink: IsSymbolicLink = isSymbolicLink): StubPlan {
  const path = join(layout.srcDir, 'index.ts');
  const content = botIndexTemplate(model, specifier(layout.srcDir, join(layout.generatedDir, 'index.js')));
  const existing = readFile(path);
  const nothingElse = { diagnostics: [], todo: [], history: new Map<string, string>() };
  if (existing === undefined) return { files: [{ path, content, status: 'create' }], ...nothingElse };
  return { files: isForced(options, path) ? edited(path, existing, content, isLink) : [], ...nothingElse };
}

export function botIndexTemplate(model: BotModel, generatedSpecifier: string): string {
  return (
    `import { Bot } from ${quoted(generatedSpecifier, FRESH_QUOTE)};\n\n` +
    '// Handlers go by alias, then channel and message type (`messages`) or event name (`events`).\n' +
    exampleHandler(model) +
    'export default new Bot({ messages: {}, events: {} });\n'
  );
}

/** A commented-out handler for the first enabled channel with messages (its `text` type, else its first), when there is one. */
function exampleHandler(model: BotModel): string {
  for (const installation of model.installations) {
    if (!installation.enabled) continue;
    const channel = installation.integration.model.channels.find((c) => installation.enabledChannels.includes(c.name) && c.messages.length > 0);
    const type = channel?.messages.find((m) => m.name === 'text')?.name ?? channel?.messages[0]?.name;
    if (channel === undefined || type === undefined) continue;
    return [
      '// For example, answering every message of one type with the same payload:',
      '//',
      '//   messages: {',
      `//     ${propertyKey(installation.alias)}: {`,
      `//       ${propertyKey(channel.name)}: {`,
      `//         ${propertyKey(type)}: async ({ payload, reply }) => {`,
      `//           await reply({ type: ${quoted(type)}, payload });`,
      '//         },',
      '//       },',
      '//     },',
      '//   },',
      '',
    ].join('\n');
  }
  return '';
}
