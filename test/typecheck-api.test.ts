/**
 * The generated `integration.ts` and `index.ts`, with a `types.ts` and a user
 * implementation beside them, type-check under `--strict` (and more) with
 * `moduleResolution` nodenext and bundler, `@intc/runtime` mapped to the
 * runtime's source. The user files hold `@ts-expect-error` cases (a missing
 * handler, a wrong output, a wrong configuration field, an unknown tag, a
 * state with the wrong scope…): an expected error that does not happen is
 * itself reported, so "no diagnostics" proves every one of them.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedFile } from '../packages/intc/src/emit/generated-file.js';
import { emitIntegrationApi } from '../packages/intc/src/emit/integration-api.js';
import { emitSchemaTypes } from '../packages/intc/src/emit/schema-types.js';
import { emitValidators } from '../packages/intc/src/emit/validators.js';
import { typeNamesOf, type TypeNames } from '../packages/intc/src/emit/type-names.js';
import type { IntegrationModel } from '../packages/intc/src/model/integration-model.js';
import { loadModel, withProtoNames } from './api-fixtures/models.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(repo, 'test', 'api-fixtures');

interface Case {
  readonly name: string;
  readonly manifest: string;
  /** A hand-made types.ts (until the real emitter lands); otherwise one open type per name. */
  readonly types?: string;
  readonly tweak?: (model: IntegrationModel) => IntegrationModel;
  readonly userFiles: readonly string[];
}

const cases: readonly Case[] = [
  {
    name: 'telegram',
    manifest: join(repo, 'fixtures/valid/telegram/integration.yaml'),
    types: join(fixtures, 'telegram/types.ts'),
    userFiles: ['index.ts.fixture', 'expect-errors.ts.fixture'],
  },
  {
    name: 'multi-config',
    manifest: join(repo, 'fixtures/valid/multi-config/integration.yaml'),
    types: join(fixtures, 'multi-config/types.ts'),
    userFiles: ['index.ts.fixture'],
  },
  { name: 'minimal', manifest: join(repo, 'fixtures/valid/minimal/integration.yaml'), userFiles: ['index.ts.fixture'] },
  { name: 'reserved', manifest: join(fixtures, 'reserved/integration.yaml'), tweak: withProtoNames, userFiles: ['index.ts.fixture'] },
];

/** `export interface <Name> { [key: string]: unknown }` for every type name. */
function openTypes(names: TypeNames): string {
  const all = [
    ...names.configurations.values(),
    ...[...names.actions.values()].flatMap((a) => [a.input, a.output]),
    ...[...names.messages.values()].flatMap((m) => [...m.values()]),
    ...names.events.values(),
    ...names.states.values(),
    ...names.entities.values(),
  ];
  return `export interface ${names.configuration} {}\n${all.map((name) => `export interface ${name} { [key: string]: unknown }\n`).join('')}`;
}

const VALIDATORS_STUB = `// Stand-in for the generated validators (only their type matters here).
import type { Validators } from '@intc/runtime';
export const validators: Validators = { configurations: {}, actions: {}, channels: {}, events: {}, states: {} };
`;

let work: string;
let rootFiles: string[];
/** The folders written: one per case, plus `<case>-emitted` with the real types.ts and validators.ts once their emitters exist. */
const folders: string[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'intc-api-'));
  writeFileSync(join(work, 'package.json'), '{ "type": "module" }\n');
  rootFiles = [];
  for (const c of cases) {
    const model = (c.tweak ?? ((m) => m))(loadModel(c.manifest));
    const names = typeNamesOf(model);
    const api = emitIntegrationApi(model, names);
    const handMade = c.types === undefined ? openTypes(names) : readFileSync(c.types, 'utf8');
    writeCase(c, c.name, [...api, { path: 'types.ts', content: handMade }, { path: 'validators.ts', content: VALIDATORS_STUB }]);
    const types = (await siblingOutput(() => emitSchemaTypes(model, names)))?.find((f) => f.path === 'types.ts');
    if (types === undefined) continue;
    const validators = (await siblingOutput(async () => emitValidators(model)))?.find((f) => f.path === 'validators.ts');
    writeCase(c, `${c.name}-emitted`, [...api, types, validators ?? { path: 'validators.ts', content: VALIDATORS_STUB }]);
  }
});

/**
 * The files of a sibling emitter (types, validators), or undefined while it
 * cannot give them yet: this test is about the integration API, the golden
 * tests about the whole generated folder.
 */
async function siblingOutput(run: () => Promise<GeneratedFile[]>): Promise<GeneratedFile[] | undefined> {
  try {
    return await run();
  } catch {
    return undefined;
  }
}

function writeCase(c: Case, folder: string, generatedFiles: readonly GeneratedFile[]): void {
  folders.push(folder);
  mkdirSync(join(work, folder, 'generated'), { recursive: true });
  mkdirSync(join(work, folder, 'src'));
  for (const file of generatedFiles) write(join(work, folder, 'generated', file.path), file.content);
  for (const userFile of c.userFiles) {
    write(join(work, folder, 'src', userFile.replace(/\.fixture$/, '')), readFileSync(join(fixtures, c.name, userFile), 'utf8'));
  }
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

function write(path: string, content: string): void {
  writeFileSync(path, content);
  if (path.endsWith('.ts')) rootFiles.push(path);
}

const strictOptions: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  declaration: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  types: [],
  skipLibCheck: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  noPropertyAccessFromIndexSignature: true,
  exactOptionalPropertyTypes: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  forceConsistentCasingInFileNames: true,
};

const resolutions: Record<string, ts.CompilerOptions> = {
  nodenext: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
  bundler: { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
};

function format(diagnostic: ts.Diagnostic): string {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return text;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${diagnostic.file.fileName.replace(work, '<work>')}:${line + 1}:${character + 1} ${text}`;
}

describe.each(Object.keys(resolutions))('generated API under moduleResolution %s', (resolution) => {
  it('type-checks under --strict, every @ts-expect-error met, declarations emit', () => {
    const options = { ...strictOptions, ...resolutions[resolution], paths: { '@intc/runtime': [join(repo, 'packages/runtime/src/index.ts')] } };
    const program = ts.createProgram(rootFiles, options);
    const generated = program.getSourceFiles().filter((f) => f.fileName.includes('/generated/'));
    const diagnostics = [
      ...ts.getPreEmitDiagnostics(program),
      ...generated.flatMap((file) => program.getDeclarationDiagnostics(file)),
    ];
    expect(diagnostics.map(format)).toEqual([]);
    expect(program.getSourceFile(join(repo, 'packages/runtime/src/index.ts'))).toBeDefined();
    expect(folders.length).toBeGreaterThanOrEqual(cases.length);
  });
});
