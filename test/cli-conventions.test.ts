/**
 * The conventions every command follows (issue 11, item 5), through the real
 * CLI (packages/intc/bin/intc.cjs over dist/, when built) and in-process
 * through main(): --format github and its default under GitHub Actions,
 * "did you mean" in intc's words, `intc help <command>`, FORCE_COLOR /
 * NO_COLOR / --color / --no-color, one exit code per kind of failure, and the
 * intc config (intc.config.json or package.json's "intc" key): found from a
 * nested folder of a monorepo package, overridden by flags, its mistakes
 * located like a manifest's, its JSON Schema shipped and in step with intc.
 */
import { Ajv } from 'ajv';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, main } from '../packages/intc/src/cli/main.js';
import { EXIT_CODE_MEANINGS, EXIT_ENVIRONMENT, EXIT_INTERNAL_ERROR, EXIT_MANIFEST_ERRORS, EXIT_OK, EXIT_USAGE, type Environment } from '../packages/intc/src/cli/io.js';
import { checkConfig, configKeyNames } from '../packages/intc/src/config/check-config.js';
import { CLI, installRuntime, ROOT, VALID_DIR } from './fixture-harness.js';

const built = existsSync(join(dirname(CLI), '..', 'dist', 'intc.cjs'));
const ESC = '\u001b[';
const STACK_FRAME = /\n\s+at .+:\d+:\d+\)?/;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment variables these conventions read, cleared so the runner's own (CI sets GITHUB_ACTIONS) do not leak in. */
const CLEARED = { GITHUB_ACTIONS: '', GITHUB_WORKSPACE: '', FORCE_COLOR: undefined, NO_COLOR: undefined, INTC_NO_CACHE: '' } as const;

/** The real CLI: a process, stdout a pipe (not a terminal). */
function cli(cwd: string, args: readonly string[], env: Environment = {}): Run {
  const merged: Record<string, string | undefined> = { ...process.env, ...CLEARED, ...env };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: merged as NodeJS.ProcessEnv, timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** main() in-process, with the environment and the colour bin/intc.cjs would have decided. */
async function inProcess(cwd: string, args: readonly string[], env: Environment = {}, color = false): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd, color, env, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

type Runner = (cwd: string, args: readonly string[], env?: Environment) => Run | Promise<Run>;
/** Both ways of running intc; the real CLI only when it is built. */
const RUNNERS: [string, Runner][] = [['in-process main()', inProcess], ...(built ? [['bin/intc.cjs', cli] as [string, Runner]] : [])];

/** `::error file=…,line=…,col=…,…,title=intc <code>::…` → its parts. */
function annotations(output: string): { level: string; file?: string; line?: number; col?: number; title?: string; message: string }[] {
  return output
    .split('\n')
    .filter((line) => /^::(error|warning|notice)/.test(line))
    .map((line) => {
      const [, level, props = '', message = ''] = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line)!;
      const fields = Object.fromEntries(props.split(',').filter(Boolean).map((p) => p.split('=') as [string, string]));
      return {
        level: level!,
        message: message.replace(/%0A/g, '\n').replace(/%25/g, '%'),
        ...(fields.file === undefined ? {} : { file: fields.file.replace(/%3A/g, ':').replace(/%2C/g, ',') }),
        ...(fields.line === undefined ? {} : { line: Number(fields.line) }),
        ...(fields.col === undefined ? {} : { col: Number(fields.col) }),
        ...(fields.title === undefined ? {} : { title: fields.title }),
      };
    });
}

/** `file:line:col code` of each text diagnostic. */
function located(output: string): string[] {
  return [...output.matchAll(/^(\S+):(\d+):(\d+) - (?:error|warning) ([a-z-]+):/gm)].map((m) => `${m[1]}:${m[2]}:${m[3]} ${m[4]}`);
}

/** An action name that is not camelCase: invalid-name at 5:3. */
const ONE_ERROR = ['name: acme', 'version: 1.0.0', 'description: An integration with a mistake.', 'actions:', '  Send_Message:', '    description: Sends.', '    input:', '      schema: { type: object }', '    output:', '      schema: { type: object }', ''].join('\n');
/** An action without a description: a missing-description warning at 5:3, no error. */
const ONE_WARNING = ['name: acme', 'version: 1.0.0', 'description: An integration.', 'actions:', '  sendMessage:', '    input:', '      schema: { type: object }', '    output:', '      schema: { type: object }', ''].join('\n');

let tmp: string;
let count = 0;
/** A fresh folder under the test's temp folder, with the files given (paths → text). */
function project(files: Record<string, string> = {}): string {
  const dir = join(tmp, `p${count++}`);
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'intc-conventions-'));
  // No package.json above the projects: a config is found only where a test puts one.
  expect(existsSync(join(tmpdir(), 'package.json'))).toBe(false);
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe.each(RUNNERS)('--format github (%s)', (_, run) => {
  it('validate: one ::error per diagnostic, at its file, line and column, titled with its code, the fix on a help line', async () => {
    const dir = project({ 'integration.yaml': ONE_ERROR });
    const result = await run(dir, ['validate', '--format', 'github']);
    expect(result.code).toBe(EXIT_MANIFEST_ERRORS);
    expect(annotations(result.stdout)).toEqual([
      { level: 'error', file: 'integration.yaml', line: 5, col: 3, title: 'intc invalid-name', message: expect.stringMatching(/^Action name 'Send_Message' must be camelCase.*\nhelp: Write `sendMessage`\.$/s) },
    ]);
  });

  it('is the default under GitHub Actions (GITHUB_ACTIONS=true), with paths from GITHUB_WORKSPACE; --format text and json still win', async () => {
    const dir = project({ 'pkg/integration.yaml': ONE_ERROR });
    const env = { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: dir };
    const github = await run(join(dir, 'pkg'), ['validate'], env);
    expect(github.code).toBe(EXIT_MANIFEST_ERRORS);
    expect(annotations(github.stdout)).toMatchObject([{ level: 'error', file: 'pkg/integration.yaml', line: 5, col: 3, title: 'intc invalid-name' }]);
    const text = await run(join(dir, 'pkg'), ['validate', '--format', 'text'], env);
    expect(annotations(text.stdout)).toEqual([]);
    expect(located(text.stdout)).toEqual(['integration.yaml:5:3 invalid-name']);
    const json = await run(join(dir, 'pkg'), ['validate', '--format=json'], env);
    expect(JSON.parse(json.stdout).diagnostics).toMatchObject([{ file: 'integration.yaml', line: 5, column: 3, code: 'invalid-name' }]);
    // Anything but "true" is not GitHub Actions.
    expect(annotations((await run(join(dir, 'pkg'), ['validate'], { GITHUB_ACTIONS: 'false' })).stdout)).toEqual([]);
  });

  it('every command that reports problems annotates them under GitHub Actions', async () => {
    const env = { GITHUB_ACTIONS: 'true' };
    const broken = project({ 'integration.yaml': ONE_ERROR });
    const clean = project({ 'integration.yaml': ONE_WARNING });
    const expected = { level: 'error', file: 'integration.yaml', line: 5, col: 3, title: 'intc invalid-name' };
    for (const command of ['validate', 'generate', 'status', 'docs']) {
      const result = await run(broken, [command], env);
      expect(result.code, command).toBe(EXIT_MANIFEST_ERRORS);
      expect(annotations(result.stdout), command).toMatchObject([expected]);
    }
    const diff = await run(broken, ['diff', join(clean, 'integration.yaml'), 'integration.yaml'], env);
    expect(diff.code).toBe(EXIT_MANIFEST_ERRORS);
    expect(annotations(diff.stdout)).toMatchObject([expected]);
    const imported = await run(project(), ['import'], env);
    expect(imported.code).toBe(EXIT_MANIFEST_ERRORS);
    expect(annotations(imported.stdout)).toMatchObject([{ level: 'error', line: 1, col: 1, title: 'intc definition-not-found' }]);
    // A warning is a ::warning.
    const warned = await run(clean, ['validate'], env);
    expect(warned.code).toBe(EXIT_OK);
    expect(annotations(warned.stdout)).toMatchObject([{ level: 'warning', file: 'integration.yaml', line: 5, col: 3, title: 'intc missing-description' }]);
  });

  it('docs --check: an out-of-date readme is an ::error on the readme', async () => {
    const dir = project({ 'integration.yaml': ONE_WARNING.replace('actions:', 'readme: hub.md\nactions:'), 'hub.md': '# Acme\n' });
    const result = await run(dir, ['docs', '--check', '--format', 'github']);
    expect(result.code).toBe(EXIT_MANIFEST_ERRORS);
    expect(annotations(result.stdout)).toMatchObject([{ level: 'error', file: 'hub.md', title: 'intc docs', message: "Out of date: hub.md. Run 'intc docs' to update it." }]);
  });

  it('docs --format json: the readme, what became of it, and the diff under --check', async () => {
    const dir = project({ 'integration.yaml': ONE_WARNING.replace('actions:', 'readme: hub.md\nactions:'), 'hub.md': '# Acme\n' });
    const stale = await run(dir, ['docs', '--check', '--format', 'json']);
    expect(stale.code).toBe(EXIT_MANIFEST_ERRORS);
    expect(JSON.parse(stale.stdout)).toMatchObject({ diagnostics: [], readme: 'hub.md', status: 'out-of-date', diff: expect.stringContaining('+<!-- intc:docs:start -->') });
    const written = await run(dir, ['docs', '--format', 'json']);
    expect(written.code).toBe(EXIT_OK);
    expect(JSON.parse(written.stdout)).toMatchObject({ readme: 'hub.md', status: 'updated', summary: 'Updated the generated section of hub.md.' });
    expect(JSON.parse((await run(dir, ['docs', '--format', 'json'])).stdout)).toMatchObject({ status: 'unchanged' });
  });
});

describe.each(RUNNERS)('did you mean, in intc\'s own words (%s)', (_, run) => {
  const dir = () => project({ 'integration.yaml': ONE_WARNING });

  it('an unknown command: the closest one, exit 2', async () => {
    const result = await run(dir(), ['generat']);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toMatch(/^intc: Unknown command 'generat'\. Did you mean 'generate'\?\n/);
    expect(result.stdout).toBe('');
  });

  it.each(COMMANDS.map((c) => [c.spec.name, Object.keys(c.spec.options)] as const))('intc %s: a misspelt option gets the closest one, not the argument parser\'s text', async (name, options) => {
    for (const option of options) {
      // Two letters swapped: `--fromat`, `--stirct`.
      const typo = `--${option[0]}${option[2]}${option[1]}${option.slice(3)}`;
      if (options.includes(typo.slice(2))) continue;
      const result = await run(dir(), [name, typo]);
      expect(result.code, typo).toBe(EXIT_USAGE);
      expect(result.stderr, typo).toMatch(new RegExp(`^intc: Unknown option '${typo}' for 'intc ${name}'\\. Did you mean '--${option}'\\?\\n`));
      expect(result.stderr, typo).toContain(`Run 'intc help ${name}' for its options.`);
      expect(result.stderr, typo).not.toMatch(/ERR_PARSE_ARGS|To specify a positional argument/);
    }
  });

  it('a value outside an option\'s choices, a missing value, a value given to a switch', async () => {
    const cwd = dir();
    const choice = await run(cwd, ['validate', '--format', 'jsno']);
    expect(choice.code).toBe(EXIT_USAGE);
    expect(choice.stderr).toMatch(/^intc: Option '--format' takes text, json or github, not 'jsno'\. Did you mean 'json'\?/);
    const missing = await run(cwd, ['generate', '--out']);
    expect(missing.code).toBe(EXIT_USAGE);
    expect(missing.stderr).toMatch(/^intc: Option '--out' needs a value \(--out <dir>\)\./);
    const valued = await run(cwd, ['status', '--strict=yes']);
    expect(valued.code).toBe(EXIT_USAGE);
    expect(valued.stderr).toMatch(/^intc: Option '--strict' takes no value: write --strict alone\./);
  });

  it('an option before the command: the closest top-level option, and where command options go', async () => {
    const result = await run(dir(), ['--no-colour', 'validate']);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toMatch(/^intc: Unknown option '--no-colour'\. Did you mean '--no-color'\? Options of a command go after it/);
  });
});

describe.each(RUNNERS)('intc help <command> (%s)', (_, run) => {
  it.each(COMMANDS.map((c) => c.spec.name))("intc help %s is the command's own help, as its --help", async (name) => {
    const cwd = project();
    const help = await run(cwd, ['help', name]);
    expect(help.code).toBe(EXIT_OK);
    expect(help.stdout).toMatch(new RegExp(`^Usage: intc ${name} `));
    expect(help.stdout).toContain('\nOptions:\n');
    const spec = COMMANDS.find((c) => c.spec.name === name)!.spec;
    // 1 only where the command can report problems in what it is given (init cannot).
    const codes = [EXIT_OK, ...(spec.exitCodes[EXIT_MANIFEST_ERRORS] === undefined ? [] : [EXIT_MANIFEST_ERRORS]), EXIT_USAGE, EXIT_INTERNAL_ERROR];
    for (const code of codes) expect(help.stdout).toMatch(new RegExp(`\\nExit codes:\\n(.*\\n)*  ${code}  `));
    expect((await run(cwd, [name, '--help'])).stdout).toBe(help.stdout);
    expect((await run(cwd, [name, '-h'])).stdout).toBe(help.stdout);
    expect(help.stdout).not.toBe((await run(cwd, ['--help'])).stdout);
  });

  it('intc help (and --help) lists every command of the table and every exit code', async () => {
    const top = await run(project(), ['help']);
    expect(top.code).toBe(EXIT_OK);
    for (const { spec } of COMMANDS) expect(top.stdout.split('\n').some((line) => line.startsWith(`  ${spec.name} `) && line.endsWith(spec.summary)), spec.name).toBe(true);
    for (const code of Object.keys(EXIT_CODE_MEANINGS)) expect(top.stdout).toMatch(new RegExp(`\\nExit codes:\\n(.*\\n)*  ${code}  `));
  });

  it('intc help <unknown>: did you mean, exit 2', async () => {
    const result = await run(project(), ['help', 'stauts']);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toMatch(/^intc: Unknown command 'stauts'\. Did you mean 'status'\?/);
  });
});

describe.skipIf(!built)('colours (bin/intc.cjs, stdout a pipe)', () => {
  const colored = (run: Run) => run.stdout.includes(ESC);
  let dir: string;
  beforeAll(() => {
    dir = project({ 'integration.yaml': ONE_ERROR });
  });

  it.each([
    ['nothing set: a pipe is not a terminal', {}, [], false],
    ['FORCE_COLOR=1', { FORCE_COLOR: '1' }, [], true],
    ['FORCE_COLOR= (empty)', { FORCE_COLOR: '' }, [], true],
    ['FORCE_COLOR=0', { FORCE_COLOR: '0' }, [], false],
    ['NO_COLOR=1 with FORCE_COLOR=1: FORCE_COLOR is the more specific', { NO_COLOR: '1', FORCE_COLOR: '1' }, [], true],
    ['--no-color over FORCE_COLOR=1', { FORCE_COLOR: '1' }, ['--no-color'], false],
    ['--color over NO_COLOR=1', { NO_COLOR: '1' }, ['--color'], true],
    ['--color before the command', { NO_COLOR: '1' }, ['--color', 'validate'], true],
    ['the last of --color and --no-color', {}, ['--color', '--no-color'], false],
  ] as const)('%s', (_, env, flags, expected) => {
    const args = flags[flags.length - 1] === 'validate' ? flags : ['validate', ...flags];
    const result = cli(dir, args, env);
    expect(result.code).toBe(EXIT_MANIFEST_ERRORS);
    expect(colored(result), result.stdout).toBe(expected);
    expect(located(result.stdout.replace(/\u001b\[[0-9;]*m/g, ''))).toEqual(['integration.yaml:5:3 invalid-name']);
  });

  it('NO_COLOR reaches every command, the no-change fast path of generate included', () => {
    const warned = project({ 'integration.yaml': ONE_WARNING });
    installRuntime(warned); // else no record is kept, and every run is a full one
    expect(cli(warned, ['generate']).code).toBe(EXIT_OK);
    // Second run: answered from the record, which keeps the warning.
    const forced = cli(warned, ['generate'], { FORCE_COLOR: '1' });
    expect(forced.stdout).toContain('Nothing changed');
    expect(colored(forced)).toBe(true);
    expect(colored(cli(warned, ['generate', '--no-color'], { FORCE_COLOR: '1' }))).toBe(false);
    expect(colored(cli(warned, ['status', '--no-color'], { FORCE_COLOR: '1' }))).toBe(false);
    expect(colored(cli(warned, ['status'], { FORCE_COLOR: '1' }))).toBe(true);
  });
});

describe('one exit code per kind of failure', () => {
  it.each(RUNNERS)('%s: 0 clean, 1 manifest errors, 2 usage, 2 a bad config', async (_, run) => {
    expect((await run(project({ 'integration.yaml': ONE_WARNING }), ['validate'])).code).toBe(EXIT_OK);
    expect((await run(project({ 'integration.yaml': ONE_ERROR }), ['validate'])).code).toBe(EXIT_MANIFEST_ERRORS);
    expect((await run(project({ 'integration.yaml': ONE_WARNING }), ['validate', '--unknown'])).code).toBe(EXIT_USAGE);
    expect((await run(project({ 'integration.yaml': ONE_WARNING, 'intc.config.json': '{ "strict": 1 }' }), ['validate'])).code).toBe(EXIT_USAGE);
  });

  it('2 for a bug in intc (as the spec says), said as such, without a stack trace', async () => {
    const dir = project({ 'integration.yaml': ONE_WARNING });
    let stderr = '';
    const code = await main(['validate'], {
      cwd: dir,
      color: false,
      stdout: () => {
        throw new TypeError('a bug');
      },
      stderr: (t) => void (stderr += t),
    });
    expect(code).toBe(EXIT_INTERNAL_ERROR);
    expect(stderr).toMatch(/^intc: internal compiler error: TypeError: a bug\nThis is a bug in intc/);
    expect(stderr).not.toMatch(STACK_FRAME);
  });

  it.each(RUNNERS)('%s: 3 when the system is what failed (import without the project\'s @botpress/sdk installed)', async (_, run) => {
    const dir = project({ 'integration.definition.ts': "import { IntegrationDefinition } from '@botpress/sdk'\nexport default new IntegrationDefinition({ name: 'x', version: '1.0.0' })\n" });
    const result = await run(dir, ['import']);
    expect(result.code).toBe(EXIT_ENVIRONMENT);
    expect(located(result.stdout)).toEqual(['integration.definition.ts:1:1 botpress-sdk-missing']);
  });

  it('every code is documented in --help and in the README\'s CLI section', async () => {
    const top = (await inProcess(project(), ['--help'])).stdout;
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('### Exit codes'), readme.indexOf('\n### ', readme.indexOf('### Exit codes') + 1));
    for (const [code, meaning] of Object.entries(EXIT_CODE_MEANINGS)) {
      expect(top).toContain(`  ${code}  ${meaning.split(' ').slice(0, 4).join(' ')}`);
      expect(table).toMatch(new RegExp(`\\n\\| \`${code}\` \\|`));
    }
  });
});

describe('the intc config', () => {
  /** A monorepo: the root's package.json (with its own "intc" key, which must not reach a package), a package configured in its package.json. */
  function monorepo(packageConfig: Record<string, unknown>, files: Record<string, string> = {}): { root: string; pkg: string; nested: string } {
    const root = project({
      'package.json': JSON.stringify({ private: true, workspaces: ['packages/*'], intc: { out: 'wrong/place' } }, null, 2),
      'packages/telegram/package.json': JSON.stringify({ name: 'telegram', intc: packageConfig }, null, 2),
      ...Object.fromEntries(Object.entries(files).map(([path, text]) => [`packages/telegram/${path}`, text])),
    });
    const pkg = join(root, 'packages', 'telegram');
    mkdirSync(join(pkg, 'integrations', 'minimal'), { recursive: true });
    copyFileSync(join(VALID_DIR, 'minimal', 'integration.yaml'), join(pkg, 'integrations', 'minimal', 'integration.yaml'));
    const nested = join(pkg, 'src', 'deep', 'folder');
    mkdirSync(nested, { recursive: true });
    return { root, pkg, nested };
  }

  describe.each(RUNNERS)('%s', (_, run) => {
    it('a monorepo package runs `intc generate` with no flags from a nested folder: manifests, out and src from its package.json', async () => {
      const { root, pkg, nested } = monorepo({ manifests: ['integrations/*'], out: 'gen', src: 'handlers' });
      const result = await run(nested, ['generate']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(EXIT_OK);
      expect(result.stdout).toMatch(/^Generated \d+ files/m);
      const manifestDir = join(pkg, 'integrations', 'minimal');
      expect(existsSync(join(manifestDir, 'gen', 'integration.ts'))).toBe(true);
      expect(existsSync(join(manifestDir, 'handlers', 'index.ts'))).toBe(true);
      expect(existsSync(join(manifestDir, 'src'))).toBe(false);
      expect(existsSync(join(root, 'wrong'))).toBe(false);
      // status and validate find the same manifests.
      expect((await run(nested, ['validate'])).code).toBe(EXIT_OK);
      expect((await run(nested, ['status'])).stdout).toMatch(/handlers still TODO: register, unregister, handler/);
    });

    it('flags override the config: a manifest named, --out, --no-strict', async () => {
      const { pkg, nested } = monorepo({ manifests: ['integrations/*'], out: 'gen', strict: true }, { 'warned/integration.yaml': ONE_WARNING });
      // strict from the config: the warning fails the run (the runtime is not installed, a warning too), nothing written.
      const strict = await run(nested, ['generate', join(pkg, 'warned')]);
      expect(strict.code).toBe(EXIT_MANIFEST_ERRORS);
      expect(existsSync(join(pkg, 'warned', 'gen'))).toBe(false);
      const loose = await run(nested, ['generate', join(pkg, 'warned'), '--no-strict', '--out', 'elsewhere']);
      expect(loose.code).toBe(EXIT_OK);
      expect(existsSync(join(pkg, 'warned', 'elsewhere', 'integration.ts'))).toBe(true);
      expect(existsSync(join(pkg, 'warned', 'gen'))).toBe(false);
      // The config's manifests were not used: a manifest was named.
      expect(existsSync(join(pkg, 'integrations', 'minimal', 'gen'))).toBe(false);
      expect((await run(nested, ['validate', join(pkg, 'warned')])).code).toBe(EXIT_MANIFEST_ERRORS);
      expect((await run(nested, ['validate', join(pkg, 'warned'), '--no-strict'])).code).toBe(EXIT_OK);
    });

    it('intc.config.json beside the package.json, its format key, and --format over it', async () => {
      const dir = project({ 'package.json': '{ "name": "x" }', 'intc.config.json': '{ "format": "json", "manifests": ["a/integration.yaml"] }', 'a/integration.yaml': ONE_ERROR });
      const json = await run(join(dir, 'a'), ['validate']);
      expect(json.code).toBe(EXIT_MANIFEST_ERRORS);
      expect(JSON.parse(json.stdout).diagnostics).toMatchObject([{ file: 'integration.yaml', line: 5, column: 3, code: 'invalid-name' }]);
      expect(located((await run(dir, ['validate', '--format', 'text'])).stdout)).toEqual(['a/integration.yaml:5:3 invalid-name']);
    });

    it.each([
      [
        'intc.config.json: an unknown key (did you mean), a wrong type, a value not among the choices, a manifest that is not there',
        { 'intc.config.json': '{\n  "ot": "gen",\n  "strict": "yes",\n  "format": "githb",\n  "manifests": ["integrations/*", "nope.yaml"]\n}\n', 'integrations/a/integration.yaml': ONE_WARNING },
        [
          ['intc.config.json:2:3 invalid-config', /unknown key 'ot'/, /Did you mean 'out'\?/],
          ['intc.config.json:3:13 invalid-config', /'strict' must be true or false, but is 'yes'/, /"strict": true/],
          ['intc.config.json:4:13 invalid-config', /'format' must be text, json or github, not 'githb'/, /Write "github"\./],
          ['intc.config.json:5:35 invalid-config', /'nope\.yaml' does not exist/, /relative to the config's folder/],
        ],
      ],
      [
        "package.json's \"intc\" key: a manifest glob that matches nothing, an empty out",
        { 'package.json': '{\n  "name": "x",\n  "intc": {\n    "manifests": ["integrations/*/integration.yaml"],\n    "out": ""\n  }\n}\n' },
        [
          ['package.json:4:19 invalid-config', /'integrations\/\*\/integration\.yaml' matches no file or folder/, /fix the pattern/],
          ['package.json:5:12 invalid-config', /'out' is empty/, /"out": "src\/generated"/],
        ],
      ],
      [
        'intc.config.json that is not JSON: located like a .json manifest',
        { 'intc.config.json': '{\n  "out": "gen",\n}\n' },
        [['intc.config.json:2:15 json-syntax', /trailing comma/, /Remove the comma/]],
      ],
      [
        'both intc.config.json and an "intc" key in package.json',
        { 'intc.config.json': '{}', 'package.json': '{\n  "name": "x",\n  "intc": {}\n}\n' },
        [['package.json:3:3 invalid-config', /both intc\.config\.json and package\.json's "intc" key configure this folder/, /Keep one/]],
      ],
    ] as const)('%s: every problem at once, by code and line:col, with the fix; exit 2, nothing done', async (_, files, expected) => {
      const dir = project(files);
      const nested = join(dir, 'some', 'folder');
      mkdirSync(nested, { recursive: true });
      for (const command of ['validate', 'generate', 'status']) {
        const text = await run(dir, [command, '--format', 'text']);
        expect(text.code, command).toBe(EXIT_USAGE);
        expect(located(text.stdout), command).toEqual(expected.map(([at]) => at));
        expect(text.stdout, command).toMatch(/\nNothing done: fix the intc config in \S+ first\.\n$/);
        expect(text.stdout + text.stderr).not.toMatch(STACK_FRAME);
      }
      const json = await run(nested, ['generate', '--format', 'json']);
      expect(json.code).toBe(EXIT_USAGE);
      const diagnostics = JSON.parse(json.stdout).diagnostics as { file: string; line: number; column: number; code: string; message: string; fix?: string }[];
      expect(diagnostics.map((d) => `${d.file.replace('../../', '')}:${d.line}:${d.column} ${d.code}`)).toEqual(expected.map(([at]) => at));
      diagnostics.forEach((d, index) => {
        expect(d.message).toMatch(expected[index]![1]);
        expect(d.fix).toMatch(expected[index]![2]);
      });
      expect(existsSync(join(dir, 'integrations', 'a', 'src'))).toBe(false);
    });
  });

  it('the fast path of generate reads the config as the full run does (bin/intc.cjs)', { skip: !built }, () => {
    const { pkg, nested } = monorepo({ manifests: ['integrations/*'], out: 'gen' });
    installRuntime(pkg); // else no record is kept, and every run is a full one
    expect(cli(nested, ['generate']).code).toBe(EXIT_OK);
    const again = cli(nested, ['generate']);
    expect(again.code).toBe(EXIT_OK);
    expect(again.stdout).toMatch(/^Nothing changed: \d+ generated files up to date\./m);
    // A different out in the config: not the same run, so it generates there.
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'telegram', intc: { manifests: ['integrations/*'], out: 'gen2' } }));
    expect(cli(nested, ['generate']).stdout).toMatch(/^Generated \d+ files \(\d+ written/m);
    expect(existsSync(join(pkg, 'integrations', 'minimal', 'gen2', 'integration.ts'))).toBe(true);
    // A bad config: the fast path leaves it to the full run, which reports it.
    const badConfig = JSON.stringify({ name: 'telegram', intc: { manifests: ['integrations/*'], out: 'gen2', strict: 'no' } });
    writeFileSync(join(pkg, 'package.json'), badConfig);
    const bad = cli(nested, ['generate']);
    expect(bad.code).toBe(EXIT_USAGE);
    expect(located(bad.stdout)).toEqual([`../../../package.json:1:${badConfig.indexOf('"no"') + 1} invalid-config`]);
  });
});

describe('the config\'s JSON Schema (packages/intc/schema/intc.config.schema.json)', () => {
  const schemaPath = join(ROOT, 'packages', 'intc', 'schema', 'intc.config.schema.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as { properties: Record<string, { examples?: unknown[] }> };
  const ajv = () => {
    return new Ajv({ strict: true, allErrors: true, strictTypes: false }).compile(schema);
  };

  it('ships in the package and is a valid draft-07 schema', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'packages', 'intc', 'package.json'), 'utf8')) as { files: string[] };
    expect(manifest.files).toContain('schema');
    expect(() => ajv()).not.toThrow();
  });

  it('names every key the commands read from the config, and no other', () => {
    const read = new Set(COMMANDS.flatMap((c) => [...(c.spec.manifestsFromConfig ? ['manifests'] : []), ...Object.values(c.spec.options).flatMap((o) => (o.config === undefined ? [] : [o.config]))]));
    expect(configKeyNames().sort()).toEqual([...read].sort());
    for (const key of ['manifests', 'out', 'src', 'strict']) expect(configKeyNames()).toContain(key);
  });

  it('Ajv and intc\'s checker agree on what is a valid config', () => {
    const validate = ajv();
    const examples = Object.entries(schema.properties).flatMap(([key, property]) => (property.examples ?? []).map((example) => ({ [key]: example })));
    const cases: unknown[] = [
      {},
      ...examples,
      { manifests: [] },
      { manifests: [''] },
      { manifests: 'integration.yaml' },
      { out: '' },
      { out: 3 },
      { strict: 'true' },
      { format: 'yaml' },
      { maxFileSize: 0 },
      { maxFileSize: 1.5 },
      { maxFileSize: 100 },
      { unknown: true },
      { $schema: './node_modules/intc/schema/intc.config.schema.json', src: 'lib' },
      [],
      'text',
      null,
    ];
    for (const value of cases) expect(checkConfig(value, []).length === 0, JSON.stringify(value)).toBe(validate(value));
  });
});
