/**
 * `bot.ts` and the `index.ts` barrel of a bot's generated folder. `bot.ts`
 * holds one `BotSpec` type (alias → the installed integration's `Spec`, the
 * channels the bot uses and its configuration type), the `installations`
 * constant the runtime starts the integrations from, aliases of the
 * runtime's generic bot types applied to `BotSpec`, and the `Bot` class.
 * Installations with `enabled: false` are left out of all of them.
 *
 * No `process` here: `resolveConfigurations()` without an environment lets
 * the runtime read `globalThis.process?.env`, so the file compiles without
 * @types/node.
 */
import { basename } from 'node:path';
import type { BotModel, InstallationModel, InstalledIntegration } from '../model/bot-model.js';
import { compareNames } from '../model/integration-model.js';
import { jsDoc, literalUnion, objectType, stringLiteral, typeKey } from './api/ts-syntax.js';
import { tsLiteral } from './bot/ts-literal.js';
import { doNotEditHeader, type GeneratedFile } from './generated-file.js';
import { pascalCase } from './type-names.js';

export function emitBotApi(model: BotModel): GeneratedFile[] {
  const header = doNotEditHeader(basename(model.manifestPath));
  return [
    { path: 'index.ts', content: `${header}export * from './bot.js';\n` },
    { path: 'bot.ts', content: botFile(header, model) },
  ];
}

/** The installations the bot's types describe: the enabled ones. */
export function typedInstallations(model: BotModel): InstallationModel[] {
  return model.installations.filter((installation) => installation.enabled);
}

function botFile(header: string, model: BotModel): string {
  const installations = typedInstallations(model);
  const specNames = specTypeNames(installations);
  return [
    header,
    "import { BotRuntime, resolveConfigurations as resolveInstalledConfigurations } from '@intc/runtime';\n",
    "import type * as rt from '@intc/runtime';\n",
    ...[...specNames].map(([integration, name]) => `import type { Spec as ${name} } from './integrations/${integration.folder}/spec.js';\n`),
    '\n',
    botSpec(installations, specNames),
    '\n',
    installationsConstant(installations),
    '\n',
    EXPORTED_TYPES,
    '\n',
    botClass(model),
  ].join('');
}

function botSpec(installations: readonly InstallationModel[], specNames: ReadonlyMap<InstalledIntegration, string>): string {
  const entries = installations.map((installation) => {
    const { model } = installation.integration;
    const disabled = installation.disabledChannels.length === 0 ? '' : `; channels not used: ${installation.disabledChannels.join(', ')}`;
    const configurationType = installation.configurationType === null ? 'null' : stringLiteral(installation.configurationType);
    return (
      jsDoc([`${model.name} ${model.version}${disabled}`], '  ') +
      `  ${typeKey(installation.alias)}: { spec: ${specNames.get(installation.integration)}; channels: ${literalUnion(installation.enabledChannels)}; configurationType: ${configurationType} };\n`
    );
  });
  return (
    '/** Alias → the integration installed under it, the channels the bot uses (disabled ones left out) and the configuration it selects. */\n' +
    `export type BotSpec = ${objectType(entries)};\n`
  );
}

function installationsConstant(installations: readonly InstallationModel[]): string {
  const entries = installations.map((installation) => {
    const value = {
      integration: installation.integration.model.name,
      configurationType: installation.configurationType,
      configuration: installation.configuration,
      disabledChannels: installation.disabledChannels,
      placeholderTypes: installation.placeholderTypes,
    };
    return `  ${typeKey(installation.alias)}: ${installationLiteral(value)},\n`;
  });
  return (
    '/** Every installation as the bot manifest declares it; `${NAME}` placeholders are filled by `resolveConfigurations`. */\n' +
    `export const installations = ${entries.length === 0 ? '{}' : `{\n${entries.join('')}}`} as const satisfies rt.Installations;\n`
  );
}

/**
 * The installation's fields in a fixed order (the integration first), values
 * as TypeScript literals; `placeholderTypes` only when a placeholder fills a
 * number, integer or boolean field.
 */
function installationLiteral(value: {
  integration: string;
  configurationType: string | null;
  configuration: unknown;
  disabledChannels: readonly string[];
  placeholderTypes: Readonly<Record<string, string>>;
}): string {
  const field = (key: string, text: string) => `    ${key}: ${text},\n`;
  return (
    '{\n' +
    field('integration', stringLiteral(value.integration)) +
    field('configurationType', value.configurationType === null ? 'null' : stringLiteral(value.configurationType)) +
    field('configuration', tsLiteral(value.configuration, '    ')) +
    field('disabledChannels', `[${value.disabledChannels.map(stringLiteral).join(', ')}]`) +
    (Object.keys(value.placeholderTypes).length === 0 ? '' : field('placeholderTypes', tsLiteral(value.placeholderTypes, '    '))) +
    '  }'
  );
}

/** Names of the generated bot.ts's own declarations, which no `…Spec` import may take. */
const OWN_NAMES = ['Bot', 'BotClient', 'BotHandlers', 'BotRuntime', 'BotSpec', 'Configurations', 'Integrations', 'installations', 'resolveConfigurations', 'resolveInstalledConfigurations', 'rt'];

/**
 * `TelegramSpec` for each integration an enabled installation uses, in
 * folder order: the folder in PascalCase; a name already taken gets a number
 * before `Spec` (`Telegram2Spec`), the first free one.
 */
function specTypeNames(installations: readonly InstallationModel[]): Map<InstalledIntegration, string> {
  const used = [...new Set(installations.map((i) => i.integration))].sort((a, b) => compareNames(a.folder, b.folder));
  const taken = new Set(OWN_NAMES);
  const names = new Map<InstalledIntegration, string>();
  for (const integration of used) {
    const base = integration.folder
      .split(/[^A-Za-z0-9]+/)
      .filter((part) => part !== '')
      .map(pascalCase)
      .join('');
    let name = `${base}Spec`;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}Spec`;
    taken.add(name);
    names.set(integration, name);
  }
  return names;
}

function botClass(model: BotModel): string {
  const named = model.title ?? model.name ?? 'The bot';
  const summary = `${named}${model.name === undefined || model.name === named ? '' : ` (${model.name})`}, typed from its bot manifest.`;
  const usage = 'Export `new Bot({ messages, events })` as the default of `src/index.ts`; `bot.start({ integrations })` runs it with the integrations in this process.';
  return (
    jsDoc([summary, model.description, usage], '') +
    'export class Bot extends BotRuntime<BotSpec> {\n' +
    '  constructor(handlers: BotHandlers) {\n' +
    '    super(handlers, installations);\n' +
    '  }\n' +
    '}\n'
  );
}

/** The names the generated index exports besides `Bot`, `BotSpec` and `installations`. */
const EXPORTED_TYPES = `/** Alias → channel → message type → handler (\`messages\`), alias → event → handler (\`events\`); enabled channels only. */
export type BotHandlers = rt.BotHandlers<BotSpec>;
/** Alias → \`actions\` (typed input → typed output) and \`sendMessage\` on the enabled channels. */
export type BotClient = rt.BotClient<BotSpec>;
/** Alias → the \`Integration\` object to run in this process (the integration's own \`new Integration(…)\`). */
export type Integrations = rt.BotIntegrations<BotSpec>;
/** Alias → its configuration type and configuration, placeholders filled. */
export type Configurations = rt.ResolvedConfigurations<BotSpec>;

/**
 * Fills the \`\${NAME}\` placeholders of every installation's configuration from \`env\` (default: the process
 * environment); throws \`MissingEnvironmentVariableError\`, naming the variable and where it is used, when one is unset.
 */
export function resolveConfigurations(env?: rt.Environment): Configurations {
  // The runtime returns alias → loose configuration; each alias's type is the one its configurationType selects.
  return resolveInstalledConfigurations(installations, env) as unknown as Configurations;
}
`;
