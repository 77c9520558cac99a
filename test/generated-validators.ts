/**
 * The generated `validators.ts` run as the runtime runs it: TypeScript
 * stripped, its `@intc/runtime` import given the real runtime module.
 */
import ts from 'typescript';
import { expect } from 'vitest';
import { emitValidators } from '../packages/intc/src/emit/validators.js';
import type { IntegrationModel } from '../packages/intc/src/model/integration-model.js';
import { toIntegrationModel } from '../packages/intc/src/model/integration-model.js';
import type { PlainObject } from '../packages/intc/src/model/values.js';
import * as runtime from '../packages/runtime/src/index.js';
import type { Validators } from '../packages/runtime/src/validators.js';

export function modelOf(manifest: PlainObject, path = '/project/integration.yaml'): IntegrationModel {
  return toIntegrationModel(manifest, path);
}

export function validatorsFile(model: IntegrationModel): string {
  const files = emitValidators(model);
  expect(files.map((file) => file.path)).toEqual(['validators.ts']);
  return files[0]!.content;
}

/** The module as the runtime sees it: TypeScript stripped, `@intc/runtime` resolved to the real runtime. */
export function loadValidators(content: string): Validators {
  const js = ts.transpileModule(content, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const module = { exports: {} as { validators?: Validators } };
  const requireRuntime = (id: string) => {
    if (id !== '@intc/runtime') throw new Error(`the generated validators import ${id}`);
    return runtime;
  };
  new Function('require', 'module', 'exports', js)(requireRuntime, module, module.exports);
  return module.exports.validators!;
}

export function validatorsOf(model: IntegrationModel): Validators {
  return loadValidators(validatorsFile(model));
}
