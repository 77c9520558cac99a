import type { IntegrationModel } from '../model/integration-model.js';
import type { GeneratedFile } from './generated-file.js';
import type { TypeNames } from './type-names.js';

/** `integration.ts` (handler props, the client contract, the `Integration` class) and the `index.ts` barrel. */
export function emitIntegrationApi(model: IntegrationModel, names: TypeNames): GeneratedFile[] {
  void model;
  void names;
  throw new Error('emitIntegrationApi: not built yet');
}
