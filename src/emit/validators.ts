import type { IntegrationModel } from '../model/integration-model.js';
import type { GeneratedFile } from './generated-file.js';

/** `validators.ts`: Ajv standalone validators for every configuration, input, output and payload. */
export function emitValidators(model: IntegrationModel): GeneratedFile[] {
  void model;
  throw new Error('emitValidators: not built yet');
}
