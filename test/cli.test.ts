/**
 * The CLI run in-process through `main(argv, io)` with a fake io, and the
 * library's promise: `validate()` never prints and never exits.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../packages/intc/src/cli/main.js';
import type { CliIo } from '../packages/intc/src/cli/io.js';
import { validate } from '../packages/intc/src/pipeline.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const valid = join(root, 'fixtures', 'valid');
const version = (JSON.parse(readFileSync(join(root, 'packages', 'intc', 'package.json'), 'utf8')) as { version: string }).version;

const ESC = '\u001b[';
const STACK_FRAME = /\n\s+at .+:\d+:\d+\)?/;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(argv: readonly string[], cwd: string, color = false): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd,
    color,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

let tmp: string;
/** A folder with an integration.yaml that has errors at known places. */
let invalidDir: string;
let emptyDir: string;

const INVALID_MANIFEST = [
  '# yaml-language-server: $schema=../schema/integration.schema.json',
  'name: acme',
  'version: 1.0.0',
  'description: An integration with mistakes.',
  'actions:',
  '  Send_Message:',
  '    input:',
  '      schema: { typ: object }',
  '    output:',
  '      schema: { type: object }',
  '',
].join('\n');

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'intc-cli-'));
  invalidDir = join(tmp, 'invalid');
  emptyDir = join(tmp, 'empty');
  mkdirSync(invalidDir);
  mkdirSync(emptyDir);
  writeFileSync(join(invalidDir, 'integration.yaml'), INVALID_MANIFEST);
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('intc main(argv, io)', () => {
  // Whatever main does, it talks only through io and never ends the process.
  let writes: ReturnType<typeof vi.spyOn>[] = [];
  let exit: ReturnType<typeof vi.spyOn>;
  beforeAll(() => {
    writes = [vi.spyOn(process.stdout, 'write'), vi.spyOn(process.stderr, 'write')];
    exit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      throw new Error(`process.exit(${code}) called`);
    }) as never);
  });
  afterEach(() => {
    for (const spy of writes) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockClear();
    }
    expect(exit).not.toHaveBeenCalled();
  });
  afterAll(() => {
    for (const spy of writes) spy.mockRestore();
    exit.mockRestore();
  });

  it('--help prints usage and exits 0', async () => {
    const result = await run(['--help'], root);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: intc');
    expect(result.stdout).toContain('validate');
    expect(result.stderr).toBe('');
  });

  it('validate --help prints the validate usage and exits 0', async () => {
    const result = await run(['validate', '--help'], root);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: intc validate');
    expect(result.stdout).toContain('--format');
  });

  it("--version prints package.json's version and exits 0", async () => {
    for (const flag of ['--version', '-v']) {
      const result = await run([flag], root);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`${version}\n`);
      expect(result.stderr).toBe('');
    }
  });

  it('an unknown command exits 2 with usage on stderr', async () => {
    const result = await run(['frobnicate'], root);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("Unknown command 'frobnicate'");
    expect(result.stderr).toContain('Usage: intc');
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });

  it('an unknown option exits 2 with usage, not a stack trace', async () => {
    const result = await run(['validate', '--frobnicate'], join(valid, 'minimal'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: intc validate');
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });

  it('validate with no files checks the integration.yaml of the current folder (valid)', async () => {
    const result = await run(['validate'], join(valid, 'telegram'));
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/Found 0 errors, \d+ warnings?\./);
    expect(result.code).toBe(0);
  });

  it('validate with no files checks the integration.yaml of the current folder (invalid)', async () => {
    const result = await run(['validate'], invalidDir);
    expect(result.code).toBe(1);
    // The errors are located in that file, with paths relative to cwd.
    expect(result.stdout).toMatch(/^integration\.yaml:6:3 - error invalid-name: .*Send_Message/m);
    expect(result.stdout).toMatch(/^integration\.yaml:8:\d+ - error unknown-schema-keyword: .*typ/m);
    expect(result.stdout).toMatch(/Found [1-9]\d* errors?, \d+ warnings?\./);
  });

  it('validate in a folder without a manifest exits 2 with a clear message', async () => {
    const result = await run(['validate'], emptyDir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`No manifest in ${emptyDir}`);
    expect(result.stderr).toContain('integration.yaml');
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stderr).not.toContain('internal compiler error');
  });

  it('--format yaml exits 2', async () => {
    const result = await run(['validate', '--format', 'yaml'], join(valid, 'minimal'));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--format');
    expect(result.stderr).toContain('yaml');
  });

  it('--format json on an invalid manifest exits 1 with located diagnostics', async () => {
    const result = await run(['validate', '--format', 'json'], invalidDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as {
      diagnostics: { file: unknown; line: unknown; column: unknown; code: unknown; severity: unknown; message: unknown }[];
      errorCount: number;
      warningCount: number;
    };
    expect(report.errorCount).toBeGreaterThanOrEqual(1);
    expect(report.errorCount).toBe(report.diagnostics.filter((d) => d.severity === 'error').length);
    expect(report.diagnostics.length).toBeGreaterThanOrEqual(report.errorCount);
    for (const d of report.diagnostics) {
      expect(d.file).toBe('integration.yaml');
      expect(d.line).toBeTypeOf('number');
      expect(d.column).toBeTypeOf('number');
      expect(d.line as number).toBeGreaterThanOrEqual(1);
      expect(d.column as number).toBeGreaterThanOrEqual(1);
      expect(d.code).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(d.message).toBeTypeOf('string');
    }
    expect(report.diagnostics.some((d) => d.line === 6 && d.column === 3)).toBe(true);
  });

  it('--format json on a valid manifest exits 0 with errorCount 0 and nothing else on stdout', async () => {
    const result = await run(['validate', '--format', 'json', 'integration.json'], join(valid, 'json-manifest'));
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { errorCount: number };
    expect(report.errorCount).toBe(0);
  });

  it('no colour escapes when io.color is false; colour when it is true', async () => {
    const plain = await run(['validate'], invalidDir, false);
    expect(plain.code).toBe(1);
    expect(plain.stdout).not.toContain(ESC);
    expect(plain.stderr).not.toContain(ESC);
    const usage = await run(['frobnicate'], invalidDir, false);
    expect(usage.stderr).not.toContain(ESC);

    const coloured = await run(['validate'], invalidDir, true);
    expect(coloured.code).toBe(1);
    expect(coloured.stdout).toContain(ESC);
  });

  it('a folder argument means the manifest inside it; several may be named', async () => {
    const result = await run(['validate', join(valid, 'minimal'), join(valid, 'telegram')], tmp);
    expect(result.code).toBe(0);
    const bad = await run(['validate', join(valid, 'minimal'), 'invalid'], tmp);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/invalid[\\/]integration\.yaml:6:3 - error/);
  });

  it('a named file that does not exist is a located error, not a crash', async () => {
    const result = await run(['validate', 'nope/integration.yaml'], tmp);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/nope[\\/]integration\.yaml:1:1 - error file-not-found:/);
    expect(result.stdout + result.stderr).toContain('nope');
    expect(result.stdout + result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stdout + result.stderr).not.toContain('internal compiler error');
  });
});

describe('library validate()', () => {
  it('never writes to process.stdout/stderr or the console and never calls process.exit', () => {
    const spies = [
      vi.spyOn(process.stdout, 'write'),
      vi.spyOn(process.stderr, 'write'),
      vi.spyOn(console, 'log'),
      vi.spyOn(console, 'info'),
      vi.spyOn(console, 'warn'),
      vi.spyOn(console, 'error'),
      vi.spyOn(console, 'debug'),
    ];
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      throw new Error(`process.exit(${code}) called`);
    }) as never);
    const broken = join(tmp, 'broken');
    mkdirSync(broken, { recursive: true });
    writeFileSync(join(broken, 'integration.yaml'), 'name: acme\nname: again\nversion: [\n');
    try {
      const inputs = [
        [join(valid, 'telegram', 'integration.yaml')],
        [join(valid, 'bot', 'bot.yaml')],
        [join(valid, 'llm', 'integrations', 'openai', 'integration.yaml')],
        [join(invalidDir, 'integration.yaml')],
        [join(broken, 'integration.yaml')],
        [join(tmp, 'missing', 'integration.yaml')],
        [emptyDir],
        [join(valid, 'json-manifest', 'integration.json'), join(invalidDir, 'integration.yaml')],
      ];
      const results = inputs.map((paths) => validate(paths));
      expect(results[3]!.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      expect(results[4]!.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      expect(results[5]!.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      for (const result of results) {
        for (const d of result.diagnostics) {
          expect(d.location.start.line).toBeGreaterThanOrEqual(1);
          expect(d.location.start.column).toBeGreaterThanOrEqual(1);
        }
      }
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
      expect(exit).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
      exit.mockRestore();
    }
  });

  it('accepts the valid fixtures in-process (no errors, no internal-error)', () => {
    for (const file of [
      join(valid, 'minimal', 'integration.yaml'),
      join(valid, 'telegram', 'integration.yaml'),
      join(valid, 'json-manifest', 'integration.json'),
      join(valid, 'bot', 'bot.yaml'),
    ]) {
      const errors = validate([file]).diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => `${d.code}: ${d.message}`), file).toEqual([]);
    }
  });
});

describe('control characters from a manifest', () => {
  it('never reach the terminal raw: escaped in messages, one visible sign each in the code frame', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'intc-controls-'));
    try {
      const key = '"\\e[2J\\e[31mFAKE\\0OK"';
      writeFileSync(join(dir, 'integration.yaml'), `name: acme\nversion: 1.0.0\ndescription: x\nactions:\n  ${key}:\n    input: { schema: { type: object } }\n    output: { schema: { type: object } }\n`);
      const result = await run(['validate', join(dir, 'integration.yaml')], dir);
      expect(result.code).toBe(1);
      expect(result.stdout + result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(result.stdout).toContain('\\x1b[2J');
      expect(result.stdout).toContain('integration.yaml:5:3');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
