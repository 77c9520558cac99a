/**
 * `intc init [folder] [--template integration|interface|bot]`: the files of
 * each template, what they hold (scripts, pins, ignore entries, editor
 * settings), that nothing that exists is overwritten, the messages, and
 * `intc schema <kind>`. Then, end to end as a user gets it: the packed
 * tarballs (test/packed-tarballs.ts, shared with test/package.test.ts) installed,
 * `intc init` run from the installed package, and each template's project
 * `npm install && npm run build && npm test` as created (one install: the
 * three templates depend on the same packages).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorSettings, shippedSchemaPath } from '../packages/intc/src/init/editor-association.js';
import { projectFiles, starterNames, TEMPLATES, type Template } from '../packages/intc/src/init/project-files.js';
import { STARTER_TOOL_VERSIONS } from '../packages/intc/src/init/starter-versions.js';
import { kindFromFileName } from '../packages/intc/src/model/manifest-kind.js';
import { validate } from '../packages/intc/src/pipeline.js';
import { ROOT, runCli } from './fixture-harness.js';
import { npmInstall, ok, packedTarballs, sh, userEnv } from './packed-tarballs.js';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'packages', 'intc', 'package.json'), 'utf8')) as { version: string }).version;
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, any>;

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'intc-init-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }), 120_000);

/** A shell command line of npm scripts, without blocking the test process (stdout and stderr together). */
function npmRun(cwd: string, commandLine: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', commandLine], { cwd, env: { ...userEnv, NO_COLOR: '1' } });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** `intc init` in a new folder of `work`; returns the project folder and the run. */
function init(name: string, ...args: string[]) {
  const run = runCli(['init', name, ...args], work);
  return { folder: join(work, name), ...run };
}

const PROJECT_FILES = ['.gitattributes', '.gitignore', '.prettierignore', '.vscode/extensions.json', '.vscode/settings.json', 'eslint.config.js', 'package.json', 'tsconfig.build.json', 'tsconfig.json'];

describe('the files of each template', () => {
  it.each([
    ['integration', ['integration.yaml', 'src/actions/greet.ts', 'test/greet.test.ts']],
    ['interface', ['example/integration.yaml', 'example/src/actions/greet.ts', 'interface.yaml', 'test/greet.test.ts']],
    ['bot', ['bot.yaml', 'integrations/greeter/integration.yaml', 'integrations/greeter/src/actions/greet.ts', 'test/bot.test.ts']],
  ] as const)('%s: the starter and the project around it, sorted', (template, own) => {
    const paths = projectFiles(template, { name: 'acme', title: 'Acme' }, VERSION).map((file) => file.path);
    expect(paths).toEqual([...PROJECT_FILES, ...own].sort());
  });

  it.each(TEMPLATES)('%s: every starter manifest validates with no error and no warning', (template) => {
    const { folder, status, stderr } = init(`valid-${template}`, '--template', template);
    expect(status, stderr).toBe(0);
    const manifests = projectFiles(template, starterNames(folder, template), VERSION).filter((file) => kindFromFileName(file.path) !== undefined);
    expect(manifests.length).toBeGreaterThan(0);
    const { diagnostics } = validate(manifests.map((file) => join(folder, file.path)));
    expect(diagnostics.map((d) => `${d.location.file}:${d.location.start.line} ${d.code}: ${d.message}`)).toEqual([]);
  });

  it('names the project after its folder, as a manifest name allows', () => {
    expect(starterNames('/x/My Greeter', 'integration')).toEqual({ name: 'my-greeter', title: 'My Greeter' });
    expect(starterNames('/x/acme_CRM.sync', 'bot')).toEqual({ name: 'acme-crm-sync', title: 'Acme Crm Sync' });
    expect(starterNames('/x/42', 'bot')).toEqual({ name: 'my-bot', title: 'My Bot' });
  });

  it('package.json: ESM, generate before build and test, intc and the runtime at this version, tools pinned to the versions this repository runs on Node 20', () => {
    const { folder } = init('acme-tickets');
    const pkg = readJson(join(folder, 'package.json'));
    expect(pkg).toMatchObject({ name: 'acme-tickets', type: 'module', private: true, engines: { node: '>=20' }, allowScripts: { esbuild: true } });
    expect(pkg.scripts).toEqual({
      prebuild: 'intc generate',
      build: 'tsc -p tsconfig.build.json',
      pretest: 'intc generate',
      test: 'tsc && vitest run',
      status: 'intc status',
    });
    expect(pkg.dependencies).toEqual({ '@intc/runtime': VERSION });
    expect(pkg.devDependencies).toEqual({ intc: VERSION, ...STARTER_TOOL_VERSIONS });
    expect(Object.keys(pkg.devDependencies)).toEqual(Object.keys(pkg.devDependencies).sort());
    for (const [name, version] of Object.entries(STARTER_TOOL_VERSIONS)) {
      expect(readJson(join(ROOT, 'node_modules', name, 'package.json')).version, name).toBe(version);
    }
    const manifest = readFileSync(join(folder, 'integration.yaml'), 'utf8');
    expect(manifest).toContain('\nname: acme-tickets\n');
    expect(manifest).toContain('\ntitle: Acme Tickets\n');
  });

  it('tsconfig: strict, nodenext; the build emits only the handlers', () => {
    const { folder } = init('tsconfig-check');
    const tsconfig = readJson(join(folder, 'tsconfig.json'));
    expect(tsconfig.compilerOptions).toMatchObject({ strict: true, module: 'nodenext', moduleResolution: 'nodenext', noEmit: true, verbatimModuleSyntax: true });
    expect(tsconfig.include).toEqual(['src', 'test']);
    expect(readJson(join(folder, 'tsconfig.build.json'))).toEqual({ extends: './tsconfig.json', compilerOptions: { noEmit: false, outDir: 'dist', rootDir: 'src' }, include: ['src'] });
  });

  it.each([
    ['integration', ['src/generated/']],
    ['interface', ['example/src/generated/']],
    ['bot', ['src/generated/', 'integrations/*/src/generated/']],
  ] as const)('%s: git ignores the run record; Prettier and ESLint leave the generated folders alone', async (template, generated) => {
    const { folder } = init(`ignores-${template}`, '--template', template);
    const lines = (file: string) => readFileSync(join(folder, file), 'utf8').split('\n');
    expect(lines('.gitignore')).toEqual(expect.arrayContaining(['node_modules/', 'dist/', '.intc-state.json']));
    expect(lines('.prettierignore')).toEqual(expect.arrayContaining([...generated, 'dist/']));
    expect(lines('.gitattributes')).toEqual(expect.arrayContaining(generated.map((path) => `${path}** linguist-generated=true`)));
    const eslint = (await import(pathToFileURL(join(folder, 'eslint.config.js')).href)) as { default: { ignores?: string[] }[] };
    expect(eslint.default).toEqual([{ ignores: [...generated, 'dist/'] }]);
  });

  it('editor settings associate each kind of manifest with its installed schema by file name, at any depth', () => {
    const { folder } = init('editor-settings');
    const settings = readJson(join(folder, '.vscode', 'settings.json'));
    expect(settings).toEqual(editorSettings());
    expect(readJson(join(folder, '.vscode', 'extensions.json'))).toEqual({ recommendations: ['redhat.vscode-yaml'] });
    const yamlSchemas = settings['yaml.schemas'] as Record<string, string[]>;
    expect(Object.keys(yamlSchemas)).toEqual(['integration', 'interface', 'bot'].map((kind) => `./node_modules/intc/schema/${kind}.schema.json`));
    // The globs name what intc itself reads as that kind (no folder in them: the YAML server matches them at any depth).
    for (const [schema, globs] of Object.entries(yamlSchemas)) {
      const kind = /(\w+)\.schema\.json$/.exec(schema)![1];
      expect(globs.map((glob) => kindFromFileName(glob.replace('*', 'slack')))).toEqual(globs.map(() => kind));
      expect(globs.every((glob) => !glob.includes('/'))).toBe(true);
    }
    expect(settings['json.schemas']).toContainEqual({ fileMatch: ['integration.json', '*.integration.json'], url: './node_modules/intc/schema/integration.schema.json' });
  });

  it.each(TEMPLATES)('%s: what init writes, and what its prebuild generates, pass prettier --check (Prettier defaults) and typescript-eslint recommended', async (template) => {
    const { folder } = init(`prettier-${template}`, '--template', template);
    const prettierCheck = () => spawnSync(process.execPath, [join(ROOT, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--check', '.'], { cwd: folder, encoding: 'utf8' });
    const before = prettierCheck();
    expect(before.status, before.stdout + before.stderr).toBe(0);
    // The prebuild script's intc commands, as npm would run them.
    for (const command of (readJson(join(folder, 'package.json')).scripts.prebuild as string).split(' && ')) {
      const [tool, ...args] = command.split(' ');
      expect(tool).toBe('intc');
      expect(runCli(args, folder).status).toBe(0);
    }
    expect(existsSync(join(folder, template === 'interface' ? 'example' : '.', 'src', 'index.ts'))).toBe(true);
    const after = prettierCheck();
    expect(after.status, after.stdout + after.stderr).toBe(0);
    // typescript-eslint's recommended rules pass on every TypeScript file there, the generated folders included.
    const eslint = new ESLint({ cwd: folder, overrideConfigFile: true, overrideConfig: [...(tseslint.configs.recommended as Linter.Config[]), { linterOptions: { reportUnusedDisableDirectives: 'error' } }] });
    const results = await eslint.lintFiles(['**/*.ts']);
    expect(results.length).toBeGreaterThan(3);
    expect(results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}:${m.column} ${m.ruleId} ${m.message}`))).toEqual([]);
  });
});

describe('intc init: never overwrites, says what it did', () => {
  it('creates the folder, lists every file it created, and prints the next steps', () => {
    const { folder, status, stdout, stderr } = init('fresh');
    expect(status, stderr).toBe(0);
    expect(stdout).toContain(`Created an integration project in ${folder}:\n`);
    for (const file of projectFiles('integration', starterNames(folder, 'integration'), VERSION)) {
      expect(stdout).toContain(`  created  ${file.path}\n`);
      expect(readFileSync(join(folder, file.path), 'utf8')).toBe(file.text);
    }
    expect(stdout).toMatch(/\nNext:\n {2}cd fresh\n {2}npm install\n {2}npm run build .*\n {2}npm test .*\n/);
  });

  it('leaves every file that exists as it is, says which it skipped, and writes the others', () => {
    const folder = join(work, 'existing');
    mkdirSync(join(folder, '.vscode'), { recursive: true });
    writeFileSync(join(folder, 'package.json'), '{ "name": "mine" }\n');
    writeFileSync(join(folder, '.vscode', 'settings.json'), '{ "editor.tabSize": 8 }\n');
    const run = runCli(['init', '--template', 'bot'], folder);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(folder, 'package.json'), 'utf8')).toBe('{ "name": "mine" }\n');
    expect(readFileSync(join(folder, '.vscode', 'settings.json'), 'utf8')).toBe('{ "editor.tabSize": 8 }\n');
    expect(run.stdout).toContain('  skipped  package.json (exists; intc init never overwrites a file)\n');
    expect(run.stdout).toContain('  skipped  .vscode/settings.json (exists; intc init never overwrites a file)\n');
    expect(run.stdout).toContain('  created  bot.yaml\n');
    expect(run.stdout).not.toContain('cd '); // it ran in the project's folder
    expect(existsSync(join(folder, 'integrations', 'greeter', 'integration.yaml'))).toBe(true);

    const again = runCli(['init', '--template', 'bot'], folder);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^Nothing created in .*existing:\n/);
    expect(again.stdout).not.toContain('  created');
  });

  it("with a manifest of your own, writes no handler or test of the starter's manifest", () => {
    const folder = join(work, 'own-manifest');
    mkdirSync(folder);
    writeFileSync(join(folder, 'integration.yaml'), 'name: mine\nversion: 1.0.0\n');
    const run = runCli(['init'], folder);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(folder, 'integration.yaml'), 'utf8')).toBe('name: mine\nversion: 1.0.0\n');
    expect(run.stdout).toContain('  skipped  integration.yaml (exists; intc init never overwrites a file)\n');
    expect(run.stdout).toContain('  skipped  src/actions/greet.ts (goes with the starter integration.yaml, which was not written)\n');
    expect(run.stdout).toContain('  skipped  test/greet.test.ts (goes with the starter integration.yaml, which was not written)\n');
    expect(existsSync(join(folder, 'src'))).toBe(false);
    expect(existsSync(join(folder, 'package.json'))).toBe(true);
  });

  it.each([
    [['--template', 'plugin'], "Option '--template' takes integration, interface or bot, not 'plugin'."],
    [['a', 'b'], 'intc init creates one project; 2 folders given.'],
    [['package.json'], "'package.json' is a file; name a folder (it is created when missing)."],
    [['--templat', 'bot'], "'--templat'"],
  ])('a bad command line (%j) is a usage error that writes nothing', (args, message) => {
    const folder = join(work, `usage-${args.join('-')}`);
    mkdirSync(folder);
    writeFileSync(join(folder, 'package.json'), '{}\n');
    const run = runCli(['init', ...args], folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
    expect(existsSync(join(folder, '.gitignore'))).toBe(false);
  });
});

describe('intc schema <kind>', () => {
  it.each(['integration', 'interface', 'bot'])('%s: prints the absolute path of the shipped schema', (kind) => {
    const run = runCli(['schema', kind], work);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe(`${join(ROOT, 'packages', 'intc', 'schema', `${kind}.schema.json`)}\n`);
    expect(shippedSchemaPath(kind)).toBe(run.stdout.trim());
  });

  it('an unknown kind is a usage error that lists the kinds', () => {
    const run = runCli(['schema', 'plugin'], work);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/No schema for 'plugin': the kinds are (?:[a-z-]+, )*bot, (?:[a-z-]+, )*integration, interface/);
    expect(runCli(['schema', '../package'], work).status).toBe(2);
  });
});

describe('end to end: the packed intc inits projects that install, build and test as created', { timeout: 300_000 }, () => {
  let app: string;
  let install: string;

  beforeAll(async () => {
    const { tarball, runtimeTarball, project } = await packedTarballs();
    // As a user runs it: the intc installed in a project (npx finds it there).
    const created = sh('npx', ['--no', '--', 'intc', 'init', join(work, 'e2e', 'integration')], project);
    ok(created, 'intc init');
    app = join(work, 'e2e', 'integration');
    const pkg = readJson(join(app, 'package.json'));
    expect([pkg.dependencies['@intc/runtime'], pkg.devDependencies.intc]).toEqual([VERSION, VERSION]);
    // The registry does not have this version yet: the same packages, from the tarballs.
    pkg.dependencies['@intc/runtime'] = `file:${runtimeTarball}`;
    pkg.devDependencies.intc = `file:${tarball}`;
    writeFileSync(join(app, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
    const installed = npmInstall(app);
    install = ok(installed, 'npm install') + installed.stderr;
  }, 300_000);

  it('integration: npm run build generates and compiles, npm test passes the starter test', () => {
    expect(install).not.toMatch(/\bERR!|install-scripts/);
    const build = sh('npm', ['run', 'build'], app);
    expect(build.status, build.stdout + build.stderr).toBe(0);
    expect(build.stdout).toMatch(/Generated \d+ files \(\d+ written, 0 unchanged\), 4 handler stubs created\./);
    expect(existsSync(join(app, 'dist', 'index.js'))).toBe(true);
    const test = sh('npm', ['test'], app);
    expect(test.status, test.stdout + test.stderr).toBe(0);
    expect(test.stdout).toMatch(/Tests\s+3 passed \(3\)/);
  });

  // Concurrently (it.concurrent): each waits on its own npm, tsc and vitest processes.
  it.concurrent.each(['interface', 'bot'] as const)('%s: builds and tests with the same installed packages', async (template: Template) => {
    const folder = join(work, 'e2e', template);
    ok(sh(process.execPath, [join(app, 'node_modules', 'intc', 'bin', 'intc.cjs'), 'init', folder, '--template', template], work), 'intc init');
    const pkg = readJson(join(folder, 'package.json'));
    expect(pkg.dependencies).toEqual({ '@intc/runtime': VERSION });
    expect(pkg.devDependencies).toEqual({ intc: VERSION, ...STARTER_TOOL_VERSIONS });
    symlinkSync(join(app, 'node_modules'), join(folder, 'node_modules'), 'dir');
    const run = await npmRun(folder, 'npm run build && npm test');
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/Tests\s+\d+ passed/);
  });
});
