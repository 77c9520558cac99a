/**
 * Type-checks generated code as a user's strict project would, in one tsc
 * program: the golden files (golden.test.ts) and imported Botpress
 * integrations' output (import.test.ts). `@intc/runtime` resolves as in a user's
 * project: through node_modules (the workspace's link; import.test.ts's workspace
 * links it too) and the package's `exports`, to its built declarations.
 */
import { join, relative } from 'node:path';
import ts from 'typescript';
import { ROOT } from './fixture-harness.js';

export type ModuleResolution = 'nodenext' | 'bundler';

export function strictCompilerOptions(resolution: ModuleResolution): ts.CompilerOptions {
  return {
    strict: true,
    noEmit: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noImplicitOverride: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: false,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules', '@types')],
    verbatimModuleSyntax: true,
    ...(resolution === 'nodenext'
      ? { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }
      : { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }),
  };
}

/** Every error of `files` as `file:line:col TScode: message` (paths relative to `base`), none when they type-check. */
export function strictTypeErrors(files: readonly string[], resolution: ModuleResolution, base = ROOT): string[] {
  const program = ts.createProgram([...files], strictCompilerOptions(resolution));
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const file = d.file ? relative(base, d.file.fileName) : '';
    return `${file}${where ? `:${where.line + 1}:${where.character + 1}` : ''} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}
