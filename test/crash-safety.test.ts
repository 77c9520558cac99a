/**
 * Crash safety: `intc generate` killed with SIGKILL at random moments, over
 * many runs, on a project with user stubs, a user file in the generated folder
 * and the previous run's output. After every kill each file is either what it
 * was before the run or what the run would have written (never half of
 * either), user-owned files are byte-identical, and the only other files are
 * the writer's temp files; the next normal run removes those and gives exactly
 * the output of an uninterrupted run.
 *
 * Runs the built CLI (bin/intc.cjs over dist/, built by `npm test` before
 * vitest); skipped when dist/intc.cjs is absent. INTC_CRASH_TEST_CLI names
 * another bin/intc.cjs (a private build) for working on this test.
 *
 * Half of the runs are killed after a random delay over the whole run; the
 * other half after a random delay from the first write the file system
 * reports (fs.watch on the output folders), which puts the kill in the write
 * phase. The loop stops at a time budget, so the test stays under ~25 s.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
type SyntheticManifest = (actionCount: number) => string;
const { syntheticManifest } = (await import(pathToFileURL(join(ROOT, 'scripts', 'synthetic-manifest.mjs')).href)) as { syntheticManifest: SyntheticManifest };
const CLI = process.env.INTC_CRASH_TEST_CLI ?? join(ROOT, 'packages', 'intc', 'bin', 'intc.cjs');
const BUNDLE = join(dirname(CLI), '..', 'dist', 'intc.cjs');
const HAS_BUILD = existsSync(BUNDLE);

/** Time for the kill loop (setup, two full runs, comes on top); INTC_CRASH_BUDGET_MS raises it for a longer soak. */
const LOOP_BUDGET_MS = Number(process.env.INTC_CRASH_BUDGET_MS ?? 15_000);
const MAX_RUNS = 500;
/** Every few runs (and after the last) the project is repaired by a normal run instead of a copy. */
const RECOVER_EVERY = 3;
/** Names atomic-write.ts gives its temp files. */
const TEMP_FILE = /(^|\/)\.[^/]+\.\d+-\d+-[a-z0-9]*\.tmp$/;

// Small, so a run is cheap (wiring new handlers into index.ts loads ts-morph, most of a run's time):
// 20 more actions (20 new stubs, index.ts edited) and a new name (every generated file changes).
const OLD_MANIFEST = syntheticManifest(5);
const NEW_MANIFEST = syntheticManifest(25);

/** Files the user wrote or changed: never touched by intc. */
const USER_FILES: Record<string, string> = {
  'src/lib/format.ts': 'export const format = (text: string): string => text.trim();\n',
  'src/generated/NOTES.md': '# My notes beside the generated code\n',
};
/** A stub the user filled in (its content replaced entirely). */
const FILLED_STUB = 'src/actions/action0.ts';

type Tree = Map<string, Buffer>;

const base = mkdtempSync(join(tmpdir(), 'intc-crash-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function snapshot(folder: string): Tree {
  const tree: Tree = new Map();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    tree.set(relative(folder, path).split(sep).join('/'), readFileSync(path));
  }
  return tree;
}

function runCli(cwd: string): { status: number | null; output: string; ms: number } {
  const started = Date.now();
  const run = spawnSync(process.execPath, [CLI, 'generate'], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { status: run.status, output: `${run.stdout ?? ''}${run.stderr ?? ''}`, ms: Date.now() - started };
}

/** A `generate` killed with SIGKILL `delay` ms after it starts, or after the first file-system event in `watched`. */
function killedRun(cwd: string, delay: number, watched: readonly string[] | undefined): Promise<{ killed: boolean }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, 'generate'], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: 'ignore' });
    const watchers: FSWatcher[] = [];
    let armed = false;
    const arm = () => {
      if (armed) return;
      armed = true;
      setTimeout(() => child.kill('SIGKILL'), delay);
    };
    if (watched) for (const folder of watched) watchers.push(watch(folder, arm));
    else arm();
    child.on('exit', (_code, signal) => {
      for (const watcher of watchers) watcher.close();
      done({ killed: signal === 'SIGKILL' });
    });
  });
}

/** What a killed run left, compared with the trees before and after an uninterrupted run; problems in words. */
function inspect(after: Tree, before: Tree, expected: Tree): { problems: string[]; changed: number; unchanged: number; temps: number } {
  const problems: string[] = [];
  let changed = 0;
  let unchanged = 0;
  let temps = 0;
  for (const path of new Set([...before.keys(), ...expected.keys(), ...after.keys()])) {
    const now = after.get(path);
    const old = before.get(path);
    const next = expected.get(path);
    if (old === undefined && next === undefined) {
      if (TEMP_FILE.test(path)) temps += 1;
      else problems.push(`${path}: a file neither run has`);
      continue;
    }
    const isOld = now === undefined ? old === undefined : old !== undefined && now.equals(old);
    const isNew = now === undefined ? next === undefined : next !== undefined && now.equals(next);
    if (!isOld && !isNew) problems.push(`${path}: neither its old nor its new content (${now === undefined ? 'missing' : `${now.length} bytes`})`);
    const differs = old === undefined || next === undefined || !old.equals(next);
    if (differs && isNew && !isOld) changed += 1;
    if (differs && isOld && !isNew) unchanged += 1;
  }
  for (const path of [...Object.keys(USER_FILES), FILLED_STUB]) {
    if (!after.get(path)?.equals(before.get(path)!)) problems.push(`${path}: a user-owned file changed`);
  }
  return { problems, changed, unchanged, temps };
}

/** A project as it is before a run, and as an uninterrupted run leaves it. */
interface Scenario {
  readonly name: string;
  readonly template: string;
  readonly before: Tree;
  readonly expected: Tree;
  /** How long the uninterrupted run took. */
  readonly ms: number;
  /** Files the run creates, changes or deletes. */
  readonly toWrite: number;
}

function scenario(name: string, template: string): Scenario {
  const before = snapshot(template);
  const reference = join(base, `${name}-reference`);
  cpSync(template, reference, { recursive: true });
  const full = runCli(reference);
  expect(full.status, full.output).toBe(0);
  const expected = snapshot(reference);
  const toWrite = [...new Set([...before.keys(), ...expected.keys()])].filter((p) => !(before.get(p)?.equals(expected.get(p) ?? Buffer.alloc(0)) ?? false)).length;
  return { name, template, before, expected, ms: full.ms, toWrite };
}

/**
 * Three projects: "add" (20 new actions: every generated file, 20 new stubs and
 * an edit of index.ts, the user-owned file intc splices into), "restore"
 * (a renamed integration whose 20 stubs were deleted: every generated file
 * and 20 stubs, without the index.ts edit, whose ts-morph load is most of a
 * run's time, so these runs are cheap) and "rename" (two filled-in actions
 * renamed, one found by its schemas in the run record, one by `renamedFrom`:
 * their files move, with the user's code, and index.ts follows; a run killed
 * between writing a new file and deleting the old one is completed by the next).
 */
function scenarios(): Scenario[] {
  const add = join(base, 'add');
  mkdirSync(add);
  writeFileSync(join(add, 'integration.yaml'), OLD_MANIFEST);
  const first = runCli(add);
  expect(first.status, first.output).toBe(0);
  writeFileSync(join(add, FILLED_STUB), `${readFileSync(join(add, FILLED_STUB), 'utf8')}\n// filled in by the user\nexport const helper = 1;\n`);
  for (const [path, text] of Object.entries(USER_FILES)) {
    mkdirSync(dirname(join(add, path)), { recursive: true });
    writeFileSync(join(add, path), text);
  }
  writeFileSync(join(add, 'integration.yaml'), NEW_MANIFEST);
  const adding = scenario('add', add);

  const restore = join(base, 'restore');
  cpSync(join(base, 'add-reference'), restore, { recursive: true });
  writeFileSync(join(restore, 'integration.yaml'), NEW_MANIFEST.replace(/synthetic-25/g, 'synthetic-renamed'));
  for (let i = 5; i < 25; i++) rmSync(join(restore, 'src', 'actions', `action${i}.ts`));
  const restoring = scenario('restore', restore);

  const rename = join(base, 'rename');
  cpSync(join(base, 'add-reference'), rename, { recursive: true });
  for (const action of ['action1', 'action2']) {
    const file = join(rename, 'src', 'actions', `${action}.ts`);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/ {2}\/\/ TODO[^]*\n};\n$/, `  return { result: '${action}', input: props.input } as never;\n};\n`));
  }
  expect(runCli(rename).status).toBe(0); // at rest with the filled-in stubs, so the record knows them
  writeFileSync(join(rename, 'integration.yaml'), NEW_MANIFEST.replace(/^ {2}action1:$/m, '  action1Renamed:').replace(/^ {2}action2:$/m, '  action2Renamed:\n    renamedFrom: action2'));
  return [adding, restoring, scenario('rename', rename)];
}

describe.skipIf(!HAS_BUILD)('a generation killed at random moments', () => {
  it('leaves every file old or new, user files intact, and the next run repairs everything', async () => {
    const all = scenarios();
    for (const { name, toWrite } of all) expect(toWrite, name).toBeGreaterThan(name === 'rename' ? 8 : 20);

    const stats = { runs: 0, killed: 0, midWrite: 0, beforeWrites: 0, afterWrites: 0, withTemps: 0, recoveries: 0 };
    const failures: string[] = [];
    const project = join(base, 'project');
    const loopStart = Date.now();
    for (let run = 0; run < MAX_RUNS && Date.now() - loopStart < LOOP_BUDGET_MS; run++) {
      const { name, template, before, expected, ms } = all[[1, 0, 2][run % 3]!]!;
      rmSync(project, { recursive: true, force: true });
      cpSync(template, project, { recursive: true });
      // Spread the moments: over the whole run, or over the write phase (a few tens of ms) once the first write shows.
      const inWritePhase = run % 4 < 2;
      const delay = inWritePhase ? Math.floor(Math.random() * 25) : Math.floor(Math.random() * ms * 1.1);
      const watched = inWritePhase ? [join(project, 'src', 'generated'), join(project, 'src', 'actions')] : undefined;
      const { killed } = await killedRun(project, delay, watched);
      stats.runs += 1;
      if (killed) stats.killed += 1;

      const result = inspect(snapshot(project), before, expected);
      const label = `run ${run} (${name}, ${delay} ms ${inWritePhase ? 'after the first write' : 'after the start'}, ${killed ? 'killed' : 'finished'})`;
      failures.push(...result.problems.map((problem) => `${label}: ${problem}`));
      if (result.temps > 0) stats.withTemps += 1;
      if ((result.changed > 0 && result.unchanged > 0) || result.temps > 0) stats.midWrite += 1;
      else if (result.changed === 0) stats.beforeWrites += 1;
      else stats.afterWrites += 1;

      const last = run + 1 >= MAX_RUNS || Date.now() - loopStart >= LOOP_BUDGET_MS;
      if (run % RECOVER_EVERY === RECOVER_EVERY - 1 || last || result.temps > 0) {
        stats.recoveries += 1;
        const recovery = runCli(project);
        if (recovery.status !== 0) failures.push(`${label}: the next run failed (exit ${recovery.status}): ${recovery.output}`);
        const repaired = snapshot(project);
        const differences = [...new Set([...repaired.keys(), ...expected.keys()])].filter((p) => !(repaired.get(p)?.equals(expected.get(p) ?? Buffer.alloc(0)) ?? false));
        if (differences.length > 0) failures.push(`${label}: after the next run, these differ from an uninterrupted run: ${differences.join(', ')}`);
      }
      if (failures.length > 0) break;
    }
    const seconds = ((Date.now() - loopStart) / 1000).toFixed(1);
    console.info(
      `crash safety: ${stats.runs} runs in ${seconds} s, ${stats.killed} killed: ${stats.midWrite} during the writes ` +
        `(${stats.withTemps} leaving temp files), ${stats.beforeWrites} before any write, ${stats.afterWrites} after all writes; ` +
        `${stats.recoveries} repaired by a normal run; ${all.map((s) => `${s.toWrite} files to write (${s.name})`).join(', ')}`,
    );
    expect(failures).toEqual([]);
    expect(stats.runs).toBeGreaterThanOrEqual(4);
    expect(stats.midWrite).toBeGreaterThanOrEqual(1);
  }, 120_000);
});

if (!HAS_BUILD) {
  describe('a generation killed at random moments', () => {
    it.skip(`needs ${relative(ROOT, BUNDLE)}, which is absent: \`npm test\` builds it before running vitest`, () => {});
  });
}
