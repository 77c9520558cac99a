/**
 * `npm pack` gives a tarball that works for a user: installed into a fresh
 * project, its CLI, its library entry point and its schemas all work.
 *
 * The pack runs on a clean copy of the repository (without dist/ and the
 * generated validators, node_modules linked), so it proves that `prepare`
 * builds everything from source, and it does not rewrite dist/ under the
 * other test files that run in parallel.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; files: string[] };

const TIMEOUT = 180_000;
const STACK_FRAME = /\n\s+at .+:\d+:\d+\)?/;

/** The environment of a user's shell: no lifecycle variables of the `npm test` running us. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_(lifecycle|package)_/i.test(key) && key !== 'INIT_CWD'),
) as NodeJS.ProcessEnv;

function sh(command: string, args: readonly string[], cwd: string, timeout = 120_000): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env: { ...env, NO_COLOR: '1' }, encoding: 'utf8', timeout });
}

function ok(result: SpawnSyncReturns<string>, what: string): string {
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${what} exited ${result.status}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

let work: string;
let tarball: string;
let entries: string[];
let project: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'intc-pack-'));
  const repo = join(work, 'repo');
  const skip = new Set(['node_modules', '.git', 'dist', '.ci'].map((name) => join(root, name)));
  const generated = join(root, 'src', 'meta', 'compiled.generated.ts');
  cpSync(root, repo, {
    recursive: true,
    filter: (source) => !skip.has(source) && source !== generated && !source.endsWith('.tgz'),
  });
  symlinkSync(join(root, 'node_modules'), join(repo, 'node_modules'), 'dir');

  const out = join(work, 'out');
  mkdirSync(out);
  ok(sh('npm', ['pack', '--pack-destination', out], repo), 'npm pack');
  const tgz = readdirSync(out).filter((f) => f.endsWith('.tgz'));
  expect(tgz).toEqual([`${pkg.name}-${pkg.version}.tgz`]);
  tarball = join(out, tgz[0]!);
  entries = ok(sh('tar', ['-tzf', tarball], work), 'tar -tzf')
    .split('\n')
    .filter(Boolean)
    .map((e) => e.replace(/^package\//, ''));

  project = join(work, 'project');
  mkdirSync(project);
  ok(sh('npm', ['init', '-y'], project), 'npm init');
  ok(sh('npm', ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline'], project, 150_000), 'npm install');
}, TIMEOUT);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
}, 60_000);

describe('npm pack', { timeout: TIMEOUT }, () => {
  it('ships dist/, bin/, schema/ and README, and no tests, fixtures or TypeScript sources', () => {
    for (const file of ['package.json', 'README.md', 'bin/intc.cjs', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/meta/compiled.generated.js']) {
      expect(entries, file).toContain(file);
    }
    for (const schema of ['integration', 'interface', 'bot']) expect(entries).toContain(`schema/${schema}.schema.json`);
    expect(entries.filter((e) => /^(test|fixtures|src|scripts)\//.test(e))).toEqual([]);
    expect(entries.filter((e) => e.endsWith('.ts') && !e.endsWith('.d.ts'))).toEqual([]);
    expect(entries).not.toContain('src/meta/compiled.generated.ts');
  });

  it('ships every entry its package.json `files` lists', () => {
    const missing = pkg.files.filter((f) => !entries.some((e) => e === f || e.startsWith(`${f}/`)));
    expect(missing, `listed in package.json "files" but not in the tarball`).toEqual([]);
  });

  it("`npx intc --version` prints package.json's version", () => {
    const result = sh('npx', ['--no', '--', 'intc', '--version'], project);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(pkg.version);
  });

  it('`npx intc validate <telegram>` exits 0', () => {
    cpSync(join(root, 'fixtures', 'valid', 'telegram'), join(project, 'telegram'), { recursive: true });
    const result = sh('npx', ['--no', '--', 'intc', 'validate', 'telegram'], project);
    expect(result.stdout + result.stderr).not.toContain('internal compiler error');
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Found 0 errors/);
  });

  it('`npx intc import` loads its bundle and esbuild from the installed package', () => {
    const bp = join(project, 'bp');
    cpSync(join(root, 'fixtures', 'import'), bp, { recursive: true });
    mkdirSync(join(bp, 'node_modules', '@botpress'), { recursive: true });
    symlinkSync(join(root, 'node_modules', '@botpress', 'sdk'), join(bp, 'node_modules', '@botpress', 'sdk'), 'dir');
    const result = sh('npx', ['--no', '--', 'intc', 'import', join('bp', 'integrations', 'tickets')], project);
    expect(result.stdout + result.stderr).not.toContain('internal compiler error');
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(readFileSync(join(bp, 'integrations', 'tickets', 'integration.yaml'), 'utf8')).toMatch(/^name: tickets$/m);
    const check = sh('npx', ['--no', '--', 'intc', 'validate', join('bp', 'integrations', 'tickets')], project);
    expect(check.status, check.stdout).toBe(0);
  });

  it('an invalid manifest exits 1 with a located error', () => {
    mkdirSync(join(project, 'bad'), { recursive: true });
    writeFileSync(join(project, 'bad', 'integration.yaml'), 'name: acme\nversion: 1.0.0\ndescription: x\nactions:\n  Send_Message:\n    input: { schema: { type: object } }\n    output: { schema: { type: object } }\n');
    const result = sh('npx', ['--no', '--', 'intc', 'validate', 'bad'], project);
    expect(result.status, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^bad\\${sep}integration\\.yaml:5:3 - error [a-z-]+: .*Send_Message`, 'm'));
    expect(result.stdout + result.stderr).not.toMatch(STACK_FRAME);
  });

  it('a new project: generate → tsc --strict passes; a re-run changes nothing; edits survive; --check tells fresh from stale', () => {
    const app = join(project, 'app');
    cpSync(join(root, 'fixtures', 'valid', 'telegram'), app, { recursive: true });
    writeFileSync(join(app, 'package.json'), '{ "name": "app", "private": true, "type": "module" }\n');
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: [], noUnusedLocals: true, noUnusedParameters: true, skipLibCheck: false }, include: ['src'] }),
    );
    const intc = (...args: string[]) => sh('npx', ['--no', '--', 'intc', ...args], app);
    const tsc = () => sh(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], app);

    const first = intc('generate');
    expect(first.status, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toMatch(/handler stubs? created/);
    const firstCheck = tsc();
    expect(firstCheck.status, firstCheck.stdout).toBe(0);

    const before = readFileSync(join(app, 'src', 'generated', 'types.ts'), 'utf8');
    const again = intc('generate');
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/Nothing changed/);
    expect(readFileSync(join(app, 'src', 'generated', 'types.ts'), 'utf8')).toBe(before);
    expect(intc('generate', '--check').status).toBe(0);

    const stub = join(app, 'src', 'actions', 'sendMessage.ts');
    const edited = readFileSync(stub, 'utf8').replace(/throw new Error\([^;]*;/, "return { messageId: String(Date.now()) }; // mine");
    writeFileSync(stub, edited);
    const manifest = join(app, 'integration.yaml');
    const ping = '  ping:\n    description: Checks the API\n    input: { schema: { type: object } }\n    output: { schema: { type: object, properties: { ok: { type: boolean } }, required: [ok] } }\n';
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('\nactions:\n', `\nactions:\n${ping}`));
    const stale = intc('generate', '--check');
    expect(stale.status, stale.stdout).toBe(1);
    expect(existsSync(join(app, 'src', 'actions', 'ping.ts'))).toBe(false);
    const regenerated = intc('generate');
    expect(regenerated.status, regenerated.stdout + regenerated.stderr).toBe(0);
    expect(readFileSync(stub, 'utf8')).toBe(edited);
    expect(readFileSync(join(app, 'src', 'actions', 'ping.ts'), 'utf8')).toContain("ActionHandlers['ping']");
    expect(readFileSync(join(app, 'src', 'index.ts'), 'utf8')).toContain('ping: pingAction');
    const secondCheck = tsc();
    expect(secondCheck.status, secondCheck.stdout).toBe(0);
  });

  it('interfaces and bots in a new project: an integration extending two interfaces and a bot with two aliases generate and type-check; wrong usages fail', () => {
    const workspace = join(project, 'workspace');
    cpSync(join(root, 'fixtures', 'valid', 'crud'), workspace, { recursive: true });
    cpSync(join(root, 'fixtures', 'valid', 'telegram'), join(workspace, 'telegram'), { recursive: true });
    mkdirSync(join(workspace, 'bot'));
    writeFileSync(
      join(workspace, 'bot', 'bot.yaml'),
      [
        'name: helpdesk',
        'integrations:',
        '  main:',
        '    integration: ../telegram',
        "    configuration: { botToken: '${MAIN_TOKEN}' }",
        '  alerts:',
        '    integration: ../telegram',
        "    configuration: { botToken: '${ALERTS_TOKEN}' }",
        '    disabledChannels: [channel]',
        '  issues:',
        '    integration: ../tracker',
        "    configuration: { apiToken: '${TRACKER_TOKEN}' }",
        '',
      ].join('\n'),
    );
    writeFileSync(join(workspace, 'package.json'), '{ "name": "workspace", "private": true, "type": "module" }\n');
    // What a developer writes against the output; each wrong usage must be a compile error.
    writeFileSync(
      join(workspace, 'usage.ts'),
      [
        "import { Bot, type BotClient } from './bot/src/generated/index.js';",
        "import { issueList, type ActionHandlers } from './tracker/src/generated/index.js';",
        "export const listAs: 'issueList' = issueList.mapping.actions.list;",
        'export async function use(client: BotClient): Promise<void> {',
        "  const page = await client.issues.actions.issueList({});",
        '  void page.items.map((issue) => issue.title);',
        "  await client.alerts.actions.sendMessage({ chatId: '1', text: 'Alert' });",
        '  // @ts-expect-error chatId must be a string',
        "  await client.main.actions.sendMessage({ chatId: 1, text: 'Hi' });",
        '  // @ts-expect-error the alerts alias disabled its channel',
        "  await client.alerts.sendMessage({ channel: 'channel', conversationId: 'c', type: 'text', payload: { text: 'x' } });",
        '}',
        '// @ts-expect-error projectList must list projects, not issues',
        "export const wrong: ActionHandlers['projectList'] = async () => ({ items: [{ id: 'i', title: 't', state: 'open' }], meta: {} });",
        'export const bot = new Bot({',
        "  // @ts-expect-error the alerts alias has no channel to handle",
        "  messages: { alerts: { channel: { text: async () => {} } } },",
        '});',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(workspace, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: [], noUnusedLocals: true, noUnusedParameters: true, exactOptionalPropertyTypes: true, skipLibCheck: false }, include: ['usage.ts', 'tracker/src', 'bot/src'] }),
    );
    const generated = sh('npx', ['--no', '--', 'intc', 'generate', 'tracker', 'bot'], workspace);
    expect(generated.status, generated.stdout + generated.stderr).toBe(0);
    expect(existsSync(join(workspace, 'tracker', 'src', 'generated', 'interfaces', 'issueDelete.ts'))).toBe(true);
    expect(existsSync(join(workspace, 'bot', 'src', 'generated', 'bot.ts'))).toBe(true);
    const checked = sh(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], workspace);
    expect(checked.status, checked.stdout).toBe(0);
    const again = sh('npx', ['--no', '--', 'intc', 'generate', 'tracker', 'bot'], workspace);
    expect(again.stdout).toMatch(/Nothing changed/);
  });

  it('the library imports as ESM and its validate() returns located diagnostics', () => {
    const script = `import('intc').then((m) => {
      const r = m.validate([process.argv[1]]);
      console.log(JSON.stringify({
        validate: typeof m.validate,
        diagnostics: r.diagnostics.map((d) => ({ code: d.code, severity: d.severity, file: d.location.file, line: d.location.start.line, column: d.location.start.column })),
      }));
    });`;
    const out = ok(sh('node', ['-e', script, join(project, 'bad', 'integration.yaml')], project), 'node -e import(intc)');
    const report = JSON.parse(out) as { validate: string; diagnostics: { code: string; severity: string; file: string; line: number; column: number }[] };
    expect(report.validate).toBe('function');
    const errors = report.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors).toContainEqual(expect.objectContaining({ file: join(project, 'bad', 'integration.yaml'), line: 5, column: 3 }));

    const clean = JSON.parse(ok(sh('node', ['-e', script, join(project, 'telegram', 'integration.yaml')], project), 'node -e import(intc)')) as typeof report;
    expect(clean.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('the library resolves with types', () => {
    expect(existsSync(join(project, 'node_modules', 'intc', 'dist', 'index.d.ts'))).toBe(true);
  });

  it('the schemas resolve from the installed package, at the path the README gives', () => {
    const installed = join(project, 'node_modules', 'intc', 'schema', 'integration.schema.json');
    expect(existsSync(installed)).toBe(true);
    for (const kind of ['integration', 'interface', 'bot']) {
      expect(readFileSync(join(project, 'node_modules', 'intc', 'schema', `${kind}.schema.json`), 'utf8')).toBe(
        readFileSync(join(root, 'schema', `${kind}.schema.json`), 'utf8'),
      );
    }
    // Through the package's `exports` too.
    const resolved = ok(
      sh('node', ['--input-type=module', '-e', "console.log(import.meta.resolve('intc/schema/integration.schema.json'))"], project),
      'import.meta.resolve',
    ).trim();
    expect(fileURLToPath(resolved)).toBe(installed);

    // The modeline the installed README tells users to write, resolved from the project root.
    const readme = readFileSync(join(project, 'node_modules', 'intc', 'README.md'), 'utf8');
    const modelines = [...readme.matchAll(/\$schema[=:]\s*"?(\.\/node_modules\/intc\/schema\/[\w.-]+\.json)/g)].map((m) => m[1]!);
    expect(modelines.length).toBeGreaterThanOrEqual(1);
    for (const path of modelines) {
      expect(existsSync(resolve(project, path)), `${path} (from the README) does not resolve`).toBe(true);
    }
    expect(modelines).toContain('./node_modules/intc/schema/integration.schema.json');
  });

  it('installs only runtime dependencies (no dev tools pulled in)', () => {
    const modules = readdirSync(join(project, 'node_modules'));
    expect(modules).toContain('intc');
    for (const dev of ['vitest', 'typescript']) expect(modules, dev).not.toContain(dev);
    expect(existsSync(join(project, 'node_modules', '@botpress', 'sdk')), '@botpress/sdk (a devDependency; import uses the project\'s own)').toBe(false);
    // esbuild is a dependency of the compiler (intc import bundles a definition); it is loaded only by that command.
    // json-schema-to-typescript depends on @types/json-schema and @types/lodash; no other @types come in.
    const types = existsSync(join(project, 'node_modules', '@types')) ? readdirSync(join(project, 'node_modules', '@types')) : [];
    expect(types.filter((name) => !['json-schema', 'lodash'].includes(name))).toEqual([]);
    expect(relative(project, tarball).startsWith('..')).toBe(true);
    expect(basename(tarball)).toBe(`intc-${pkg.version}.tgz`);
  });
});
