import type { LoadedManifest } from '../load/load-manifest.js';
import { toBotModel, type BotModel } from '../model/bot-model.js';
import type { IntegrationModel } from '../model/integration-model.js';
import type { PlainObject } from '../model/values.js';
import { integrationModelOf, type ReferenceLookup } from './integration-model-of.js';

/**
 * The model of a bot manifest that validated clean. Each installed
 * integration's model is built as for the integration's own project
 * (interfaces resolved), once per manifest file however many aliases install
 * it: aliases of one manifest share one model, which is what makes them
 * share one `integrations/<name>/` folder.
 */
export function botModelOf(manifest: LoadedManifest, lookup: ReferenceLookup): BotModel {
  const models = new Map<LoadedManifest, IntegrationModel>();
  return toBotModel(manifest.value as PlainObject, manifest.file.path, (alias, reference) => {
    const installed = lookup(manifest, reference, 'integration');
    if (installed === undefined) throw new Error(`intc: integration '${reference}' of alias '${alias}' is not loaded, though the bot manifest validated`);
    let model = models.get(installed);
    if (model === undefined) models.set(installed, (model = integrationModelOf(installed, lookup)));
    return model;
  });
}
