import { emitBotApi, typedInstallations } from '../emit/bot-api.js';
import { emitBotDefinitionJson } from '../emit/bot/bot-definition-json.js';
import { emitInstalledIntegration } from '../emit/bot/installed-integration.js';
import { sortFiles, type GeneratedFile } from '../emit/generated-file.js';
import type { BotModel } from '../model/bot-model.js';

/**
 * Every tool-owned file of one bot: `bot.ts`, `index.ts`, `definition.json`
 * and, per integration an enabled installation uses, its `types.ts` and
 * `spec.ts` under `integrations/<folder>/`. Model in, files out.
 */
export async function emitBot(model: BotModel): Promise<GeneratedFile[]> {
  const used = new Set(typedInstallations(model).map((installation) => installation.integration));
  const files: GeneratedFile[] = [...emitBotApi(model), ...emitBotDefinitionJson(model)];
  // One after the other: each is a CPU-bound json-schema-to-typescript compile.
  for (const integration of model.integrations) if (used.has(integration)) files.push(...(await emitInstalledIntegration(integration)));
  return sortFiles(files);
}
