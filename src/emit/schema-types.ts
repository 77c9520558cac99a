import type { IntegrationModel } from '../model/integration-model.js';
import type { GeneratedFile } from './generated-file.js';
import type { TypeNames } from './type-names.js';

/** `types.ts`: one exported type per schema, named by `TypeNames`, from json-schema-to-typescript. */
export async function emitSchemaTypes(model: IntegrationModel, names: TypeNames): Promise<GeneratedFile[]> {
  void model;
  void names;
  throw new Error('emitSchemaTypes: not built yet');
}
