import { emitDefinitionJson } from '../emit/definition-json.js';
import { sortFiles, type GeneratedFile } from '../emit/generated-file.js';
import { emitIntegrationApi } from '../emit/integration-api.js';
import { emitSchemaTypes } from '../emit/schema-types.js';
import { typeNamesOf } from '../emit/type-names.js';
import { emitValidators } from '../emit/validators.js';
import type { IntegrationModel } from '../model/integration-model.js';

/** Every tool-owned file of one integration: model in, files out, no disk access. */
export async function emitIntegration(model: IntegrationModel): Promise<GeneratedFile[]> {
  const names = typeNamesOf(model);
  return sortFiles([
    ...(await emitSchemaTypes(model, names)),
    ...emitIntegrationApi(model, names),
    ...emitValidators(model),
    ...emitDefinitionJson(model),
  ]);
}
