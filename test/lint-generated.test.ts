/**
 * What intc writes, as lint and format tools see it: every golden output and
 * the examples' generated and stub files pass typescript-eslint's
 * `recommended` rules as written; the stubs and index.ts intc creates are
 * laid out as Prettier's defaults lay them out; and after `prettier --write .`
 * over a project (its generated folder in .prettierignore, as the README
 * says), intc still works: `generate --check` passes, a new run rewrites
 * nothing, `status` lists the same TODO handlers, and new stubs, renames and
 * wiring still land, in the project's own style.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { format, type Options } from 'prettier';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { projectLayout } from '../packages/intc/src/generate/project-layout.js';
import { toIntegrationModel } from '../packages/intc/src/model/integration-model.js';
import { stubLayout } from '../packages/intc/src/stubs/stub-layout.js';
import { indexTemplate, stubTemplate } from '../packages/intc/src/stubs/stub-templates.js';
import { CLI, installRuntime, ROOT, VALID_DIR } from './fixture-harness.js';

const base = mkdtempSync(join(tmpdir(), 'intc-lint-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const PRETTIER = join(ROOT, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
const RECOMMENDED: Linter.Config[] = [...(tseslint.configs.recommended as Linter.Config[]), { linterOptions: { reportUnusedDisableDirectives: 'error' } }];

/** `file:line:col rule message` of every problem ESLint reports (warnings included) for `patterns` under `cwd`. */
async function lintProblems(cwd: string, patterns: string[]): Promise<{ files: number; problems: string[] }> {
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: RECOMMENDED });
  const results = await eslint.lintFiles(patterns);
  const problems = results.flatMap((result) =>
    result.messages.map((m) => `${relative(cwd, result.filePath)}:${m.line}:${m.column} ${m.ruleId ?? ''} ${m.message}`),
  );
  return { files: results.length, problems };
}

/** Every file under `dir` (node_modules left out), relative path → text. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const name = relative(dir, path).split('\\').join('/');
    if (!name.startsWith('node_modules/')) files.set(name, readFileSync(path, 'utf8'));
  }
  return files;
}

/** The files whose text differs between two snapshots (added and removed ones included), sorted. */
function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}

function run(cwd: string, command: string, ...args: string[]): { code: number; stdout: string } {
  const result = spawnSync(process.execPath, [command, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', INTC_NO_CACHE: '' } });
  return { code: result.status ?? -1, stdout: result.stdout + result.stderr };
}

const intc = (cwd: string, ...args: string[]) => run(cwd, CLI, ...args);
const prettier = (cwd: string, ...args: string[]) => run(cwd, PRETTIER, ...args);

/** The codes of `intc status --format json` and its TODO handlers. */
function status(dir: string): { codes: string[]; todo: string[] } {
  const result = intc(dir, 'status', '--format', 'json');
  expect(result.code, result.stdout).toBe(0);
  const report = JSON.parse(result.stdout) as { diagnostics: { code: string }[]; todo: { handlers: string[] }[] };
  return { codes: [...new Set(report.diagnostics.map((d) => d.code))], todo: report.todo.flatMap((t) => t.handlers) };
}

let counter = 0;
/** The telegram fixture, generated, with @intc/runtime installed and the generated folder kept from Prettier. */
function generatedProject(prettierConfig?: string): string {
  const dir = join(base, `p${++counter}`);
  cpSync(join(VALID_DIR, 'telegram'), dir, { recursive: true });
  installRuntime(dir);
  writeFileSync(join(dir, '.prettierignore'), 'src/generated/\n');
  if (prettierConfig !== undefined) writeFileSync(join(dir, '.prettierrc.json'), prettierConfig);
  const generated = intc(dir, 'generate');
  expect(generated.code, generated.stdout).toBe(0);
  // Implemented (so a rename moves this code, not a fresh stub), in the stub's style.
  const action = join(dir, 'src', 'actions', 'getUserProfile.ts');
  writeFileSync(action, readFileSync(action, 'utf8').replace(/\{\n[^]*\n\};\n$/, '{\n  void props;\n  throw new Error("Profiles come later.");\n};\n'));
  return dir;
}

/** `generate --check` passes, `generate` rewrites nothing (the run record aside), `status` lists the same TODO handlers and nothing else. */
function expectNothingNew(dir: string, todo: readonly string[]): void {
  const check = intc(dir, 'generate', '--check');
  expect(check.code, check.stdout).toBe(0);
  const settled = snapshot(dir);
  expect(intc(dir, 'generate').code).toBe(0);
  expect(changed(settled, snapshot(dir)).filter((name) => name !== 'src/generated/.intc-state.json')).toEqual([]);
  expect(status(dir)).toEqual({ codes: ['todo-handler'], todo });
}

/** The manifest with `getUserProfile` renamed (declared) and a new action, as a user would edit it; then generated. */
function editManifestAndGenerate(dir: string): void {
  const path = join(dir, 'integration.yaml');
  const manifest = readFileSync(path, 'utf8');
  expect(manifest).toContain('\n  getUserProfile:\n');
  const added = '  deleteMessage:\n    description: Delete a message\n    input: { schema: { type: object, properties: { id: { type: string } }, required: [id] } }\n    output: { schema: { type: object } }\n';
  writeFileSync(path, manifest.replace('\n  getUserProfile:\n', `\n${added}  profileOfUser:\n    renamedFrom: getUserProfile\n`));
  const edited = intc(dir, 'generate');
  expect(edited.code, edited.stdout).toBe(0);
}

describe('typescript-eslint recommended', () => {
  it('passes on every golden output and on the examples\' generated and stub files, as written', async () => {
    const { files, problems } = await lintProblems(ROOT, ['test/golden/**/*.ts', 'examples/*/src/**/*.ts']);
    expect(files).toBeGreaterThan(200);
    expect(problems).toEqual([]);
  }, PROJECT_TIMEOUT);
});

describe('Prettier', () => {
  it('leaves every stub and index.ts of the goldens as intc wrote them (its defaults)', async () => {
    const stubs = [...snapshot(join(ROOT, 'test', 'golden'))].filter(([name]) => name.endsWith('.ts') && !name.includes('/generated/'));
    expect(stubs.length).toBeGreaterThan(80);
    const reformatted: string[] = [];
    for (const [name, text] of stubs) if ((await format(text, { parser: 'typescript' })) !== text) reformatted.push(name);
    expect(reformatted).toEqual([]);
  });

  it('lays out a stub as it would at every line length around its 80-column breaks', async () => {
    const names = Array.from({ length: 36 }, (_, index) => `n${'x'.repeat(index)}`);
    const message = { schema: { type: 'object' } };
    const manifest = {
      name: 'x',
      version: '1.0.0',
      actions: Object.fromEntries(names.map((name) => [name, { input: message, output: message }])),
      channels: Object.fromEntries(names.map((name) => [name, { messages: { text: message } }])),
    };
    const model = toIntegrationModel(manifest, join(base, 'widths', 'integration.yaml'));
    const layout = stubLayout(model, projectLayout(model.manifestPath));
    const texts = [...layout.handlers.map(stubTemplate), indexTemplate(layout)];
    // Every layout is there: the handler on one line, its parameter broken out, the line broken after `=`; a long error message and a long wiring line broken.
    for (const layout of ['= async (props) => {\n', '= async (\n  props,\n) => {\n', ' =\n  async (props) => {\n', 'throw new Error(\n', ':\n      n']) {
      expect(texts.some((text) => text.includes(layout)), layout).toBe(true);
    }
    const differing: string[] = [];
    for (const text of texts) if ((await format(text, { parser: 'typescript' })) !== text) differing.push(text);
    expect(differing).toEqual([]);
  });
});

/** Each case runs intc and Prettier as processes a dozen times. */
const PROJECT_TIMEOUT = 180_000;

describe('after `prettier --write .` (the generated folder ignored), intc still works', () => {
  it('with Prettier\'s defaults: stubs are already formatted; check, generate and status see nothing new; new stubs and wiring stay formatted', async () => {
    const dir = generatedProject();
    const todo = status(dir).todo;
    expect(todo.length).toBeGreaterThan(10);
    const before = snapshot(dir);
    const formatted = prettier(dir, '--write', '.');
    expect(formatted.code, formatted.stdout).toBe(0);
    // Prettier formats the fixture's own YAML and Markdown; nothing intc wrote.
    expect(changed(before, snapshot(dir)).filter((name) => name.startsWith('src/'))).toEqual([]);

    expectNothingNew(dir, todo);

    editManifestAndGenerate(dir);
    expect(readFileSync(join(dir, 'src', 'actions', 'profileOfUser.ts'), 'utf8')).toContain('export const profileOfUserAction: ActionHandlers["profileOfUser"] =');
    expect(readFileSync(join(dir, 'src', 'index.ts'), 'utf8')).toContain('import { deleteMessageAction } from "./actions/deleteMessage.js";\n');
    expect(prettier(dir, '--check', 'src').code).toBe(0);
    expect(intc(dir, 'generate', '--check').code).toBe(0);
    expect(status(dir).codes).toEqual(['todo-handler']);

    const linted = await lintProblems(dir, ['src/**/*.ts']);
    expect(linted.files).toBeGreaterThan(20);
    expect(linted.problems).toEqual([]);
  }, PROJECT_TIMEOUT);

  it.each<[string, Options]>([
    ['single quotes, no semicolons, a bare lone parameter, tabs, 100 columns', { singleQuote: true, semi: false, arrowParens: 'avoid', useTabs: true, printWidth: 100 }],
    ['40 columns, no trailing commas', { printWidth: 40, trailingComma: 'none' }],
  ])('with %s: the reformatted stubs are still intc\'s, TODO and all; renames, annotations and wiring follow the new style', async (_name, options) => {
    const dir = generatedProject(JSON.stringify(options));
    const todo = status(dir).todo;
    const before = snapshot(dir);
    expect(prettier(dir, '--write', '.').code).toBe(0);
    const formatted = snapshot(dir);
    const stubs = changed(before, formatted).filter((name) => name.startsWith('src/'));
    expect(stubs).toContain('src/index.ts');
    expect(stubs.length).toBeGreaterThan(10);

    expectNothingNew(dir, todo);

    editManifestAndGenerate(dir);
    const quote = options.singleQuote ? "'" : '"';
    const moved = readFileSync(join(dir, 'src', 'actions', 'profileOfUser.ts'), 'utf8');
    expect(moved).toBe(formatted.get('src/actions/getUserProfile.ts')!.replace('getUserProfileAction', 'profileOfUserAction').replace(`[${quote}getUserProfile${quote}]`, `[${quote}profileOfUser${quote}]`));
    const index = readFileSync(join(dir, 'src', 'index.ts'), 'utf8');
    expect(index).toContain(`import { deleteMessageAction } from ${quote}./actions/deleteMessage.js${quote}${options.semi === false ? '' : ';'}\n`);
    expect(index).toMatch(/\bprofileOfUser:\s+profileOfUserAction,/);
    expect(index).not.toContain('getUserProfile');
    expect(intc(dir, 'generate', '--check').code).toBe(0);
    const after = status(dir);
    expect(after.codes).toEqual(['todo-handler']);
    expect([...after.todo].sort()).toEqual([...todo, 'deleteMessage'].sort());
  }, PROJECT_TIMEOUT);
});
