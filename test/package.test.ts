/**
 * `npm pack --workspaces` gives the three tarballs a user installs: `intc` (the
 * compiler, a devDependency), `@intc/runtime` (what generated code
 * imports, a dependency) and `@intc/host` (the HTTP host, a dependency of a
 * project that is served: `intc-host serve` runs it without the compiler). Installed into fresh projects, the CLI, the library
 * and the schemas work; the runtime alone installs in at most 2 MB with no
 * dependencies; an ESM project and a CommonJS project each generate the
 * Telegram example, build it with tsc and run it with node against a fake Bot
 * API; and no install warns about a lifecycle script of ours.
 *
 * The tarballs and the project that installed both come from
 * test/packed-tarballs.ts (packed once per run, from a clean copy of the
 * repository, and shared with the other files that install them); the ESM and
 * CommonJS projects are folders below that project, each with its own
 * package.json.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmInstall, ok, packedTarballs, root, sh, userEnv } from './packed-tarballs.js';

interface PackageJson {
  name: string;
  version: string;
  files: string[];
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
}
const readPackage = (folder: string) => JSON.parse(readFileSync(join(root, 'packages', folder, 'package.json'), 'utf8')) as PackageJson;
const pkg = readPackage('intc');
const runtimePkg = readPackage('runtime');
const hostPkg = readPackage('host');

const TIMEOUT = 240_000;
const STACK_FRAME = /\n\s+at .+:\d+:\d+\)?/;
/** The most the runtime may take on disk, installed with its dependencies (`du -sk node_modules`). */
const RUNTIME_INSTALL_LIMIT_KB = 2048;
/** Scripts npm runs when a package is installed. */
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare'];

const tsc = (cwd: string, ...args: string[]) => sh(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), ...args], cwd);

/** A tarball's file list, without the `package/` prefix. */
function tarEntries(file: string): string[] {
  return ok(sh('tar', ['-tzf', file], dirname(file)), 'tar -tzf')
    .split('\n')
    .filter(Boolean)
    .map((e) => e.replace(/^package\//, ''));
}

/** A file of a tarball, read from its unpacked copy beside it (`<tarball>.unpacked/`). */
function tarFile(file: string, entry: string): string {
  const unpacked = `${file}.unpacked`;
  if (!existsSync(unpacked)) {
    mkdirSync(unpacked);
    ok(sh('tar', ['-xzf', file, '-C', unpacked], dirname(file)), 'tar -xzf');
  }
  return readFileSync(join(unpacked, 'package', entry), 'utf8');
}

/** npm's warnings about install scripts that name one of our packages. */
function ourInstallScriptWarnings(output: string): string[] {
  return output.split('\n').filter((line) => /install-scripts|allowScripts/.test(line) && /\b(?:@intc\/runtime|intc)@/.test(line));
}

let work: string;
let tarball: string;
let runtimeTarball: string;
let entries: string[];
let runtimeEntries: string[];
let hostTarball: string;
let hostEntries: string[];
/** What installing @intc/host into the project printed. */
let hostInstall: string;
/** A project with both tarballs installed (intc as a devDependency, @intc/runtime as a dependency). */
let project: string;
let projectInstall: string;
/** A project with only @intc/runtime installed. */
let runtimeOnly: string;
let runtimeInstall: string;

beforeAll(async () => {
  ({ tarball, runtimeTarball, hostTarball, hostInstall, project, projectInstall } = await packedTarballs());
  entries = tarEntries(tarball);
  hostEntries = tarEntries(hostTarball);
  runtimeEntries = tarEntries(runtimeTarball);

  work = mkdtempSync(join(tmpdir(), 'intc-pack-'));
  runtimeOnly = join(work, 'runtime-only');
  mkdirSync(runtimeOnly);
  ok(sh('npm', ['init', '-y'], runtimeOnly), 'npm init');
  const runtimeRun = npmInstall(runtimeOnly, runtimeTarball);
  runtimeInstall = ok(runtimeRun, 'npm install (the runtime)') + runtimeRun.stderr;
}, TIMEOUT);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
}, 60_000);

describe('npm pack --workspaces', { timeout: TIMEOUT }, () => {
  it('intc ships dist/, bin/, schema/ and README, and no tests, fixtures or TypeScript sources', () => {
    for (const file of ['package.json', 'README.md', 'LICENSE', 'bin/intc.cjs', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/intc.cjs', 'dist/intc-fast.cjs', 'dist/meta/compiled.generated.js']) {
      expect(entries, file).toContain(file);
    }
    for (const schema of ['integration', 'interface', 'bot']) expect(entries).toContain(`schema/${schema}.schema.json`);
    expect(entries.filter((e) => /^(test|fixtures|src|scripts|examples|packages)\//.test(e))).toEqual([]);
    expect(entries.filter((e) => e.endsWith('.ts') && !e.endsWith('.d.ts'))).toEqual([]);
    expect(entries.filter((e) => e.startsWith('dist/runtime/')), 'the runtime is its own package').toEqual([]);
  });

  it('@intc/runtime ships ESM and CommonJS builds with declarations, its notices, and no sources or maps', () => {
    for (const file of ['package.json', 'README.md', 'LICENSE', 'THIRD_PARTY_NOTICES.md', 'dist/esm/index.js', 'dist/esm/index.d.ts', 'dist/cjs/index.js', 'dist/cjs/index.d.ts', 'dist/cjs/package.json']) {
      expect(runtimeEntries, file).toContain(file);
    }
    expect(JSON.parse(tarFile(runtimeTarball, 'dist/cjs/package.json'))).toEqual({ type: 'commonjs' });
    expect(runtimeEntries.filter((e) => !/^(dist\/(esm|cjs)\/|package\.json$|README\.md$|LICENSE$|THIRD_PARTY_NOTICES\.md$)/.test(e))).toEqual([]);
    expect(runtimeEntries.filter((e) => e.endsWith('.map') || (e.endsWith('.ts') && !e.endsWith('.d.ts')))).toEqual([]);
    const notices = tarFile(runtimeTarball, 'THIRD_PARTY_NOTICES.md');
    for (const bundled of ['ajv', 'ajv-formats', 'fast-deep-equal', 'fast-uri']) expect(notices).toContain(`## ${bundled}\n`);
  });

  it('@intc/host ships its bin, an ES module build with declarations and README, and no sources', () => {
    for (const file of ['package.json', 'README.md', 'LICENSE', 'bin/intc-host.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/host-cli.js', 'dist/store/sqlite-database.js', 'dist/store/postgres-database.js']) {
      expect(hostEntries, file).toContain(file);
    }
    expect(hostEntries.filter((e) => !/^(bin\/|dist\/|package\.json$|README\.md$|LICENSE$)/.test(e))).toEqual([]);
    expect(hostEntries.filter((e) => e.endsWith('.ts') && !e.endsWith('.d.ts'))).toEqual([]);
    const packed = JSON.parse(tarFile(hostTarball, 'package.json')) as PackageJson & { bin?: Record<string, string> };
    expect(packed.bin).toEqual({ 'intc-host': 'bin/intc-host.js' });
    expect(Object.keys(packed.dependencies ?? {}).sort()).toEqual(['@intc/runtime', 'better-sqlite3', 'pg']);
  });

  it.each([
    ['intc', () => [tarball, entries] as const],
    ['@intc/runtime', () => [runtimeTarball, runtimeEntries] as const],
    ['@intc/host', () => [hostTarball, hostEntries] as const],
  ])('%s: every source map carries its sources, and the packed package.json has no install script', (_, files) => {
    const [file, list] = files();
    for (const map of list.filter((e) => e.endsWith('.map'))) {
      const { sources, sourcesContent } = JSON.parse(tarFile(file, map)) as { sources: string[]; sourcesContent?: (string | null)[] };
      expect(sourcesContent?.length, map).toBe(sources.length);
      expect(sourcesContent?.every((text) => typeof text === 'string' && text.length > 0), map).toBe(true);
    }
    const packed = JSON.parse(tarFile(file, 'package.json')) as PackageJson;
    expect(Object.keys(packed.scripts ?? {}).filter((name) => INSTALL_SCRIPTS.includes(name))).toEqual([]);
  });

  it('ships every entry its package.json `files` lists', () => {
    for (const [files, list] of [[pkg.files, entries], [runtimePkg.files, runtimeEntries], [hostPkg.files, hostEntries]] as const) {
      const missing = files.filter((f) => !list.some((e) => e === f || e.startsWith(`${f}/`)));
      expect(missing, `listed in package.json "files" but not in the tarball`).toEqual([]);
    }
  });

  it('installing warns about no lifecycle script of ours', () => {
    expect(ourInstallScriptWarnings(projectInstall)).toEqual([]);
    expect(ourInstallScriptWarnings(runtimeInstall)).toEqual([]);
    expect(runtimeInstall).not.toMatch(/install-scripts/);
  });
});

describe('@intc/runtime installed alone', { timeout: TIMEOUT }, () => {
  it(`has no dependencies and takes at most ${RUNTIME_INSTALL_LIMIT_KB / 1024} MB`, () => {
    const installed = readdirSync(join(runtimeOnly, 'node_modules')).filter((name) => !name.startsWith('.'));
    expect(installed).toEqual(['@intc']);
    expect(readdirSync(join(runtimeOnly, 'node_modules', '@intc'))).toEqual(['runtime']);
    const kilobytes = Number(ok(sh('du', ['-sk', 'node_modules'], runtimeOnly), 'du').split('\t')[0]);
    expect(kilobytes).toBeGreaterThan(0);
    expect(kilobytes).toBeLessThanOrEqual(RUNTIME_INSTALL_LIMIT_KB);
  });

  it('import() and require() both load it, with the same names', () => {
    const esm = ok(sh('node', ['--input-type=module', '-e', "const m = await import('@intc/runtime'); console.log(JSON.stringify(Object.keys(m).sort()))"], runtimeOnly), 'import()');
    const cjs = ok(sh('node', ['-e', "console.log(JSON.stringify(Object.keys(require('@intc/runtime')).sort()))"], runtimeOnly), 'require()');
    const names = JSON.parse(esm) as string[];
    expect(names).toContain('IntegrationRuntime');
    expect(names).toContain('BotRuntime');
    expect(names).toContain('ajvFormats');
    expect(JSON.parse(cjs)).toEqual(names.filter((name) => name !== 'default'));
    const same = ok(
      sh('node', ['-e', "const m = require('@intc/runtime'); const r = require.resolve('@intc/runtime'); console.log(r.includes('/dist/cjs/') && typeof m.IntegrationRuntime === 'function')"], runtimeOnly),
      'require.resolve',
    );
    expect(same.trim()).toBe('true');
  });
});

/** A Node script that starts the built Telegram example, calls an action against a fake Bot API on 127.0.0.1 and posts it a webhook. */
function runScript(format: 'esm' | 'cjs'): string {
  const load =
    format === 'esm'
      ? "import { existsSync } from 'node:fs';\nimport { createServer } from 'node:http';\nimport integration from './dist/index.js';\nimport * as runtime from '@intc/runtime';\n"
      : "const { existsSync } = require('node:fs');\nconst { createServer } = require('node:http');\nconst integration = require('./dist/index.js').default;\nconst runtime = require('@intc/runtime');\n";
  return `${load}
const requests = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    requests.push({ path: req.url.replace(/bot[^/]+/, 'bot<token>'), body: JSON.parse(body || '{}') });
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ ok: true, result: { message_id: 77, chat: { id: 42, type: 'private' }, text: 'hi' } }));
  });
});
async function main() {
  await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
  const apiBaseUrl = 'http://127.0.0.1:' + server.address().port;
  const instance = integration.start({ configuration: { botToken: '123:secret-token', apiBaseUrl }, env: { WEBHOOK_SECRET: 'hook-secret' }, logger: () => {} });
  const sent = await instance.callAction('sendMessage', { chatId: '42', text: 'hi' });
  let refused;
  try {
    await instance.callAction('sendMessage', { chatId: 42, text: 'hi' });
  } catch (error) {
    const frames = error.stack.split('\\n').filter((line) => line.includes('@intc'));
    const files = frames.map((line) => /\\(?(\\/[^():]+):\\d+:\\d+\\)?$/.exec(line)?.[1]);
    refused = { runtimeError: error instanceof runtime.InputValidationError, name: error.name, frames: frames.length > 0, shipped: files.every((file) => file !== undefined && existsSync(file)) };
  }
  const update = { update_id: 1, message: { message_id: 7, date: 1, chat: { id: 42, type: 'private' }, from: { id: 5, first_name: 'Ada' }, text: 'Hello' } };
  const headers = { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'hook-secret' };
  const webhook = await instance.handleWebhook({ method: 'POST', path: '/', headers, body: JSON.stringify(update) });
  console.log(JSON.stringify({ sent, refused, requests, webhook: webhook.status, messages: instance.client.messages.map((m) => m.payload) }));
}
main().finally(() => server.close());
`;
}

describe.each(['esm', 'cjs'] as const)('the Telegram example in a %s project: generate, build with tsc, run with node', { timeout: TIMEOUT }, (format) => {
  let app: string;

  beforeAll(() => {
    app = join(project, format);
    mkdirSync(app);
    cpSync(join(root, 'examples', 'telegram', 'integration.yaml'), join(app, 'integration.yaml'));
    cpSync(join(root, 'examples', 'telegram', 'src'), join(app, 'src'), { recursive: true, filter: (source) => basename(source) !== 'generated' });
    const type = format === 'esm' ? { type: 'module' } : {};
    writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: `telegram-${format}`, private: true, ...type })}\n`);
    const compilerOptions = {
      target: 'es2022',
      lib: ['es2022'],
      module: 'nodenext',
      moduleResolution: 'nodenext',
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: false,
      types: ['node'],
      typeRoots: [join(root, 'node_modules', '@types')],
      outDir: 'dist',
      rootDir: 'src',
    };
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }));
    writeFileSync(join(app, format === 'esm' ? 'run.mjs' : 'run.cjs'), runScript(format));
  }, TIMEOUT);

  it('intc generate writes the generated folder, keeps the handlers, and does not warn', () => {
    const run = sh('npx', ['--no', '--', 'intc', 'generate'], app);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).not.toContain('warning');
    expect(run.stdout).toMatch(/^Generated 5 files \(5 written, 0 unchanged\)\.$/m);
    expect(readFileSync(join(app, 'src', 'generated', 'integration.ts'), 'utf8')).toContain("from '@intc/runtime'");
  });

  it(`tsc builds it, reading the runtime's ${format} declarations`, () => {
    const build = tsc(app, '-p', 'tsconfig.json', '--listFiles');
    expect(build.status, build.stdout).toBe(0);
    const declarations = build.stdout.split('\n').filter((line) => line.includes(`${sep}@intc${sep}runtime${sep}`));
    expect(declarations).toContain(join(project, 'node_modules', '@intc', 'runtime', 'dist', format, 'index.d.ts'));
    expect(declarations.filter((line) => !line.includes(`${sep}dist${sep}${format}${sep}`))).toEqual([]);
    expect(existsSync(join(app, 'dist', 'index.js'))).toBe(true);
  });

  it('node runs it: an action calls the API, bad input is refused by the runtime, a webhook creates a message', () => {
    const run = sh(process.execPath, [format === 'esm' ? 'run.mjs' : 'run.cjs'], app);
    expect(run.stderr).toBe('');
    expect(run.status, run.stdout).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      sent: { messageId: '77' },
      refused: { runtimeError: true, name: 'InputValidationError', frames: true, shipped: true },
      requests: [{ path: '/bot<token>/sendMessage', body: { chat_id: '42', text: 'hi' } }],
      webhook: 200,
      messages: [{ text: 'Hello' }],
    });
  });
});

describe('@intc/host installed: the built ESM Telegram example served in production', { timeout: TIMEOUT }, () => {
  /**
   * npm runs better-sqlite3's own install script (a prebuilt binary, or a build from source) when a user
   * installs @intc/host; here the install skips scripts and the repository's build of the same version is
   * copied in, so the test does not compile SQLite. Everything else is the packed package as installed.
   */
  // The install: test/packed-tarballs.ts (`hostInstall`).

  // The installed bins run with node directly (npx would not pass SIGTERM on to them).
  it.each([
    ['intc-host serve', ['@intc/host/bin/intc-host.js', 'serve']],
    ['intc serve', ['intc/bin/intc.cjs', 'serve']],
  ])('%s: an action over HTTP reaches the fake Bot API; SIGTERM stops it', async (_, [bin, command]) => {
    expect(ourInstallScriptWarnings(hostInstall)).toEqual([]);
    const api = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ ok: true, result: { message_id: 78, chat: { id: 42, type: 'private' }, text: 'hi' } }));
      });
    });
    await new Promise<void>((listening) => api.listen(0, '127.0.0.1', listening));
    const configuration = { botToken: '123:secret-token', apiBaseUrl: `http://127.0.0.1:${(api.address() as AddressInfo).port}` };
    const child = spawn(process.execPath, [join(project, 'node_modules', bin!), command!, 'esm', '--host', '127.0.0.1', '--port', '0', '--database', join(project, `${basename(bin!)}.db`)], {
      cwd: project,
      env: { ...userEnv, TELEGRAM_CONFIGURATION: JSON.stringify(configuration), WEBHOOK_SECRET: 'hook-secret' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolveExit) => child.on('close', resolveExit));
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const listening = /"url":"(http:[^"]+)"/.exec(stdout);
          if (listening && stdout.includes('Serving telegram.')) resolveUrl(listening[1]!);
        });
        void exited.then((code) => reject(new Error(`exited ${code}: ${stdout}${stderr}`)));
      });
      const response = await fetch(`${url}/actions/telegram/sendMessage`, { method: 'POST', body: JSON.stringify({ chatId: '42', text: 'hi' }) });
      expect(await response.json()).toEqual({ messageId: '78' });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stdout).not.toContain('secret-token');
    } finally {
      child.kill('SIGKILL');
      api.close();
    }
  });
});

describe('intc installed', { timeout: TIMEOUT }, () => {
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
    expect(readFileSync(join(app, 'src', 'actions', 'ping.ts'), 'utf8')).toContain('ActionHandlers["ping"]');
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
        readFileSync(join(root, 'packages', 'intc', 'schema', `${kind}.schema.json`), 'utf8'),
      );
    }
    // Through the package's `exports` too.
    const resolved = ok(
      sh('node', ['--input-type=module', '-e', "console.log(import.meta.resolve('intc/schema/integration.schema.json'))"], project),
      'import.meta.resolve',
    ).trim();
    expect(fileURLToPath(resolved)).toBe(installed);

    // Every schema path the installed README gives (the `yaml.schemas` setting, a modeline), resolved from the project root.
    const readme = readFileSync(join(project, 'node_modules', 'intc', 'README.md'), 'utf8');
    const paths = [...readme.matchAll(/(\.\/node_modules\/intc\/schema\/[\w.-]+\.json)/g)].map((m) => m[1]!);
    for (const path of paths) {
      expect(existsSync(resolve(project, path)), `${path} (from the README) does not resolve`).toBe(true);
    }
    for (const kind of ['integration', 'interface', 'bot']) expect(paths).toContain(`./node_modules/intc/schema/${kind}.schema.json`);
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
