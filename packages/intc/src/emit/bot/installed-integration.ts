/**
 * `integrations/<folder>/types.ts` and `spec.ts` of a bot's generated
 * folder: one installed integration's types (the same `types.ts` its own
 * project generates) and its `Spec` (the same text as in its
 * `integration.ts`, exported), which the bot's types index by alias; and
 * the rename maps of the interfaces it extends.
 */
import { basename } from 'node:path';
import type { InstalledIntegration } from '../../model/bot-model.js';
import { specType } from '../api/spec-type.js';
import { jsDoc } from '../api/ts-syntax.js';
import { mappingConstant } from '../interface-module.js';
import { doNotEditHeader, type GeneratedFile } from '../generated-file.js';
import { emitSchemaTypes } from '../schema-types.js';
import { typeNamesOf } from '../type-names.js';

export async function emitInstalledIntegration(installed: InstalledIntegration): Promise<GeneratedFile[]> {
  const { model, folder } = installed;
  const names = typeNamesOf(model);
  const types = await emitSchemaTypes(model, names);
  const spec = specType(model, names);
  const runtimeImport = spec.usesRuntime ? "import type * as rt from '@intc/runtime';\n" : '';
  const typeImports = spec.typeNames.length === 0 ? '' : `import type {\n${spec.typeNames.map((name) => `  ${name},\n`).join('')}} from './types.js';\n`;
  const imports = runtimeImport + typeImports === '' ? '' : `${runtimeImport}${typeImports}\n`;
  const specFile =
    doNotEditHeader(basename(model.manifestPath)) +
    imports +
    jsDoc([`Every name of ${model.name} ${model.version} with the type of its schema, as the runtime types read it.`], '') +
    `export ${spec.text}`;
  return [
    ...types.map((file) => ({ ...file, path: `integrations/${folder}/${file.path}` })),
    { path: `integrations/${folder}/spec.ts`, content: specFile },
    ...interfaceMappings(installed),
  ];
}

/**
 * `integrations/<folder>/interfaces/<alias>.ts` per interface the integration
 * extends: its rename maps, for `viaInterface(client.<alias>, mapping)`.
 */
function interfaceMappings({ model, folder }: InstalledIntegration): GeneratedFile[] {
  const header = doNotEditHeader(basename(model.manifestPath));
  return model.interfaces.map((extension) => ({
    path: `integrations/${folder}/interfaces/${extension.alias}.ts`,
    content: `${header}
${mappingConstant(extension)}`,
  }));
}
