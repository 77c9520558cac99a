/**
 * Fixes as data and the engine that applies them: edits applied without
 * overlapping and re-checked until stable; edits that keep every byte they
 * do not name (comments, quotes, line endings, encodings); `intc validate
 * --fix` and `--fix --dry-run`; the fix in the text and JSON reports.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../packages/intc/src/cli/io.js';
import { main } from '../packages/intc/src/cli/main.js';
import type { TextEdit } from '../packages/intc/src/diagnostics/diagnostic.js';
import { applyEdits } from '../packages/intc/src/fix/apply-edits.js';
import { fixManifests, MAX_FIX_PASSES } from '../packages/intc/src/fix/fix-manifests.js';
import { insertEntry, insertLevel, removeEntry, removeLevel, renameKey, swapEntry } from '../packages/intc/src/fix/source-edits.js';
import { decodeSource, encodeSource } from '../packages/intc/src/load/read-source.js';
import { SourceFile } from '../packages/intc/src/load/source-file.js';
import { validate } from '../packages/intc/src/pipeline.js';
import { MISTAKES_DIR } from './fixture-harness.js';

const work = mkdtempSync(join(tmpdir(), 'intc-fix-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let folders = 0;

/** A copy of a fixtures/mistakes case in a folder of its own. */
function copyCase(name: string): string {
  const dir = join(work, `${folders++}-${name}`);
  cpSync(join(MISTAKES_DIR, name), dir, { recursive: true });
  return dir;
}

function manifestIn(dir: string, text: string, name = 'integration.yaml'): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function cli(argv: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { cwd, color: false, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

function edit(start: number, end: number, replacement: string): TextEdit {
  return { file: 'x', start, end, replacement, range: { start: { line: 1, column: start + 1 }, end: { line: 1, column: end + 1 } } };
}

describe('applyEdits', () => {
  it('applies edits that do not overlap, in order, and leaves the rest of the text as it is', () => {
    const result = applyEdits('abcdef', [edit(4, 5, 'E'), edit(0, 1, 'A')]);
    expect(result.text).toBe('AbcdEf');
    expect(result.deferred).toEqual([]);
  });

  it('defers an edit that overlaps one taken before it, and a second insertion at the same place', () => {
    const result = applyEdits('abcdef', [edit(1, 4, 'X'), edit(2, 3, 'Y'), edit(5, 5, '1'), edit(5, 5, '2')]);
    expect(result.text).toBe('aXe1f');
    expect(result.deferred.map((e) => e.replacement)).toEqual(['Y', '2']);
  });

  it('applies the same edit once, however many diagnostics carry it', () => {
    expect(applyEdits('ab', [edit(0, 1, 'A'), edit(0, 1, 'A')]).text).toBe('Ab');
  });
});

describe('edits keep what they do not name', () => {
  const text = [
    '# the manifest',
    'input:   # the input',
    '  type: object     # kept',
    "  properties: { 'a': { type: string } }",
    '',
    'other: "x" # trailing',
    '',
  ].join('\n');
  const file = () => new SourceFile('/m/integration.yaml', text);
  const apply = (e: TextEdit | undefined) => applyEdits(text, e ? [e] : []).text;

  it('renames a key, keeping its quotes and the comments around it', () => {
    expect(apply(renameKey(file(), ['input', 'properties', 'a'], 'b'))).toContain("  properties: { 'b': { type: string } }");
    expect(apply(renameKey(file(), ['other'], 'another'))).toContain('another: "x" # trailing');
  });

  it('inserts a level: the moved lines keep their comments, indented one step deeper', () => {
    expect(apply(insertLevel(file(), ['input'], 'schema', ['type', 'properties']))).toBe(
      ['# the manifest', 'input:   # the input', '  schema:', '    type: object     # kept', "    properties: { 'a': { type: string } }", '', 'other: "x" # trailing', ''].join('\n'),
    );
  });

  it('removes an extra level and inserts and removes entries, in block and flow mappings', () => {
    const nested = new SourceFile('/m/integration.yaml', 'a:\n  schema:\n    type: object # t\n    title: T\nb: { c: 1, d: 2 }\n');
    expect(applyEdits(nested.text, [removeLevel(nested, ['a', 'schema'])!]).text).toBe('a:\n  type: object # t\n  title: T\nb: { c: 1, d: 2 }\n');
    expect(applyEdits(nested.text, [removeEntry(nested, ['b', 'c'])!]).text).toContain('b: { d: 2 }');
    expect(applyEdits(nested.text, [insertEntry(nested, ['b'], 'e', [1, 'x y'])!]).text).toContain('b: { c: 1, d: 2, e: [1, x y] }');
    expect(applyEdits(nested.text, [insertEntry(nested, ['a', 'schema'], 'required', ['a'], 'first')!]).text).toContain('  schema:\n    required: [a]\n    type: object # t');
  });

  it('swaps a reversed mapping', () => {
    const mapping = new SourceFile('/m/integration.yaml', 'entities:\n  model: modelRef   # reversed\n');
    expect(applyEdits(mapping.text, [swapEntry(mapping, ['entities', 'model'])!]).text).toBe('entities:\n  modelRef: model   # reversed\n');
  });

  it('writes new lines with the line endings the file has', () => {
    const crlf = new SourceFile('/m/integration.yaml', 'input:\r\n  type: object\r\n  title: T\r\n');
    expect(applyEdits(crlf.text, [insertLevel(crlf, ['input'], 'schema', ['type', 'title'])!]).text).toBe('input:\r\n  schema:\r\n    type: object\r\n    title: T\r\n');
  });

  it('writes JSON in a JSON manifest: keys and strings in double quotes, a new level on lines of its own', () => {
    const json = new SourceFile('/m/integration.json', '{\n  "input": {\n    "type": "object",\n    "title": "T"\n  }\n}\n');
    const fixed = applyEdits(json.text, [insertLevel(json, ['input'], 'schema', ['type', 'title'])!]).text;
    expect(JSON.parse(fixed)).toEqual({ input: { schema: { type: 'object', title: 'T' } } });
    expect(fixed).toContain('    "schema": {\n      "type": "object",\n      "title": "T"\n    }');
    expect(applyEdits(json.text, [renameKey(json, ['input', 'title'], 'description')!]).text).toContain('"description": "T"');
  });
});

describe('manifests in other encodings', () => {
  const text = 'name: café\nversion: 1.0.0\n';

  it.each(['utf16le', 'utf16be', 'utf32le', 'utf32be', 'utf8-bom'] as const)('reads %s by its byte order mark and writes it back the same', (encoding) => {
    const bytes = encodeSource(text, encoding);
    const decoded = decodeSource(bytes);
    expect(decoded).toEqual({ ok: true, text, encoding });
    expect(encodeSource(decoded.ok ? decoded.text : '', encoding).equals(bytes)).toBe(true);
  });

  it('tells UTF-16 without a byte order mark, and bytes that are not UTF-8 at their line', () => {
    expect(decodeSource(Buffer.from(text, 'utf16le'))).toMatchObject({ ok: false, detail: expect.stringContaining('UTF-16 without a byte order mark') });
    const latin1 = decodeSource(Buffer.from(text, 'latin1'));
    expect(latin1).toMatchObject({ ok: false, offset: 9, detail: expect.stringContaining('line 1') });
    expect(decodeSource(Buffer.from('name: \ufffd\n', 'utf8'))).toMatchObject({ ok: true });
  });

  it('validates a UTF-16 manifest like any other', () => {
    const dir = mkdtempSync(join(work, 'utf16-'));
    const path = join(dir, 'integration.yaml');
    writeFileSync(path, encodeSource('name: demo\nversion: 1.0.0\ndescription: A demo.\n', 'utf16le'));
    expect(validate([path]).diagnostics).toEqual([]);
  });
});

describe('fixManifests', () => {
  it('applies the fixes, re-checks, and reports what is left of the fixed text', () => {
    const dir = mkdtempSync(join(work, 'loop-'));
    const path = manifestIn(dir, 'name: demo\nversion: 1.0.0\ndescripton: A demo.\nactions:\n  go:\n    description: Go.\n    billabel: yes\n    input: { schema: { type: object } }\n');
    const result = fixManifests([path]);
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]!.after).toBe('name: demo\nversion: 1.0.0\ndescription: A demo.\nactions:\n  go:\n    description: Go.\n    billable: true\n    input: { schema: { type: object } }\n    output: { schema: { type: object } }\n');
    expect(result.applied).toBe(4);
    expect(result.diagnostics).toEqual([]);
    expect(readFileSync(path, 'utf8')).toContain('descripton'); // nothing written
  });

  it('stops after a bounded number of passes and never goes back to a text it had', () => {
    expect(MAX_FIX_PASSES).toBeLessThanOrEqual(10);
    const dir = mkdtempSync(join(work, 'stable-'));
    const path = manifestIn(dir, 'name: demo\nversion: 1.0.0\ndescription: A demo.\nactions:\n  go:\n    description: Go.\n    input: { schema: { type: object, properties: { a: { type: string, required: true }, b: { type: string, required: true } } } }\n    output: { schema: { type: object } }\n');
    const result = fixManifests([path]);
    expect(result.diagnostics).toEqual([]);
    expect(result.changes[0]!.after).toContain('required: [a, b]');
  });
});

describe('intc validate --fix', () => {
  it('writes the fixed manifest, says what it fixed, and exits 0 when nothing is left', async () => {
    const dir = copyCase('structure-input-without-schema');
    const run = await cli(['validate', '--fix'], dir);
    expect(run.stdout).toBe('Fixed 1 problem in integration.yaml.\n\nFound 0 errors, 0 warnings.\n');
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'integration.yaml'))).toEqual(readFileSync(join(dir, 'fixed', 'integration.yaml')));
  });

  it('--dry-run shows the diff, writes nothing, and reports what the fixed text would leave', async () => {
    const dir = copyCase('structure-state-schema-bare');
    const before = readFileSync(join(dir, 'integration.yaml'), 'utf8');
    const run = await cli(['validate', '--fix', '--dry-run'], dir);
    expect(run.stdout).toMatch(/^--- integration\.yaml\n\+\+\+ integration\.yaml \(fixed\)\n@@ /);
    expect(run.stdout).toContain('+    schema:\n');
    expect(run.stdout).toContain('Would fix 1 problem in integration.yaml (--dry-run: nothing written).');
    expect(run.stdout).toContain("integration.yaml:68:3 - error missing-property: 'states.session' is missing required property 'type'.");
    expect(run.code).toBe(1);
    expect(readFileSync(join(dir, 'integration.yaml'), 'utf8')).toBe(before);
  });

  it('writes a UTF-16 manifest back in UTF-16', async () => {
    const dir = copyCase('encoding-utf16-bom');
    expect((await cli(['validate', '--fix'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'integration.yaml'))).toEqual(readFileSync(join(dir, 'fixed', 'integration.yaml')));
  });

  it('fixes the manifests a bot references too, and leaves a fix that is not mechanical to the user', async () => {
    const dir = copyCase('bot-on-boolean');
    writeFileSync(join(dir, 'telegram', 'integration.yaml'), readFileSync(join(dir, 'telegram', 'integration.yaml'), 'utf8').replace('description: Bot token', 'describe: Bot token'));
    const run = await cli(['validate', '--fix', '--format', 'json'], dir);
    const report = JSON.parse(run.stdout) as { errorCount: number; fixed: { file: string; written: boolean }[] };
    expect(report.errorCount).toBe(0);
    expect(report.fixed.map((f) => [f.file, f.written])).toEqual([['bot.yaml', true], ['telegram/integration.yaml', true]]);
    const text = await cli(['validate', '--fix'], copyCase('iface-event-under-actions'));
    expect(text.stdout).toMatch(/^No mechanical fix applies; the problems below need your edit\.\n/);
    expect(text.code).toBe(1);
  });

  it('--dry-run goes with --fix', async () => {
    const run = await cli(['validate', '--dry-run'], copyCase('zod-describe'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--dry-run goes with --fix');
  });
});

describe('the fix in the reports', () => {
  it('text: on its own help line under the code frame, and the summary counts what --fix can repair', async () => {
    const run = await cli(['validate'], copyCase('zod-describe'));
    expect(run.stdout).toContain(
      [
        "integration.yaml:13:9 - error unknown-schema-keyword: Unknown JSON Schema keyword 'describe' (strict mode allows draft-07 keywords and `x-` extensions only).",
        '',
        '  12 |         minLength: 1',
        '> 13 |         describe: Bot token from BotFather',
        '     |         ^^^^^^^^',
        '  14 |       enabled:',
        "  help: Write `description: Bot token from BotFather`: JSON Schema's spelling of zod's .describe().",
      ].join('\n'),
    );
    expect(run.stdout).toContain('Found 1 error, 0 warnings. 1 can be fixed with `intc validate --fix`.');
  });

  it('json: `fix` and, when mechanical, `edit` with the range and the replacement', async () => {
    const run = await cli(['validate', '--format', 'json'], copyCase('iface-reversed-mapping'));
    const [diagnostic] = (JSON.parse(run.stdout) as { diagnostics: Record<string, unknown>[] }).diagnostics;
    expect(diagnostic).toMatchObject({
      code: 'unknown-interface-member',
      fix: "Write `modelRef: model`: the key is the interface's entity, the value this integration's entity that stands for it.",
      edit: { file: 'integration.yaml', line: 24, column: 7, endLine: 24, endColumn: 22, replacement: 'modelRef: model' },
    });
    const noEdit = JSON.parse((await cli(['validate', '--format', 'json'], copyCase('yaml-tab'))).stdout) as { diagnostics: Record<string, unknown>[] };
    expect(noEdit.diagnostics[0]).toHaveProperty('fix');
    expect(noEdit.diagnostics[0]).not.toHaveProperty('edit');
  });
});
