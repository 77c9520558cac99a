/**
 * The writer (`src/write/`): atomic writes, unchanged files left alone,
 * stale-file deletion limited to files intc wrote inside the generated
 * folder, the path guard, write failures as diagnostics, the unified diff
 * and the run record.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { doNotEditHeader, type GeneratedFile } from '../packages/intc/src/emit/generated-file.js';
import { projectLayout, type ProjectLayout } from '../packages/intc/src/generate/project-layout.js';
import { applyWrites, writeRecord } from '../packages/intc/src/write/apply-writes.js';
import { nodeWriteFs, tempPathFor, writeFileAtomic, type WriteFs } from '../packages/intc/src/write/atomic-write.js';
import { unifiedDiff } from '../packages/intc/src/write/diff.js';
import { assembleMixModule, fingerprintBytes, fingerprintFile, fingerprintText } from '../packages/intc/src/write/fingerprint.js';
import { currentRecord, serializeRecord, STATE_FILE_NAME } from '../packages/intc/src/write/input-cache.js';
import { isSafeRelativePath, layoutProblem, PathGuard } from '../packages/intc/src/write/path-guard.js';
import { planWrites, type ProjectOutput, type StubFile, type WritePlan } from '../packages/intc/src/write/plan-writes.js';

const STACK_FRAME = /\n\s+at .+:\d+:\d+\)?/;
const isRoot = process.getuid?.() === 0;
const base = mkdtempSync(join(tmpdir(), 'intc-write-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

let counter = 0;
let project: string;
let layout: ProjectLayout;
const display = (path: string) => relative(project, path);
const header = doNotEditHeader('integration.yaml');

beforeEach(() => {
  project = join(base, `p${++counter}`);
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, 'integration.yaml'), 'name: x\nversion: 1.0.0\n');
  layout = projectLayout(join(project, 'integration.yaml'));
});

function output(generated: GeneratedFile[], stubs: StubFile[] = []): ProjectOutput {
  return { layout, generated, stubs };
}

function write(generated: GeneratedFile[], stubs: StubFile[] = []): { plan: WritePlan; diagnostics: readonly unknown[] } {
  const plan = planWrites([output(generated, stubs)], display);
  if (plan.diagnostics.length > 0) return { plan, diagnostics: plan.diagnostics };
  return { plan, diagnostics: applyWrites(plan, display).diagnostics };
}

function gen(path: string, body: string): GeneratedFile {
  return { path, content: `${header}${body}` };
}

/** Every file below a folder, relative, with its content. */
function tree(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(folder)) return out;
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[relative(folder, path)] = readFileSync(path, 'utf8');
  }
  return out;
}

function setOldMtime(path: string): number {
  const old = new Date('2020-01-01T00:00:00Z');
  utimesSync(path, old, old);
  return statSync(path).mtimeMs;
}

describe('writeFileAtomic', () => {
  it('writes the content, creates folders, and leaves no temp file behind', () => {
    const target = join(project, 'a', 'b', 'file.ts');
    writeFileAtomic(target, 'one\n');
    writeFileAtomic(target, 'two\n');
    expect(readFileSync(target, 'utf8')).toBe('two\n');
    expect(readdirSync(dirname(target))).toEqual(['file.ts']);
  });

  it('gives every temp file its own name in the target folder', () => {
    const target = join(project, 'file.ts');
    const names = new Set(Array.from({ length: 50 }, () => tempPathFor(target)));
    expect(names.size).toBe(50);
    for (const name of names) expect(dirname(name)).toBe(project);
  });

  it('keeps the permission bits of the file it replaces', () => {
    const target = join(project, 'script.sh');
    writeFileSync(target, 'old');
    chmodSync(target, 0o754);
    writeFileAtomic(target, 'new');
    expect(statSync(target).mode & 0o777).toBe(0o754);
  });

  it('removes its temp file and leaves the old file when the rename fails', () => {
    const target = join(project, 'file.ts');
    writeFileSync(target, 'old\n');
    const failing: WriteFs = {
      ...nodeWriteFs,
      renameSync: () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
    };
    expect(() => writeFileAtomic(target, 'new\n', failing)).toThrow(/EACCES/);
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    expect(readdirSync(project).sort()).toEqual(['file.ts', 'integration.yaml']);
  });
});

describe('temp files a killed run left', () => {
  it('are removed by the next run that writes to their folder; live runs keep theirs, other files stay', () => {
    const generated = layout.generatedDir;
    mkdirSync(generated, { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', '']).pid!; // a pid that has exited
    const leftovers = [`.types.ts.${dead}-3-k2j9x1.tmp`, `.index.ts.${dead}-1-a.tmp`];
    const live = `.types.ts.${process.pid}-9-abcdef.tmp`;
    const users = ['.types.ts.tmp', 'notes.tmp', `.x.${dead}-1-ABC.tmp`];
    for (const name of [...leftovers, live]) writeFileSync(join(generated, name), `${header}half a fil`);
    for (const name of users) writeFileSync(join(generated, name), 'the user wrote this\n');
    const kept = [live, ...users];
    const stubTemp = join(layout.srcDir, `.index.ts.${dead}-2-q1w2e3.tmp`); // the stubs folder: cleaned though nothing is written there
    writeFileSync(stubTemp, 'export default 1;\n');
    const result = write([gen('types.ts', 'export type A = 1;\n')]);
    expect(result.diagnostics).toEqual([]);
    expect(result.plan.files.filter((f) => f.status === 'delete')).toEqual([]); // never planned as stale files
    expect(readdirSync(generated).sort()).toEqual([...kept, 'types.ts'].sort());
    expect(existsSync(stubTemp)).toBe(false);
  });
});

describe('planWrites + applyWrites', () => {
  it('creates, then leaves unchanged files alone (mtime kept), then updates only what changed', () => {
    const first = write([gen('types.ts', 'export type A = 1;\n'), gen('index.ts', "export * from './types.js';\n")]);
    expect(first.diagnostics).toEqual([]);
    expect(first.plan.files.map((f) => [relative(project, f.path), f.status])).toEqual([
      ['src/generated/types.ts', 'create'],
      ['src/generated/index.ts', 'create'],
    ]);
    const types = join(layout.generatedDir, 'types.ts');
    const index = join(layout.generatedDir, 'index.ts');
    const typesMtime = setOldMtime(types);
    const indexMtime = setOldMtime(index);

    const second = write([gen('types.ts', 'export type A = 1;\n'), gen('index.ts', "export * from './types.js';\n")]);
    expect(second.plan.files.map((f) => f.status)).toEqual(['unchanged', 'unchanged']);
    expect(statSync(types).mtimeMs).toBe(typesMtime);
    expect(statSync(index).mtimeMs).toBe(indexMtime);

    const third = write([gen('types.ts', 'export type A = 2;\n'), gen('index.ts', "export * from './types.js';\n")]);
    expect(third.plan.files.map((f) => f.status)).toEqual(['update', 'unchanged']);
    expect(readFileSync(types, 'utf8')).toContain('A = 2');
    expect(statSync(types).mtimeMs).not.toBe(typesMtime);
    expect(statSync(index).mtimeMs).toBe(indexMtime);
  });

  it('writes stubs into the stubs folder and never deletes one', () => {
    const stub = join(layout.srcDir, 'actions', 'send.ts');
    write([gen('types.ts', '')], [{ path: stub, content: 'export const sendAction = 1;\n', status: 'create' }]);
    expect(readFileSync(stub, 'utf8')).toBe('export const sendAction = 1;\n');
    write([gen('types.ts', '')]);
    expect(existsSync(stub)).toBe(true);
  });

  it('deletes stale generated files intc wrote, and nothing else', () => {
    const generated = layout.generatedDir;
    mkdirSync(join(generated, 'interfaces'), { recursive: true });
    writeFileSync(join(generated, 'old.ts'), `${header}export type Old = 1;\n`); // intc's, stale
    writeFileSync(join(generated, 'interfaces', 'llm.ts'), `${header}export {};\n`); // intc's, stale, in a subfolder
    writeFileSync(join(generated, 'old.json'), '{\n  "$comment": "Generated by intc from integration.yaml. Do not edit.",\n  "a": 1\n}\n');
    writeFileSync(join(generated, 'notes.md'), '# my notes\n'); // the user's
    writeFileSync(join(generated, 'mine.ts'), `// Generated by hand\n${header}`); // header not at the top: not intc's
    const outside = join(project, 'src', 'other.ts');
    writeFileSync(outside, `${header}export {};\n`); // intc header, but outside the generated folder
    const elsewhere = join(project, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'target.ts'), `${header}export {};\n`);
    symlinkSync(join(elsewhere, 'target.ts'), join(generated, 'link.ts')); // a link is never followed or deleted
    symlinkSync(elsewhere, join(generated, 'linked-folder'));

    const result = write([gen('types.ts', 'export type A = 1;\n')]);
    expect(result.diagnostics).toEqual([]);
    expect(result.plan.files.filter((f) => f.status === 'delete').map((f) => relative(generated, f.path)).sort()).toEqual([
      join('interfaces', 'llm.ts'),
      'old.json',
      'old.ts',
    ]);
    expect(readdirSync(generated).sort()).toEqual(['link.ts', 'linked-folder', 'mine.ts', 'notes.md', 'types.ts']);
    expect(existsSync(join(generated, 'interfaces'))).toBe(false); // emptied by the deletion
    expect(readFileSync(outside, 'utf8')).toContain('export {}');
    expect(readFileSync(join(elsewhere, 'target.ts'), 'utf8')).toContain('export {}');
  });

  it("deletes a file without the header only when the previous run's record lists it unchanged", () => {
    const generated = layout.generatedDir;
    mkdirSync(generated, { recursive: true });
    const listed = { path: 'data.txt', content: 'plain data\n' };
    const edited = { path: 'edited.txt', content: 'as generated\n' };
    writeFileSync(join(generated, listed.path), listed.content);
    writeFileSync(join(generated, edited.path), 'edited by the user\n');
    writeFileSync(join(generated, 'unlisted.txt'), 'plain data\n');
    const record = serializeRecord({
      layout,
      tool: 'test',
      maxFileBytes: undefined,
      inputs: new Map(),
      stubs: new Map(),
      folders: new Map(),
      outputs: [listed, edited],
      diagnostics: [],
    });
    writeFileSync(join(generated, STATE_FILE_NAME), record);

    write([gen('types.ts', '')]);
    expect(readdirSync(generated).sort()).toEqual([STATE_FILE_NAME, 'edited.txt', 'types.ts', 'unlisted.txt']);
  });
});

describe('path guard', () => {
  it('refuses generated paths that leave the generated folder, whatever the names', () => {
    for (const path of ['../escape.ts', 'a/../../escape.ts', '/etc/passwd', 'a//b.ts', './a.ts', '', 'C:/x.ts', 'a\\..\\b.ts', 'a\0b.ts']) {
      expect(isSafeRelativePath(path), path).toBe(false);
    }
    for (const path of ['types.ts', 'interfaces/llm.ts', '..types.ts', 'a..b/c.ts']) expect(isSafeRelativePath(path), path).toBe(true);

    const result = write([gen('../../escape.ts', ''), gen('types.ts', '')]);
    expect(result.diagnostics).toHaveLength(1);
    expect(JSON.stringify(result.diagnostics)).toContain('output-not-writable');
    expect(existsSync(join(project, 'escape.ts'))).toBe(false);
    expect(existsSync(join(layout.generatedDir, 'types.ts'))).toBe(false); // nothing is written when anything is refused
  });

  it('keeps stubs inside the stubs folder and out of the generated folder', () => {
    const guard = new PathGuard(layout);
    expect(guard.refuseWrite(join(layout.srcDir, 'actions', 'a.ts'), 'stub')).toBeUndefined();
    expect(guard.refuseWrite(join(project, 'a.ts'), 'stub')).toBeDefined();
    expect(guard.refuseWrite(join(layout.generatedDir, 'a.ts'), 'stub')).toBeDefined();
    expect(guard.refuseWrite(layout.srcDir, 'stub')).toBeDefined();
    expect(guard.refuseWrite(join(layout.generatedDir, 'a.ts'), 'generated')).toBeUndefined();
    expect(guard.refuseWrite(join(layout.srcDir, 'a.ts'), 'generated')).toBeDefined();
    expect(guard.refuseDelete(join(layout.srcDir, 'a.ts'))).toBeDefined();
    expect(guard.refuseDelete(join(project, 'integration.yaml'))).toBeDefined();
  });

  it('refuses to write through a link that leads out of the output folder', () => {
    const elsewhere = join(project, 'elsewhere');
    mkdirSync(elsewhere);
    mkdirSync(layout.generatedDir, { recursive: true });
    symlinkSync(elsewhere, join(layout.generatedDir, 'interfaces'));
    const result = write([gen('interfaces/llm.ts', '')]);
    expect(JSON.stringify(result.diagnostics)).toContain('leads outside');
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('refuses layouts where stale-file deletion could reach user files', () => {
    const at = (out: string, src: string, manifest = join(project, 'integration.yaml')) => projectLayout(manifest, { outDir: out, srcDir: src });
    expect(layoutProblem([at('src/generated', 'src')])).toBeUndefined();
    expect(layoutProblem([at('generated', 'src')])).toBeUndefined();
    expect(layoutProblem([at('src', 'src')])).toMatch(/same folder/);
    expect(layoutProblem([at('src', 'src/handlers')])).toMatch(/inside the generated folder/);
    expect(layoutProblem([at('.', '../lib')])).toMatch(/holds the manifest/);
    expect(layoutProblem([at('.', 'src')])).toMatch(/inside the generated folder/);
    const other = join(project, 'other', 'integration.yaml');
    expect(layoutProblem([at('src/generated', 'src'), at('../src/generated', '../src', other)])).toMatch(/same folder/);
  });
});

describe('write failures become output-not-writable diagnostics', () => {
  it('an output path that is a folder', () => {
    mkdirSync(join(layout.generatedDir, 'types.ts'), { recursive: true });
    const result = write([gen('types.ts', '')]);
    expect(result.diagnostics).toHaveLength(1);
    const message = JSON.stringify(result.diagnostics);
    expect(message).toContain('output-not-writable');
    expect(message).toContain('it is a folder');
  });

  it('a generated folder that is a file', () => {
    mkdirSync(join(project, 'src'));
    writeFileSync(layout.generatedDir, 'I am a file\n');
    const result = write([gen('types.ts', ''), gen('index.ts', '')]);
    expect(result.diagnostics).toHaveLength(1); // once for the folder, not once per file
    const message = JSON.stringify(result.diagnostics);
    expect(message).toContain('output-not-writable');
    expect(message).toContain(`Cannot write 'src/generated': it is a file, not a folder`);
    expect(message).not.toMatch(STACK_FRAME);
    expect(readFileSync(layout.generatedDir, 'utf8')).toBe('I am a file\n');
  });

  it('a read-only folder (simulated): one diagnostic with the path, the write stops, no temp file left', () => {
    mkdirSync(layout.generatedDir, { recursive: true });
    const denied = Object.assign(new Error("EACCES: permission denied, open '/x'"), { code: 'EACCES' });
    const readOnly: WriteFs = {
      ...nodeWriteFs,
      writeFileSync: () => {
        throw denied;
      },
    };
    const plan = planWrites([output([gen('types.ts', ''), gen('index.ts', '')])], display);
    const { diagnostics } = applyWrites(plan, display, readOnly);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.code).toBe('output-not-writable');
    expect(diagnostics[0]!.message).toBe(`Cannot write '${join('src', 'generated', 'types.ts')}': permission denied.`);
    expect(readdirSync(layout.generatedDir)).toEqual([]);
  });

  it.skipIf(isRoot)('a read-only folder (real)', () => {
    mkdirSync(layout.generatedDir, { recursive: true });
    chmodSync(layout.generatedDir, 0o555);
    try {
      const result = write([gen('types.ts', '')]);
      expect(JSON.stringify(result.diagnostics)).toContain('permission denied');
    } finally {
      chmodSync(layout.generatedDir, 0o755);
    }
  });

  it('a record that cannot be written', () => {
    mkdirSync(join(layout.generatedDir, STATE_FILE_NAME), { recursive: true });
    const diagnostics = writeRecord(layout, '{}\n', display);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toContain('it is a folder');
  });
});

describe('unifiedDiff', () => {
  const lines = (n: number, prefix = 'line') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}\n`).join('');

  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\n', 'a\n', { oldLabel: 'a/x', newLabel: 'b/x' })).toBe('');
  });

  it('shows a changed line with three lines of context', () => {
    const before = lines(10);
    const after = before.replace('line 5\n', 'line five\n');
    expect(unifiedDiff(before, after, { oldLabel: 'a/x.ts', newLabel: 'b/x.ts' })).toBe(
      ['--- a/x.ts', '+++ b/x.ts', '@@ -2,7 +2,7 @@', ' line 2', ' line 3', ' line 4', '-line 5', '+line five', ' line 6', ' line 7', ' line 8', ''].join('\n'),
    );
  });

  it('separates distant changes into hunks, and counts additions and deletions', () => {
    const before = lines(30);
    const after = before.replace('line 2\n', '').replace('line 25\n', 'line 25\nadded\n');
    const diff = unifiedDiff(before, after, { oldLabel: 'a', newLabel: 'b' });
    expect(diff).toContain('@@ -1,5 +1,4 @@\n line 1\n-line 2\n line 3');
    expect(diff).toContain('@@ -23,6 +22,7 @@\n line 23\n line 24\n line 25\n+added\n line 26');
    expect(diff).toContain('+added');
  });

  it('creates from and deletes to nothing, and marks a missing final newline', () => {
    expect(unifiedDiff('', 'a\nb\n', { oldLabel: 'a', newLabel: 'b' })).toBe('--- a\n+++ b\n@@ -0,0 +1,2 @@\n+a\n+b\n');
    expect(unifiedDiff('a\n', '', { oldLabel: 'a', newLabel: 'b' })).toBe('--- a\n+++ b\n@@ -1 +0,0 @@\n-a\n');
    expect(unifiedDiff('a\nb', 'a\nb\n', { oldLabel: 'a', newLabel: 'b' })).toBe('--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
  });

  it('round-trips: applying the diff to the old text gives the new one (random edits)', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const before = Array.from({ length: random(40) }, () => `l${random(8)}`);
      const after = before.filter(() => random(4) !== 0).flatMap((l) => (random(5) === 0 ? [l, `n${random(8)}`] : [l]));
      const oldText = before.map((l) => `${l}\n`).join('');
      const newText = after.map((l) => `${l}\n`).join('');
      const diff = unifiedDiff(oldText, newText, { oldLabel: 'a', newLabel: 'b', context: random(4), maxLines: 100_000 });
      expect(applyPatch(oldText, diff), `round ${round}`).toBe(newText);
    }
  });

  it('stays fast and correct when almost everything differs', () => {
    const before = lines(5000, 'old');
    const after = lines(5000, 'new');
    const diff = unifiedDiff(before, after, { oldLabel: 'a', newLabel: 'b', maxLines: 20 });
    expect(diff.split('\n').length).toBeLessThan(30);
    expect(diff).toContain('more diff lines not shown');
  });
});

/** Applies a unified diff of whole-line texts (test helper; trusts the hunk headers). */
function applyPatch(oldText: string, diff: string): string {
  if (diff === '') return oldText;
  const old = oldText === '' ? [] : oldText.replace(/\n$/, '').split('\n');
  const out: string[] = [];
  let at = 0;
  for (const line of diff.split('\n').slice(2)) {
    const hunk = /^@@ -(\d+)(?:,(\d+))? /.exec(line);
    if (hunk) {
      const start = Number(hunk[1]) - (hunk[2] === '0' ? 0 : 1);
      while (at < start) out.push(old[at++]!);
    } else if (line.startsWith(' ')) {
      out.push(old[at++]!);
    } else if (line.startsWith('-')) {
      at++;
    } else if (line.startsWith('+')) {
      out.push(line.slice(1));
    }
  }
  while (at < old.length) out.push(old[at++]!);
  return out.map((l) => `${l}\n`).join('');
}

describe('fingerprint', () => {
  it('tells texts apart, including ones that differ in one byte or in length', () => {
    const seen = new Set<string>();
    const texts = ['', 'a', 'b', 'ab', 'ba', 'abcdefgh', 'abcdefgi', 'abcdefghi', '\u00e9', 'e\u0301'];
    for (let i = 0; i < 2000; i++) texts.push(`export type T${i} = { a: string };\n`.repeat(1 + (i % 5)));
    for (const text of texts) seen.add(fingerprintText(text));
    expect(seen.size).toBe(texts.length);
  });

  it('runs the module assembled from the annotated source', async () => {
    const source = await readFile(join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'intc', 'src', 'write', 'fingerprint.ts'), 'utf8');
    const embedded = /const MIX_MODULE = new Uint8Array\(\[([\d,\s]+)\]\)/.exec(source)?.[1];
    expect(embedded).toBeDefined();
    expect([...assembleMixModule()]).toEqual(embedded!.split(',').map((n) => n.trim()).filter(Boolean).map(Number));
  });

  it('reads files in windows and gives the same fingerprint as for their bytes (byte-order mark skipped on request)', () => {
    for (const size of [0, 1, 7, 8, 9, 1024 * 1024 - 1, 1024 * 1024, 1024 * 1024 + 3, 2 * 1024 * 1024 + 13]) {
      const bytes = Buffer.alloc(size);
      for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
      const file = join(project, `f${size}`);
      writeFileSync(file, bytes);
      expect(fingerprintFile(file), `size ${size}`).toBe(fingerprintBytes(bytes));
      writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]));
      expect(fingerprintFile(file, true), `size ${size} with a BOM`).toBe(fingerprintBytes(bytes));
    }
    expect(fingerprintFile(join(project, 'missing'))).toBeUndefined();
    expect(fingerprintFile(project)).toBeUndefined();
  });

  it('is the fingerprint of the UTF-8 bytes, stable across calls, and handles large inputs', () => {
    expect(fingerprintText('h\u00e9llo')).toBe(fingerprintBytes(Buffer.from('h\u00e9llo', 'utf8')));
    const big = 'x'.repeat(3 * 1024 * 1024 + 5);
    expect(fingerprintText(big)).toBe(fingerprintText(big));
    expect(fingerprintText(big)).not.toBe(fingerprintText(`${big.slice(1)}y`));
    expect(fingerprintText('small')).toBe(fingerprintText('small'));
  });
});

describe('the run record', () => {
  function recordFor(outputs: GeneratedFile[], stubs = new Map<string, string | undefined>(), folders = new Map<string, string | undefined>()): string {
    return serializeRecord({
      layout,
      tool: 'tool-1',
      maxFileBytes: undefined,
      inputs: new Map([[layout.manifestPath, readFileSync(layout.manifestPath, 'utf8')]]),
      stubs,
      folders,
      outputs,
      diagnostics: [],
    });
  }

  it('is deterministic and sorted, with paths relative to the generated folder', () => {
    const outputs = [gen('types.ts', 'a'), gen('index.ts', 'b')];
    const text = recordFor(outputs);
    expect(recordFor([...outputs].reverse())).toBe(text);
    expect(text).toContain('"manifest": "../../integration.yaml"');
    expect(text.indexOf('"index.ts"')).toBeLessThan(text.indexOf('"types.ts"'));
    expect(text).not.toMatch(/20\d\d-\d\d-\d\d/);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('is current while inputs, stubs, folders and outputs match, and not after any change', () => {
    const outputs = [gen('types.ts', 'export type A = 1;\n')];
    const stub = join(layout.srcDir, 'index.ts');
    const missingStub = join(layout.srcDir, 'actions', 'a.ts');
    const actions = join(layout.srcDir, 'actions');
    write(outputs, [{ path: stub, content: 'stub\n', status: 'create' }]);
    const record = recordFor(outputs, new Map([[stub, 'stub\n'], [missingStub, undefined]]), new Map([[actions, undefined]]));
    writeRecord(layout, record, display);
    expect(currentRecord(layout, 'tool-1', undefined)).toBeDefined();
    expect(currentRecord(layout, 'tool-2', undefined)).toBeUndefined();
    expect(currentRecord(layout, 'tool-1', 1000)).toBeUndefined();
    expect(currentRecord({ ...layout, srcDir: join(project, 'lib') }, 'tool-1', undefined)).toBeUndefined();

    const check = (change: () => void, undo: () => void) => {
      change();
      expect(currentRecord(layout, 'tool-1', undefined)).toBeUndefined();
      undo();
      expect(currentRecord(layout, 'tool-1', undefined)).toBeDefined();
    };
    const types = join(layout.generatedDir, 'types.ts');
    check(() => writeFileSync(layout.manifestPath, 'name: y\nversion: 1.0.0\n'), () => writeFileSync(layout.manifestPath, 'name: x\nversion: 1.0.0\n'));
    check(() => writeFileSync(types, 'edited'), () => writeFileSync(types, outputs[0]!.content));
    check(() => rmSync(types), () => writeFileSync(types, outputs[0]!.content));
    check(() => writeFileSync(join(layout.generatedDir, 'extra.ts'), ''), () => rmSync(join(layout.generatedDir, 'extra.ts')));
    check(() => writeFileSync(stub, 'edited'), () => writeFileSync(stub, 'stub\n'));
    check(
      () => {
        mkdirSync(actions);
        writeFileSync(missingStub, 'x');
      },
      () => rmSync(actions, { recursive: true }),
    );
    check(() => mkdirSync(actions), () => rmSync(actions, { recursive: true }));
  });

  it('a byte-order mark on an input does not make the record stale', () => {
    writeFileSync(layout.manifestPath, '\ufeffname: x\nversion: 1.0.0\n');
    const record = serializeRecord({
      layout,
      tool: 't',
      maxFileBytes: undefined,
      inputs: new Map([[layout.manifestPath, 'name: x\nversion: 1.0.0\n']]),
      stubs: new Map(),
      folders: new Map(),
      outputs: [],
      diagnostics: [],
    });
    writeRecord(layout, record, display);
    expect(currentRecord(layout, 't', undefined)).toBeDefined();
  });
});
