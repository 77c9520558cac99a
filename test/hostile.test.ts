/**
 * Hostile manifests and hostile output locations, through `intc generate`:
 * the real CLI (bin/intc.cjs over dist/) when it is built, else in-process
 * through `main()`. Every case ends in a located error or a clean generate,
 * never a stack trace, an internal error or a write outside the
 * output folders.
 *
 * The manifests are fixtures (fixtures/invalid/hostile-*, fixtures/valid/
 * hostile-*; test/fixtures.test.ts checks each one's expected.txt, the golden
 * test type-checks the valid ones' output); the 10 MB manifest is made here.
 *
 * Output-location policy (src/write/path-guard.ts, planWrites):
 * - an output folder inside the project (the manifest's folder) that is, or
 *   lies below, a symbolic link leading out of the project is refused with
 *   one output-not-writable naming the link and its target; naming the real
 *   folder with --out/--src generates there. A link that stays inside the
 *   project is followed;
 * - an output folder that is a file, or lies below one: one output-not-writable
 *   for the folder, nothing written;
 * - a folder intc may not write to: output-not-writable "permission denied",
 *   writing stops there.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../packages/intc/src/cli/io.js';
import { main } from '../packages/intc/src/cli/main.js';
import { UnknownNameError } from '../packages/runtime/src/errors.js';
import { Integration } from './golden/hostile-names/src/generated/index.js';
import { Integration as RecursiveIntegration } from './golden/hostile-recursive-entities/src/generated/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const INVALID = join(ROOT, 'fixtures', 'invalid');
const VALID = join(ROOT, 'fixtures', 'valid');
/** INTC_TEST_CLI names another bin/intc.cjs (a private build) while working on these tests. */
const CLI = process.env.INTC_TEST_CLI ?? join(ROOT, 'packages', 'intc', 'bin', 'intc.cjs');
const HAS_BUILD = existsSync(join(dirname(CLI), '..', 'dist', 'intc.cjs'));
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;
const isRoot = process.getuid?.() === 0;

const base = mkdtempSync(join(tmpdir(), 'intc-hostile-'));
afterAll(() => {
  // A read-only folder left by a failed test must not stop the clean-up.
  for (const entry of readdirSync(base, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) chmodSync(join(entry.parentPath, entry.name), 0o755);
  }
  rmSync(base, { recursive: true, force: true });
});

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** `intc <args>` in `cwd`: the built CLI when there is one, else in-process. */
async function intc(cwd: string, ...args: string[]): Promise<Run> {
  const started = Date.now();
  if (!HAS_BUILD) return inProcess(cwd, ...args);
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', INTC_NO_CACHE: '1' }, timeout: 60_000 });
  return { code: run.status, stdout: run.stdout ?? '', stderr: run.stderr ?? '', ms: Date.now() - started };
}

/** `intc <args>` through `main()`, in this process. */
async function inProcess(cwd: string, ...args: string[]): Promise<Run> {
  const started = Date.now();
  let stdout = '';
  let stderr = '';
  const io: CliIo = { cwd, color: false, stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) };
  const code = await main(args, io);
  return { code, stdout, stderr, ms: Date.now() - started };
}

function output(run: Run): string {
  return `exit ${run.code}\nstdout:\n${run.stdout.slice(0, 4000)}\nstderr:\n${run.stderr.slice(0, 4000)}`;
}

/** Exit 1 (a problem in what was given), or 4 where the system refused a write. */
function expectCleanFailure(run: Run, code = 1): void {
  expect(run.code, output(run)).toBe(code);
  expect(run.stdout + run.stderr, output(run)).not.toMatch(STACK_FRAME);
  expect(run.stdout + run.stderr, output(run)).not.toMatch(/internal(-| compiler )error/);
}

let counter = 0;
/** A fresh copy of a fixture folder. */
function copy(from: string): string {
  const dir = join(base, `case-${++counter}`);
  cpSync(from, dir, { recursive: true });
  return dir;
}

/** Every file below a folder, relative, with its bytes. */
function files(folder: string): Map<string, string> {
  const found = new Map<string, string>();
  if (!existsSync(folder)) return found;
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) found.set(relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/'), readFileSync(join(entry.parentPath, entry.name), 'latin1'));
  }
  return found;
}

const MINIMAL = ['name: hostile', 'version: 1.0.0', 'description: A small integration.', 'actions:', '  ping:', '    description: Ping', '    input: { schema: { type: object } }', '    output: { schema: { type: object } }', ''].join('\n');

/** A project folder holding MINIMAL. */
function project(): string {
  const dir = join(base, `project-${++counter}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'integration.yaml'), MINIMAL);
  return dir;
}

describe('hostile manifests end in a located error, with nothing written', () => {
  const cases: [string, string, RegExp][] = [
    ['hostile-path-names', 'names with ../, /, \\, NUL', /integration\.yaml:7:3 - error invalid-name: Action name '\.\.\/\.\.\/escape'/],
    ['hostile-proto-names', '__proto__ as every kind of name', /integration\.yaml:7:3 - error invalid-name: Action name '__proto__'/],
    ['hostile-proto-names-json', '__proto__ in a JSON manifest', /integration\.json:6:5 - error invalid-name/],
    ['hostile-case-collision', 'names differing only by case', /integration\.yaml:12:3 - error name-collision: Action 'sendmessage' collides with 'sendMessage'/],
    ['hostile-interface-case-collision', 'interface actions differing from own ones only by case', /integration\.yaml:22:15 - error name-collision: Action 'detectlanguage'/],
    ['hostile-deep-nesting', 'a schema nested 1000 deep', /integration\.yaml:10:3249 - error yaml-unsupported: Unsupported YAML: nesting deeper than 200 levels/],
    ['hostile-deep-nesting-json', 'a JSON schema nested 1000 deep', /integration\.json:1:3586 - error yaml-unsupported/],
    ['hostile-alias-recursive', 'an alias inside its own anchor', /integration\.yaml:15:20 - error yaml-unsupported: .*alias \*tree is inside the node &tree names/],
    ['hostile-alias-scalar-bomb', 'aliases of a long string', /integration\.yaml:10:18 - error alias-limit: YAML aliases repeat more than 1\.0 MiB of text/],
    ['yaml-alias-bomb', 'billion laughs', /integration\.yaml:6:12 - error alias-limit/],
    ['hostile-entity-ref-cycle', 'entities that are only $refs to each other', /integration\.yaml:10:21 - error unresolved-ref: Cannot resolve \$ref '#\/entities\/right': it leads into a loop/],
  ];

  it.each(cases)('%s (%s), in-process', async (name, _what, expected) => {
    const dir = copy(join(INVALID, name));
    const manifest = readdirSync(dir).find((file) => /^integration\.(yaml|json)$/.test(file))!;
    const run = await inProcess(dir, 'generate', manifest);
    expectCleanFailure(run);
    expect(run.stdout, output(run)).toMatch(expected);
    expect(run.stdout).toMatch(/Nothing written\./);
    expect(existsSync(join(dir, 'src')), 'nothing written').toBe(false);
    expect(run.ms, 'fast').toBeLessThan(10_000);
  });

  it('all of them through the CLI in one run', async () => {
    const dir = join(base, 'all-hostile');
    mkdirSync(dir);
    const manifests = cases.map(([name]) => {
      cpSync(join(INVALID, name), join(dir, name), { recursive: true });
      return join(name, readdirSync(join(dir, name)).find((file) => /^integration\.(yaml|json)$/.test(file))!);
    });
    const run = await intc(dir, 'generate', ...manifests);
    expectCleanFailure(run);
    for (const [name, , expected] of cases) expect(run.stdout, `${name}\n${output(run)}`).toMatch(new RegExp(`^${name}[\\\\/]${expected.source.replace(/^\^/, '')}`, 'm'));
    expect(run.stdout).toMatch(/Nothing written\./);
    for (const [name] of cases) expect(existsSync(join(dir, name, 'src')), name).toBe(false);
  });

  it('refuses a 10 MB manifest with file-too-large at 1:1, before parsing it', async () => {
    const dir = join(base, 'ten-megabytes');
    mkdirSync(dir);
    const action = (i: number) =>
      [`  action${i}:`, `    description: Action number ${i} ${'with a long description '.repeat(20)}`, '    input: { schema: { type: object } }', '    output: { schema: { type: object } }'].join('\n');
    const parts = ['name: big', 'version: 1.0.0', 'description: Ten megabytes.', 'actions:'];
    let size = 0;
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const text = action(i);
      parts.push(text);
      size += text.length + 1;
    }
    writeFileSync(join(dir, 'integration.yaml'), `${parts.join('\n')}\n`);
    for (const command of ['generate', 'validate']) {
      const run = await intc(dir, command);
      expectCleanFailure(run);
      expect(run.stdout).toMatch(/^integration\.yaml:1:1 - error file-too-large: .*10\.\d MiB.*4\.0 MiB/m);
      expect(run.ms, `${command} is fast`).toBeLessThan(5_000);
    }
    expect(existsSync(join(dir, 'src'))).toBe(false);
  });
});

describe('legal names JavaScript gives a meaning of its own', () => {
  it('generates for constructor, toString, then, default… (the golden test type-checks the output)', async () => {
    const dir = copy(join(VALID, 'hostile-names'));
    const run = await intc(dir, 'generate');
    expect(run.code, output(run)).toBe(0);
    const generated = files(join(dir, 'src'));
    const golden = files(join(ROOT, 'test', 'golden', 'hostile-names', 'src'));
    for (const [path, text] of golden) expect(generated.get(path), path).toBe(text);
  });

  it('dispatches them as plain names at runtime, and nothing from Object.prototype', async () => {
    const calls: string[] = [];
    const handler = (name: string) => async () => {
      calls.push(name);
      return {};
    };
    const integration = new Integration({
      register: async () => {},
      unregister: async () => {},
      handler: async () => ({ status: 200 }),
      actions: {
        class: handler('class'),
        constructor: async ({ input }) => {
          calls.push(`constructor:${input.constructor.constructor}`);
          return { toString: 'not a function' };
        },
        default: handler('default'),
        delete: handler('delete'),
        hasOwnProperty: handler('hasOwnProperty'),
        then: handler('then'),
        toString: handler('toString'),
      },
      channels: { constructor: { messages: { constructor: async () => {}, valueOf: async () => {} } } },
    });
    const instance = integration.start({ configuration: {}, env: {}, logger: () => {} });
    // Every property given: an object literal without an optional `toString?: number` does not type-check
    // (TypeScript compares the Object.prototype member it inherits), a limit of such names, not of intc.
    const input = { constructor: { constructor: 'c', toString: 1, valueOf: 'v', hasOwnProperty: true } };
    expect(await instance.callAction('constructor', input)).toEqual({ toString: 'not a function' });
    await expect(instance.callAction('constructor', { constructor: { constructor: 'c', toString: 'one' } } as never)).rejects.toThrow(/toString/);
    await instance.callAction('then', {});
    await instance.callAction('toString', {});
    await instance.callAction('hasOwnProperty', {});
    expect(calls).toEqual(['constructor:c', 'then', 'toString', 'hasOwnProperty']);
    for (const name of ['valueOf', '__proto__', 'isPrototypeOf']) {
      await expect(instance.callAction(name as 'then', {})).rejects.toBeInstanceOf(UnknownNameError);
    }
    await instance.handleMessage({ channel: 'constructor', type: 'constructor', payload: { constructor: 'x' }, conversation: { id: '1' } });
    await expect(instance.handleMessage({ channel: 'constructor', type: 'toString' as 'valueOf', payload: {}, conversation: { id: '1' } })).rejects.toBeInstanceOf(
      UnknownNameError,
    );
  });

  it('generates recursive entity types that compile (golden) and validate recursive values', async () => {
    const dir = copy(join(VALID, 'hostile-recursive-entities'));
    const run = await intc(dir, 'generate');
    expect(run.code, output(run)).toBe(0);
    const types = readFileSync(join(dir, 'src', 'generated', 'types.ts'), 'utf8');
    expect(types).toMatch(/children\?: TreeNodeEntity\[\];/);
    expect(types).toMatch(/parent\?: TreeNodeEntity;/);
    expect(types).toMatch(/about\?: TreeNodeEntity;/);

    const tree = new RecursiveIntegration({
      register: async () => {},
      unregister: async () => {},
      handler: async () => ({ status: 200 }),
      actions: { walkTree: async ({ input }) => ({ nodes: [input.root, ...(input.root.children ?? [])] }) },
      channels: {},
    }).start({ configuration: {}, env: {}, logger: () => {} });
    const leaf = { value: 'leaf', annotation: { replies: [{ about: { value: 'deep', children: [] } }] } };
    const result = await tree.callAction('walkTree', { root: { value: 'root', children: [leaf] } });
    expect(result.nodes).toHaveLength(2);
    const broken = { value: 'root', children: [{ value: 'leaf', annotation: { replies: [{ about: { children: [] } }] } }] };
    await expect(tree.callAction('walkTree', { root: broken } as never)).rejects.toThrow(
      'Invalid input for action "walkTree": input.root.children[0].annotation.replies[0].about.value is required',
    );
  });
});

describe('output folders', () => {
  it('refuses a generated folder that is a symbolic link out of the project, and writes nothing through it', async () => {
    const dir = project();
    const elsewhere = join(base, `elsewhere-${++counter}`);
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'keep.txt'), 'not intc’s\n');
    mkdirSync(join(dir, 'src'));
    symlinkSync(elsewhere, join(dir, 'src', 'generated'));
    const run = await intc(dir, 'generate');
    expectCleanFailure(run);
    expect(run.stdout).toMatch(/^src[\\/]generated:1:1 - error output-not-writable: Cannot write 'src[\\/]generated': '.*' is a symbolic link to '.*', outside the project folder '.*'; intc does not write through it \(name the real folder with --out or --src to generate there\)\./m);
    expect(run.stdout.match(/error output-not-writable/g)).toHaveLength(1);
    expect(readdirSync(elsewhere)).toEqual(['keep.txt']);
    expect(readdirSync(join(dir, 'src'))).toEqual(['generated']);
    expect(lstatSync(join(dir, 'src', 'generated')).isSymbolicLink()).toBe(true);

    const named = await intc(dir, 'generate', '--out', elsewhere);
    expect(named.code, output(named)).toBe(0);
    expect(readdirSync(elsewhere).sort()).toEqual(['.intc-state.json', 'definition.json', 'index.ts', 'integration.ts', 'keep.txt', 'types.ts', 'validators.ts']);
  });

  it('refuses a stubs folder that is a symbolic link out of the project', async () => {
    const dir = project();
    const elsewhere = join(base, `elsewhere-${++counter}`);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(dir, 'src'));
    const run = await intc(dir, 'generate');
    expectCleanFailure(run);
    expect(run.stdout).toMatch(/error output-not-writable: Cannot write 'src': .* is a symbolic link to /);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('says so when the generated folder is a link to nothing', async () => {
    const dir = project();
    mkdirSync(join(dir, 'src'));
    const nowhere = join(base, `nowhere-${++counter}`);
    symlinkSync(nowhere, join(dir, 'src', 'generated'));
    const run = await intc(dir, 'generate');
    expectCleanFailure(run);
    expect(run.stdout).toMatch(/error output-not-writable: Cannot write 'src[\\/]generated': it is a symbolic link to '.*nowhere-\d+', which does not exist\./);
    expect(existsSync(nowhere)).toBe(false);
  });

  it('follows a symbolic link that stays inside the project', async () => {
    const dir = project();
    mkdirSync(join(dir, 'build', 'generated'), { recursive: true });
    mkdirSync(join(dir, 'src'));
    symlinkSync(join(dir, 'build', 'generated'), join(dir, 'src', 'generated'));
    const run = await intc(dir, 'generate');
    expect(run.code, output(run)).toBe(0);
    expect(existsSync(join(dir, 'build', 'generated', 'types.ts'))).toBe(true);
  });

  it('refuses an output path that is a file, once, and leaves the file alone', async () => {
    const dir = project();
    writeFileSync(join(dir, 'out.txt'), 'a file\n');
    const run = await intc(dir, 'generate', '--out', 'out.txt');
    expectCleanFailure(run);
    expect(run.stdout).toMatch(/^out\.txt:1:1 - error output-not-writable: Cannot write 'out\.txt': it is a file, not a folder\./m);
    expect(run.stdout.match(/error output-not-writable/g)).toHaveLength(1);
    // The plan was refused before any write: the summary says so.
    expect(run.stdout).toMatch(/Nothing written\.\n$/);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('a file\n');
    expect(existsSync(join(dir, 'src'))).toBe(false);

    const below = await intc(dir, 'generate', '--out', 'out.txt/generated', '--src', 'out.txt/src');
    expectCleanFailure(below);
    expect(below.stdout).toMatch(/Cannot write 'out\.txt[\\/]generated': 'out\.txt' is a file, not a folder\./);
    expect(below.stdout.match(/error output-not-writable/g)).toHaveLength(1);
  });

  it.skipIf(isRoot && !HAS_BUILD)('reports a read-only generated folder as permission denied, without a stack trace', async () => {
    const dir = project();
    mkdirSync(join(dir, 'src', 'generated'), { recursive: true });
    chmodSync(join(dir, 'src', 'generated'), 0o555);
    let run: Run;
    if (isRoot) {
      // root writes anywhere: run the CLI as an unprivileged user, who can read the project but not write the folder.
      for (let d = dir; d.startsWith(base) || d === base; d = dirname(d)) chmodSync(d, 0o755);
      chmodSync(join(dir, 'src'), 0o777);
      const spawned = spawnSync(process.execPath, [CLI, 'generate'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, uid: 65534, gid: 65534 });
      if (spawned.stderr?.includes('EACCES') && !spawned.stdout) return; // the build is not readable by that user here
      run = { code: spawned.status, stdout: spawned.stdout, stderr: spawned.stderr, ms: 0 };
    } else {
      run = await intc(dir, 'generate');
    }
    expectCleanFailure(run, 3);
    expect(run.stdout).toMatch(/error output-not-writable: Cannot write 'src[\\/]generated[\\/][^']+': permission denied\./);
    expect(readdirSync(join(dir, 'src', 'generated'))).toEqual([]);
    chmodSync(join(dir, 'src', 'generated'), 0o755);
  });
});
