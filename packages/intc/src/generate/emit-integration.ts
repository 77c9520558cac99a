import { emitDefinitionJson } from '../emit/definition-json.js';
import { sortFiles, type GeneratedFile } from '../emit/generated-file.js';
import { emitIntegrationApi } from '../emit/integration-api.js';
import { emitInterfaceModules } from '../emit/interface-module.js';
import { emitSchemaTypes } from '../emit/schema-types.js';
import { typeNamesOf } from '../emit/type-names.js';
import { emitValidators } from '../emit/validators.js';
import type { IntegrationModel } from '../model/integration-model.js';
import type { ValidatorsEmitter } from './worker-pool.js';

export interface EmitOptions {
  /**
   * Emits `validators.ts` in a worker thread while `types.ts` is emitted here
   * (the same bytes either way; see worker-pool.ts). Default: in-process.
   */
  readonly validatorsWorker?: ValidatorsEmitter;
}

/**
 * Every tool-owned file of one integration: model in, files out, no disk
 * access. `manifestText`, the text the model was parsed from, lets a worker
 * use what it emitted ahead from the same text.
 */
export async function emitIntegration(model: IntegrationModel, options: EmitOptions = {}, manifestText?: string): Promise<GeneratedFile[]> {
  const worker = options.validatorsWorker?.threaded ? options.validatorsWorker : undefined;
  const validators = worker?.emit(model, manifestText);
  // Awaited below; until then a failure must not count as unhandled (types.ts may fail first).
  validators?.catch(() => undefined);
  const names = typeNamesOf(model);
  const types = await emitSchemaTypes(model, names);
  const rest = [...emitIntegrationApi(model, names), ...emitInterfaceModules(model, names), ...emitDefinitionJson(model)];
  return sortFiles([...types, ...rest, ...(validators === undefined ? emitValidators(model) : await validators)]);
}
