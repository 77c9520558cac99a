/**
 * Inputs that are awkward to keep as fixtures, generated at test time into a
 * temporary folder: empty and comment-only files, a manifest over the size
 * limit, JSON, an alias bomb, a byte-order mark, CRLF line endings, folders and
 * missing paths, and the CLI's options and exit codes. None may crash intc.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../packages/intc/src/diagnostics/diagnostic.js';
import { validate } from '../packages/intc/src/pipeline.js';
import { runCli } from './fixture-harness.js';

let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'intc-special-'));
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Writes `text` at `relativePath` under a fresh case folder and returns the file's path. */
function write(caseName: string, relativePath: string, text: string | Buffer): string {
  const path = join(work, caseName, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** `line:col code` of each error, for compact assertions. */
function errorsOf(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.location.start.line}:${d.location.start.column} ${d.code}`);
}

function expectNoStackTrace(run: { stdout: string; stderr: string }): void {
  expect(run.stdout + run.stderr, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`).not.toMatch(/^\s+at /m);
}

const VALID = [
  'name: weather',
  'version: 1.0.0',
  'description: Look up the weather forecast for a city.',
  'actions:',
  '  getForecast:',
  '    description: Get the forecast for a city',
  '    input:',
  '      schema:',
  '        type: object',
  '        properties:',
  '          city: { type: string }',
  '        required: [city]',
  '    output:',
  '      schema:',
  '        type: object',
  '',
].join('\n');

/** VALID with two errors: a bad integration name (1:7) and an unknown action key (6:5). */
const TWO_ERRORS = [
  'name: Weather',
  'version: 1.0.0',
  'description: Look up the weather forecast for a city.',
  'actions:',
  '  getForecast:',
  '    billabel: true',
  '    input:',
  '      schema: { type: object }',
  '    output:',
  '      schema: { type: object }',
  '',
].join('\n');
const TWO_ERRORS_EXPECTED = ['1:7 invalid-value', '6:5 unknown-property'];

/** An integration of about `bytes` bytes: many actions, each with a dozen documented fields. */
function bigManifest(bytes: number): string {
  const parts = ['name: big', 'version: 1.0.0', 'description: A generated integration with many actions.', 'actions:', ''];
  let size = parts.join('\n').length;
  for (let i = 0; size < bytes; i++) {
    const lines = [`  action${i}:`, `    description: Generated action number ${i}`, '    input:', '      schema:', '        type: object', '        properties:'];
    for (let j = 0; j < 12; j++) {
      lines.push(`          field${j}:`, '            type: string', `            description: Field ${j} of the generated action ${i}, with some explanatory text.`);
    }
    lines.push('        required: [field0]', '    output:', '      schema:', '        type: object', '        properties:', '          ok: { type: boolean }', '');
    const block = lines.join('\n');
    parts.push(block);
    size += block.length;
  }
  return parts.join('\n');
}

/** Billion laughs: ten aliases per level, nine levels (10^9 strings if expanded). */
function aliasBomb(): string {
  const lines = ['name: weather', 'version: 1.0.0', 'description: Look up the weather forecast for a city.', 'attributes:', '  l0: &l0 "lol"'];
  for (let level = 1; level <= 9; level++) {
    lines.push(`  l${level}: &l${level} [${Array.from({ length: 10 }, () => `*l${level - 1}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

describe('empty and comment-only files', () => {
  it('reports an empty file as empty-manifest at 1:1', () => {
    const file = write('empty', 'integration.yaml', '');
    expect(errorsOf(validate([file]).diagnostics)).toEqual(['1:1 empty-manifest']);
    const run = runCli(['validate', file], work);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('integration.yaml:1:1 - error empty-manifest:');
    expectNoStackTrace(run);
  });

  it('reports a file of only whitespace as empty-manifest', () => {
    const file = write('blank', 'integration.yaml', '\n   \n\n');
    expect(errorsOf(validate([file]).diagnostics)).toEqual(['1:1 empty-manifest']);
  });

  it('reports a file of only comments as empty-manifest', () => {
    const file = write('comments', 'integration.yaml', '# yaml-language-server: $schema=../schema/integration.schema.json\n# name: weather\n');
    expect(errorsOf(validate([file]).diagnostics)).toEqual(['1:1 empty-manifest']);
    const run = runCli(['validate', file], work);
    expect(run.status).toBe(1);
    expectNoStackTrace(run);
  });
});

describe('size limit', () => {
  const FIVE_MB = 5_000_000;

  it('refuses a 5 MB manifest with file-too-large at 1:1, fast', () => {
    const file = write('big', 'integration.yaml', bigManifest(FIVE_MB));
    const run = runCli(['validate', file], work);
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain('integration.yaml:1:1 - error file-too-large:');
    expect(run.stdout).toMatch(/Found 1 error, 0 warnings\./);
    expectNoStackTrace(run);
    // Refused before parsing: no YAML work, so well under the time a parse would take.
    expect(run.ms).toBeLessThan(5_000);
    expect(errorsOf(validate([file]).diagnostics)).toEqual(['1:1 file-too-large']);
  });

  it('accepts the same file with a raised limit (library option maxFileBytes)', () => {
    const file = write('big-accepted', 'integration.yaml', bigManifest(FIVE_MB));
    const result = validate([file], { maxFileBytes: 8_000_000 });
    expect(result.diagnostics.filter((d) => d.code === 'internal-error')).toEqual([]);
    expect(errorsOf(result.diagnostics)).toEqual([]);
  });

  it('accepts the same file with --max-file-size 8000000', () => {
    const file = write('big-cli', 'integration.yaml', bigManifest(FIVE_MB));
    const run = runCli(['validate', file, '--max-file-size', '8000000'], work);
    expect(run.status, run.stdout.slice(0, 2000) + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Found 0 errors/);
    expectNoStackTrace(run);
  });

  it('rejects a --max-file-size that is not a positive number as a usage error', () => {
    const file = write('size-option', 'integration.yaml', VALID);
    const run = runCli(['validate', file, '--max-file-size', 'lots'], work);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--max-file-size');
    expectNoStackTrace(run);
  });
});

describe('JSON manifests', () => {
  it('validates a JSON manifest without errors', () => {
    const manifest = {
      name: 'weather',
      version: '1.0.0',
      description: 'Look up the weather forecast for a city.',
      actions: {
        getForecast: {
          description: 'Get the forecast for a city',
          input: { schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
          output: { schema: { type: 'object' } },
        },
      },
    };
    const file = write('json-valid', 'integration.json', `${JSON.stringify(manifest, null, 2)}\n`);
    expect(errorsOf(validate([file]).diagnostics)).toEqual([]);
    expect(runCli(['validate', file], work).status).toBe(0);
  });

  it('locates errors in minified JSON by column', () => {
    const file = write('json-minified', 'integration.json', '{"name":"weather","version":"1.0","description":"Weather."}');
    expect(errorsOf(validate([file]).diagnostics)).toEqual(['1:29 invalid-value']);
  });
});

describe('alias bomb', () => {
  it('stops a billion-laughs manifest with alias-limit, fast', () => {
    const file = write('bomb', 'integration.yaml', aliasBomb());
    const started = Date.now();
    const { diagnostics } = validate([file]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(errorsOf(diagnostics)).toEqual(['6:12 alias-limit']);
    const run = runCli(['validate', file], work);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('integration.yaml:6:12 - error alias-limit:');
    expectNoStackTrace(run);
  });
});

describe('encodings and line endings', () => {
  it('ignores a UTF-8 byte-order mark: positions on line 1 are unchanged', () => {
    const file = write('bom', 'integration.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TWO_ERRORS, 'utf8')]));
    expect(errorsOf(validate([file]).diagnostics)).toEqual(TWO_ERRORS_EXPECTED);
    const run = runCli(['validate', file], work);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('integration.yaml:1:7 - error invalid-value:');
  });

  it('accepts a valid manifest with a byte-order mark', () => {
    const file = write('bom-valid', 'integration.yaml', `\uFEFF${VALID}`);
    expect(errorsOf(validate([file]).diagnostics)).toEqual([]);
  });

  it('gives the same line:col with CRLF line endings', () => {
    const file = write('crlf', 'integration.yaml', TWO_ERRORS.replace(/\n/g, '\r\n'));
    expect(errorsOf(validate([file]).diagnostics)).toEqual(TWO_ERRORS_EXPECTED);
    const run = runCli(['validate', file], work);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('integration.yaml:6:5 - error unknown-property:');
    expect(run.stdout).toMatch(/^> +6 \| {5}billabel: true$/m);
    expect(run.stdout).not.toContain('\r');
  });

  it('accepts a valid manifest with CRLF line endings', () => {
    const file = write('crlf-valid', 'integration.yaml', VALID.replace(/\n/g, '\r\n'));
    expect(errorsOf(validate([file]).diagnostics)).toEqual([]);
  });
});

describe('unusual YAML', () => {
  it('accepts an explicit document start and end marker', () => {
    const file = write('doc-markers', 'integration.yaml', `---\n${VALID}...\n`);
    expect(errorsOf(validate([file]).diagnostics)).toEqual([]);
  });

  it('reports a complex (collection) key at its line, with nothing printed on stderr', () => {
    const file = write('complex-key', 'integration.yaml', 'name: weather\nversion: 1.0.0\ndescription: Weather.\n? [a, b]\n: c\n');
    const run = runCli(['validate', file], work);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/integration\.yaml:4:3 - error yaml-unsupported:/);
    expect(run.stderr).toBe('');
  });

  it('survives absurdly deep nesting with a located error', () => {
    const file = write('deep', 'integration.yaml', `name: weather\nversion: 1.0.0\ndescription: Weather.\nattributes:\n  a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    const run = runCli(['validate', file], work);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/integration\.yaml:5:204 - error yaml-unsupported: Unsupported YAML: nesting deeper than 200 levels/);
    expectNoStackTrace(run);
  });
});

describe('paths', () => {
  it('validates the manifest inside a folder named on the command line', () => {
    const file = write('folder', 'integration.yaml', TWO_ERRORS);
    const run = runCli(['validate', dirname(file)], work);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('integration.yaml:6:5 - error unknown-property:');
    expectNoStackTrace(run);
  });

  it('reads the manifest in a folder given to the library, by exact name or as <name>.<kind>.yaml', () => {
    const file = write('folder-library', 'integration.yaml', VALID);
    expect(errorsOf(validate([dirname(file)]).diagnostics)).toEqual([]);
    const named = write('folder-named', 'slack.integration.yaml', VALID);
    const result = validate([dirname(named)]);
    expect(errorsOf(result.diagnostics)).toEqual([]);
    expect(result.manifests.map((m) => m.file.path)).toEqual([named]);
  });

  it('reports a named folder without a manifest as no-manifest-in-folder (exit 1), and checks the other files', () => {
    const folder = join(work, 'no-manifest-folder');
    mkdirSync(folder, { recursive: true });
    const broken = write('next-to-empty-folder', 'integration.yaml', 'name: x\nversion: 1.0.0\nactions:\n  Bad_Name: {}\n');
    const run = runCli(['validate', folder, broken], work);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/no-manifest-folder:1:1 - error no-manifest-in-folder:/);
    expect(run.stdout).toMatch(/integration\.yaml:4:3 - error invalid-name:/);
    expectNoStackTrace(run);
  });

  it('asks to name the file when a folder holds several <name>.<kind>.yaml', () => {
    const first = write('two-named', 'a.integration.yaml', VALID);
    write('two-named', 'b.integration.yaml', VALID);
    const diagnostics = validate([dirname(first)]).diagnostics;
    expect(errorsOf(diagnostics)).toEqual(['1:1 no-manifest-in-folder']);
    expect(diagnostics[0]!.message).toContain('a.integration.yaml, b.integration.yaml: name the file');
  });

  it('is a usage error (exit 2) to run in a folder without a manifest and name none', () => {
    const folder = join(work, 'empty-cwd');
    mkdirSync(folder, { recursive: true });
    const run = runCli(['validate'], folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('No manifest');
    expectNoStackTrace(run);
  });

  it('reports a path that does not exist as file-not-found (exit 1), not a stack trace', () => {
    const run = runCli(['validate', 'does-not-exist/integration.yaml'], work);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/does-not-exist[\\/]integration\.yaml:1:1 - error file-not-found:/);
    expectNoStackTrace(run);
    const missing = join(work, 'nowhere', 'integration.yaml');
    expect(errorsOf(validate([missing]).diagnostics)).toEqual(['1:1 file-not-found']);
  });

  it('is a usage error (exit 2) to run `intc validate` where there is no manifest', () => {
    const empty = join(work, 'empty-cwd');
    mkdirSync(empty, { recursive: true });
    const run = runCli(['validate'], empty);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('No manifest');
    expectNoStackTrace(run);
  });

  it('checks the manifest of the current folder when none is named', () => {
    const file = write('cwd', 'integration.yaml', VALID);
    const run = runCli(['validate'], dirname(file));
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });
});

describe('CLI options', () => {
  it('--format json prints parseable diagnostics with file, line, column and code', () => {
    const file = write('json-format', 'integration.yaml', TWO_ERRORS);
    const run = runCli(['validate', file, '--format', 'json'], dirname(file));
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as {
      diagnostics: { file: string; line: number; column: number; code: string; severity: string; message: string }[];
      errorCount: number;
    };
    expect(report.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual(
      TWO_ERRORS_EXPECTED.map((e) => `integration.yaml:${e}`),
    );
    expect(report.errorCount).toBe(2);
    for (const d of report.diagnostics) expect(typeof d.message).toBe('string');
  });

  it('--format json prints an empty report for a clean manifest', () => {
    const file = write('json-format-clean', 'integration.yaml', VALID);
    const run = runCli(['validate', file, '--format', 'json'], dirname(file));
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ diagnostics: [], errorCount: 0, warningCount: 0 });
  });

  it('--strict turns a warning into exit 1', () => {
    const file = write('strict', 'integration.yaml', VALID.replace(/^description: .*\n/m, ''));
    const relaxed = runCli(['validate', file], work);
    expect(relaxed.status, relaxed.stdout).toBe(0);
    expect(relaxed.stdout).toContain('warning missing-description');
    expect(relaxed.stdout).toMatch(/Found 0 errors, 1 warning\./);
    const strict = runCli(['validate', file, '--strict'], work);
    expect(strict.status, strict.stdout).toBe(1);
  });

  it('an unknown option is a usage error: exit 2 with the usage', () => {
    const file = write('unknown-option', 'integration.yaml', VALID);
    const run = runCli(['validate', file, '--frobnicate'], work);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Usage: intc validate');
    expectNoStackTrace(run);
  });

  it('an unknown --format is a usage error: exit 2', () => {
    const file = write('unknown-format', 'integration.yaml', VALID);
    const run = runCli(['validate', file, '--format', 'xml'], work);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Usage: intc validate');
  });

  it('an unknown command is a usage error: exit 2 with the usage', () => {
    const run = runCli(['frobnicate'], work);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Usage: intc');
    expectNoStackTrace(run);
  });
});

describe('output to a closed pipe', () => {
  it('stops quietly when the reader goes away (`intc validate | head -1`)', async () => {
    const { spawnSync } = await import('node:child_process');
    const { CLI } = await import('./fixture-harness.js');
    const lines = Array.from({ length: 400 }, (_, i) => `  Bad_Action${i}: {}`).join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'intc-pipe-'));
    try {
      writeFileSync(join(dir, 'integration.yaml'), `name: pipe\nversion: 1.0.0\nactions:\n${lines}\n`);
      const run = spawnSync('sh', ['-c', `node "${CLI}" validate "${dir}" | head -1`], { encoding: 'utf8' });
      expect(run.stdout).toMatch(/integration\.yaml:\d+:\d+ - (error|warning) /);
      expect(run.stderr).not.toMatch(/EPIPE|\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
