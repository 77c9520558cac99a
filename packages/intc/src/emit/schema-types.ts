import { basename } from 'node:path';
import type { IntegrationModel } from '../model/integration-model.js';
import { doNotEditHeader, type GeneratedFile } from './generated-file.js';
import { readDeclarations } from './schema/declarations.js';
import { DefaultsReach } from './schema/defaults-reach.js';
import { compileTypes } from './schema/json-schema-to-typescript.js';
import { typedSchemas } from './schema/schema-slots.js';
import { planTypeSchema } from './schema/type-schema.js';
import type { TypeNames } from './type-names.js';

/**
 * `types.ts`: one exported type per schema, named by `TypeNames`, from
 * json-schema-to-typescript. All schemas go through one `compile()` call
 * (one root schema holding each as a definition); entity `$ref`s name the
 * entity's type; constraints are JSDoc tags. A schema with defaults also
 * gets its type as a caller gives it (`…Given`: defaulted properties
 * optional); its own type is what parsing gives (they are present).
 * Declarations are sorted by name.
 */
export async function emitSchemaTypes(model: IntegrationModel, names: TypeNames): Promise<GeneratedFile[]> {
  const plan = planTypeSchema(typedSchemas(model, names), names.entities, names.given, new DefaultsReach(model.entities));
  const declarations = readDeclarations(await compileTypes(plan.root, plan.rootPlaceholder), plan);
  const body = declarations.length === 0 ? 'export {};' : declarations.map((declaration) => declaration.text).join('\n\n');
  return [{ path: 'types.ts', content: `${doNotEditHeader(basename(model.manifestPath))}\n${body}\n` }];
}
