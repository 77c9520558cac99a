import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { join, relative } from 'node:path';
import {
  botFixtures,
  firstRunOutput,
  goldenDirOf,
  goldenTypeScriptFiles,
  integrationFixtures,
  readGolden,
  UPDATE_GOLDEN,
  writeGolden,
} from './golden-harness.js';
import { ROOT, VALID_DIR } from './fixture-harness.js';

describe('generated output matches the golden files', () => {
  it.each([...integrationFixtures(), ...botFixtures()].map((file) => [relative(VALID_DIR, file), file]))('%s', async (_name, manifest) => {
    const output = await firstRunOutput(manifest);
    const dir = goldenDirOf(manifest);
    if (UPDATE_GOLDEN) writeGolden(dir, output);
    const golden = readGolden(dir);
    expect([...output.keys()].sort()).toEqual([...golden.keys()].sort());
    for (const [path, content] of output) expect(content, path).toBe(golden.get(path));
  });

  it('is byte-identical when generated twice', async () => {
    for (const manifest of [...integrationFixtures(), ...botFixtures()]) {
      const first = await firstRunOutput(manifest);
      const second = await firstRunOutput(manifest);
      expect([...second.entries()]).toEqual([...first.entries()]);
    }
  });
});

/** Type-checks every golden .ts file in one program, as a user's strict project would. */
function typeCheckGoldens(resolution: 'nodenext' | 'bundler'): string[] {
  const files = goldenTypeScriptFiles();
  const options: ts.CompilerOptions = {
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
    baseUrl: ROOT,
    paths: { 'intc/runtime': ['src/runtime/index.ts'] },
  };
  const program = ts.createProgram(files, options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const file = d.file ? relative(ROOT, d.file.fileName) : '';
    return `${file}${where ? `:${where.line + 1}:${where.character + 1}` : ''} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('every golden file type-checks under tsc --strict in one program', () => {
  it('with moduleResolution nodenext', () => {
    expect(goldenTypeScriptFiles().length).toBeGreaterThan(0);
    expect(typeCheckGoldens('nodenext')).toEqual([]);
  });
  it('with moduleResolution bundler', () => {
    expect(typeCheckGoldens('bundler')).toEqual([]);
  });
});
