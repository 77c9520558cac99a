import { basename, dirname, relative, sep } from 'node:path';
import type { BotModel, InstallationModel } from '../../model/bot-model.js';
import type { PlainObject } from '../../model/values.js';
import { doNotEditComment, type GeneratedFile } from '../generated-file.js';
import { sortedJson } from '../schema/sorted-json.js';

/**
 * `definition.json` of a bot: the manifest resolved, i.e. every alias with
 * the integration it installs (name, version, and the manifest file a folder
 * reference stood for, relative to the bot manifest), whether it is enabled,
 * its configuration type (null: the default configuration), configuration
 * (placeholders as written) and disabled channels. Keys sorted recursively,
 * `$comment` first; the manifest's `$schema` is left out.
 */
export function emitBotDefinitionJson(model: BotModel): GeneratedFile[] {
  const definition: PlainObject = {
    $comment: doNotEditComment(basename(model.manifestPath)),
    ...(model.name === undefined ? {} : { name: model.name }),
    ...(model.title === undefined ? {} : { title: model.title }),
    ...(model.description === undefined ? {} : { description: model.description }),
    integrations: Object.fromEntries(model.installations.map((installation) => [installation.alias, installationDefinition(model, installation)])),
  };
  return [{ path: 'definition.json', content: `${sortedJson(definition, ['$comment'])}\n` }];
}

function installationDefinition(bot: BotModel, installation: InstallationModel): PlainObject {
  const { model } = installation.integration;
  return {
    integration: {
      name: model.name,
      version: model.version,
      manifest: relative(dirname(bot.manifestPath), model.manifestPath).split(sep).join('/'),
    },
    enabled: installation.enabled,
    configurationType: installation.configurationType,
    configuration: installation.configuration,
    disabledChannels: installation.disabledChannels,
  };
}
