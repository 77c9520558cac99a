import type { IntegrationModel } from '../model/integration-model.js';
import type { GeneratedFile } from './generated-file.js';

/** `definition.json`: the resolved definition, keys sorted. */
export function emitDefinitionJson(model: IntegrationModel): GeneratedFile[] {
  void model;
  throw new Error('emitDefinitionJson: not built yet');
}
