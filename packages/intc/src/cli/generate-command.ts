import { statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { countErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { displayPath } from '../diagnostics/format-text.js';
import { projectLayout, type ProjectLayout } from '../generate/project-layout.js';
import { runtimeNotInstalled } from '../generate/runtime-installed.js';
import { ValidatorsWorker } from '../generate/worker-pool.js';
import { manifestInFolder } from '../load/manifest-in-folder.js';
import { compareNames } from '../model/integration-model.js';
import { isPlainObject } from '../model/values.js';
import { generate, type GeneratedProject, type GenerateResult } from '../pipeline.js';
import { forceNameHelp, resolveForceTargets, type ForceProject } from '../stubs/force-targets.js';
import { planBotStub } from '../stubs/plan-bot-stub.js';
import { planStubs } from '../stubs/plan-stubs.js';
import { stubLayout } from '../stubs/stub-layout.js';
import { handlerDisplayName } from '../stubs/todo-handlers.js';
import { applyWrites, writeRecord } from '../write/apply-writes.js';
import { unifiedDiff } from '../write/diff.js';
import { cachedRun, layoutOptions, resolveManifestFiles } from '../write/fast-path.js';
import { lastRunMembers } from '../write/last-run-members.js';
import { GENERATE_USAGE, parseGenerateArgs, type GenerateArgs } from '../write/generate-options.js';
import {
  folderEntries,
  folderListing,
  readText,
  serializeRecord,
  STATE_FILE_NAME,
  toolIdentity,
  type DirectoryEntry,
} from '../write/input-cache.js';
import { isInsideOrSame, layoutProblem } from '../write/path-guard.js';
import { planWrites, type DisplayPath, type ProjectOutput, type WritePlan } from '../write/plan-writes.js';
import { referencedInputFiles } from '../write/referenced-inputs.js';
import { exitCodeOf, formatRunOutcome, type FileOutcome, type RunOutcome, type TodoList } from '../write/run-report.js';
import { findManifests, UsageError } from './find-manifests.js';
import { EXIT_OK, type CliIo } from './io.js';
import { watchGenerate } from './watch.js';

export { GENERATE_USAGE };

/** The CLI's io, plus what stops `--watch` when the CLI runs in-process (else Ctrl-C). */
export interface GenerateIo extends CliIo {
  readonly signal?: AbortSignal;
  /** Asks a yes/no question on the terminal; absent when there is none to ask on (then a bare --force needs --yes). */
  readonly confirm?: (question: string) => Promise<boolean>;
}

/** Asked before a bare --force overwrites files: the absolute paths; false to write nothing. */
export type ConfirmOverwrite = (files: readonly string[]) => Promise<boolean>;

/** `intc generate [manifest-or-folder...] [options]`. */
export async function runGenerate(args: readonly string[], io: GenerateIo): Promise<number> {
  const options = parseGenerateArgs(args);
  if (options.help) {
    io.stdout(GENERATE_USAGE);
    return EXIT_OK;
  }
  const manifests = findManifests(options.manifests, io.cwd);
  // Started before anything else, so the thread's start-up and Ajv's loading overlap validation.
  const worker = new ValidatorsWorker({ manifests });
  try {
    assertSafeLayouts(manifests, options);
    if (options.watch) return await watchGenerate(manifests, options, io, (m, o, cwd) => generateOnce(m, o, cwd, worker));
    const confirm = options.force === true && !options.yes ? confirmOverwrite(io) : undefined;
    const run = await generateOnce(manifests, options, io.cwd, worker, confirm);
    io.stdout(formatRunOutcome(run.outcome, { cwd: io.cwd, color: io.color, format: options.format }));
    return exitCodeOf(run.outcome, options.strict);
  } finally {
    worker.close();
  }
}

/** One run's outcome and the files it read (what `--watch` watches). */
export interface GenerateRun {
  readonly outcome: RunOutcome;
  /** Absolute paths of the manifests and every file they reference. */
  readonly inputs: readonly string[];
}

export type GenerateOnce = (manifests: readonly string[], options: GenerateArgs, cwd: string) => Promise<GenerateRun>;

/**
 * One run: skip everything when the records say nothing changed; else
 * validate and generate, plan the stubs, and (unless there are errors, or
 * --check) write what changed, delete stale generated files and record the
 * run. Prints nothing.
 */
export const generateOnce = async (
  manifests: readonly string[],
  options: GenerateArgs,
  cwd: string,
  worker?: ValidatorsWorker,
  confirm?: ConfirmOverwrite,
): Promise<GenerateRun> => {
  const skipped = fromRecords(manifests, options, cwd);
  if (skipped) return skipped;
  worker?.emitAhead(manifests, cwd, options.maxFileBytes);
  const display: DisplayPath = (path) => displayPath(path, cwd);
  const result = await generate(manifests, {
    ...layoutOptions(options),
    ...(options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes }),
    ...(worker === undefined ? {} : { validatorsWorker: worker }),
  });
  const inputs = inputTexts(result);
  const run = (outcome: Omit<RunOutcome, 'mode' | 'sources'>): GenerateRun => ({
    outcome: { mode: options.check ? 'check' : 'generate', sources: result.sources, ...outcome },
    inputs: [...inputs.keys()].sort(),
  });
  if (countErrors(result.diagnostics) > 0) return run({ diagnostics: result.diagnostics, files: [], stopped: 'diagnostics' });

  const problem = layoutProblem(result.projects.map((p) => p.layout));
  if (problem) throw new UsageError(problem);
  const force = forceOption(result.projects, options.force, cwd);
  const stubbed = result.projects.map((project) => planProjectStubs(project, force));
  const missingRuntime = runtimeNotInstalled(result.projects.map((p) => p.layout.generatedDir));
  const diagnostics = sortDiagnostics([...result.diagnostics, ...stubbed.flatMap((s) => s.diagnostics), ...missingRuntime]);
  const todo = stubbed.flatMap((s) => s.todo);
  const errors = countErrors(diagnostics);
  if (errors > 0 || (options.strict && diagnostics.length > errors)) return run({ diagnostics, files: [], stopped: 'diagnostics' });

  const plan = planWrites(stubbed.map((s) => s.output), display);
  const stop = (more: readonly Diagnostic[], stopped: NonNullable<RunOutcome['stopped']>) =>
    run({ diagnostics: sortDiagnostics([...diagnostics, ...more]), files: [], stopped });
  // A refused plan wrote nothing: "Nothing written", not "writing stopped".
  if (plan.diagnostics.length > 0) return stop(plan.diagnostics, 'diagnostics');
  const files = fileOutcomes(plan);
  if (options.check) return run({ diagnostics, files, diff: diffOf(plan, display), todo });
  const overwritten = plan.files.filter((file) => file.kind === 'stub' && file.status === 'update').map((file) => file.path);
  if (confirm && overwritten.length > 0 && !(await confirm(overwritten))) return stop([], 'declined');

  const failed = [...applyWrites(plan, display).diagnostics];
  // Without the runtime, no record: the next run checks again (and stops warning once it is installed).
  if (failed.length === 0) failed.push(...recordRuns(result, stubbed, inputs, options, display, missingRuntime.length === 0));
  return failed.length > 0 ? stop(failed, 'write-failed') : run({ diagnostics, files, todo });
};

/** The run the records answer, when nothing changed since they were written (INTC_NO_CACHE=1 always generates). */
function fromRecords(manifests: readonly string[], options: GenerateArgs, cwd: string): GenerateRun | undefined {
  if (options.force || process.env.INTC_NO_CACHE) return undefined;
  const resolved = resolveManifestFiles(manifests, cwd);
  const cached = resolved && cachedRun(resolved, options);
  if (!resolved || !cached) return undefined;
  return { outcome: cached.outcome, inputs: [...new Set([...resolved, ...cached.records.flatMap((r) => r.inputs)])].sort() };
}

/**
 * Writes each project's record of this run, describing what the next run
 * would see: after writing stubs, they are planned again on what is now on
 * disk. Stubs that would still change are not at rest: then there is no
 * record, and the next run generates; nor is there one when the run is not
 * `recordable` (its outcome depends on more than the inputs the record lists).
 */
function recordRuns(
  result: GenerateResult,
  stubbed: readonly StubbedProject[],
  inputs: ReadonlyMap<string, string | undefined>,
  options: GenerateArgs,
  display: DisplayPath,
  recordable: boolean,
): Diagnostic[] {
  const tool = toolIdentity();
  for (const [index, project] of stubbed.entries()) {
    // Planned again as the next run will plan: on the files as written, with the members this record keeps (what the
    // planner reads and says depends on them when members left), so the record is the same whether this run or a
    // later full run writes it (as the recovery of a killed run does).
    const atRest = project.output.stubs.length === 0 && !project.membersLeft;
    const settled = atRest ? project : planProjectStubs(result.projects[index]!, false, project.history);
    const { layout } = settled.output;
    if (!recordable || settled.output.stubs.length > 0) {
      forgetRecord(layout);
      continue;
    }
    const own = inputsOf(result.projects[index]!, result, inputs);
    const record = serializeRecord({
      layout,
      tool,
      maxFileBytes: options.maxFileBytes,
      inputs: own,
      stubs: settled.stubsAfterRun(),
      folders: settled.foldersAfterRun(),
      outputs: settled.output.generated,
      members: settled.history,
      todo: settled.todo.flatMap((list) => list.handlers),
      diagnostics: sortDiagnostics([...result.diagnostics, ...settled.diagnostics].filter((d) => settled.owns(d.location.file, own))),
    });
    const failed = writeRecord(layout, record, display);
    if (failed.length > 0) return failed;
  }
  return [];
}

function forgetRecord(layout: ProjectLayout): void {
  try {
    unlinkSync(join(layout.generatedDir, STATE_FILE_NAME));
  } catch {
    // there was none
  }
}

/** Refuses --out/--src combinations that would let stale-file deletion reach user files. */
function assertSafeLayouts(manifests: readonly string[], options: GenerateArgs): void {
  const layouts: ProjectLayout[] = [];
  for (const given of manifests) {
    const file = isFolder(given) ? manifestInFolder(given) : given;
    if (file !== undefined) layouts.push(projectLayout(file, layoutOptions(options)));
  }
  const problem = layoutProblem(layouts);
  if (problem) throw new UsageError(problem.charAt(0).toUpperCase() + problem.slice(1));
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * One manifest's inputs among a run's: all of them but the other named
 * manifests and the files only they reference (manifests they share, like an
 * interface, stay), so its record neither depends on nor reports the others.
 * A bot's installed integration manifests are its own inputs even when they
 * are named too.
 */
function inputsOf(project: GeneratedProject, result: GenerateResult, inputs: ReadonlyMap<string, string | undefined>): Map<string, string | undefined> {
  const manifestPath = project.layout.manifestPath;
  const others = new Set<string>();
  for (const manifest of result.manifests) {
    if (manifest.file.path === manifestPath) continue;
    others.add(manifest.file.path);
    for (const path of referencedInputFiles(manifest.value, manifest.file.path)) others.add(path);
  }
  const own = new Set([manifestPath, ...result.manifests.filter((m) => m.file.path === manifestPath).flatMap((m) => referencedInputFiles(m.value, m.file.path))]);
  if (project.kind === 'bot') for (const installed of project.model.integrations) own.add(installed.model.manifestPath);
  return new Map([...inputs].filter(([path]) => own.has(path) || !others.has(path)));
}

/** The text of every input: manifests as the pipeline read them, plus icon, readme and .vrl files (undefined: unreadable). */
function inputTexts(result: GenerateResult): Map<string, string | undefined> {
  const texts = new Map<string, string | undefined>(result.sources);
  for (const manifest of result.manifests) {
    if (manifest.kind !== 'integration' || !isPlainObject(manifest.value)) continue;
    for (const path of referencedInputFiles(manifest.value, manifest.file.path)) if (!texts.has(path)) texts.set(path, readText(path));
  }
  return texts;
}

interface StubbedProject {
  readonly output: ProjectOutput;
  readonly diagnostics: readonly Diagnostic[];
  /** Its handlers still at the TODO body once the plan is applied (empty, or one list). */
  readonly todo: readonly TodoList[];
  /** The members its record keeps for the next run. */
  readonly history: ReadonlyMap<string, string>;
  /** The last run had members this one has not (see StubPlan). */
  readonly membersLeft: boolean;
  /** The stub files the planner read, with their content once this run's writes are done. */
  stubsAfterRun(): Map<string, string | undefined>;
  /** The folders the planner listed, as they are once this run's writes are done. */
  foldersAfterRun(): Map<string, string | undefined>;
  /** Whether a diagnostic about `file` belongs in this project's record. */
  owns(file: string, inputs: ReadonlyMap<string, unknown>): boolean;
}

/** Plans one project's stubs, remembering every file and folder the planner read (they are inputs of the run). */
function planProjectStubs(project: GeneratedProject, force: boolean | ReadonlySet<string>, previous?: ReadonlyMap<string, string>): StubbedProject {
  const reads = new Map<string, string | undefined>();
  const listed = new Set<string>();
  const readFile = (path: string) => {
    const text = readText(path);
    reads.set(path, text);
    return text;
  };
  const readDir = (path: string): DirectoryEntry[] | undefined => {
    listed.add(path);
    return folderEntries(path);
  };
  const { layout } = project;
  const plan =
    project.kind === 'bot'
      ? planBotStub(project.model, layout, { force }, readFile)
      : planStubs(project.model, layout, { force, previousMembers: previous ?? lastRunMembers(layout.generatedDir) }, readFile, readDir);
  const todo = plan.todo.map(handlerDisplayName);
  return {
    output: { layout, generated: project.files, stubs: plan.files },
    diagnostics: plan.diagnostics,
    todo: todo.length === 0 ? [] : [{ manifest: layout.manifestPath, handlers: todo }],
    history: plan.history,
    membersLeft: plan.membersLeft === true,
    stubsAfterRun: () => {
      const after = new Map(reads);
      for (const file of plan.files) after.set(file.path, file.status === 'delete' ? undefined : file.content);
      return after;
    },
    foldersAfterRun: () => new Map([...listed].map((path) => [path, folderListing(path)])),
    owns: (file, inputs) => inputs.has(file) || reads.has(file) || isInsideOrSame(layout.srcDir, file) || isInsideOrSame(layout.generatedDir, file),
  };
}

/** Every generated file (any status), then every stub created or updated; each sorted by path. */
function fileOutcomes(plan: WritePlan): FileOutcome[] {
  const byPath = (a: FileOutcome, b: FileOutcome) => compareNames(a.path, b.path);
  const generated: FileOutcome[] = [];
  const stubs: FileOutcome[] = [];
  for (const file of plan.files) {
    if (file.kind === 'generated') generated.push({ path: file.path, kind: 'generated', status: file.status });
    else if (file.kind === 'stub' && file.status !== 'unchanged') {
      stubs.push({ path: file.path, kind: 'stub', status: file.status, ...(file.movedFrom === undefined ? {} : { movedFrom: file.movedFrom }) });
    }
  }
  return [...generated.sort(byPath), ...stubs.sort(byPath)];
}

/** --check: the unified diff of every file that would be updated (created and deleted files are listed, not diffed). */
function diffOf(plan: WritePlan, display: DisplayPath): string {
  return plan.files
    .filter((file) => file.status === 'update' && file.kind !== 'state')
    .map((file) => unifiedDiff(file.previous ?? '', file.content ?? '', { oldLabel: `a/${display(file.path)}`, newLabel: `b/${display(file.path)}` }))
    .join('');
}

/**
 * --force as the stub planner takes it: false, true (every stub), or the
 * files the names stand for. A name that is no handler and no stub file of
 * any project is a usage error (nothing is written).
 */
function forceOption(projects: readonly GeneratedProject[], force: GenerateArgs['force'], cwd: string): boolean | ReadonlySet<string> {
  if (typeof force === 'boolean') return force;
  const candidates: ForceProject[] = projects.map((project) => ({
    root: project.layout.root,
    indexPath: join(project.layout.srcDir, 'index.ts'),
    handlers: project.kind === 'integration' ? stubLayout(project.model, project.layout).handlers : [],
  }));
  const { paths, unknown } = resolveForceTargets(force, candidates, cwd);
  if (unknown.length > 0) {
    const names = unknown.map((name) => `'${name}'`).join(', ');
    throw new UsageError(`--force ${names}: no handler stub or stub file of ${unknown.length === 1 ? 'that name' : 'those names'}; name ${forceNameHelp(candidates)}.`);
  }
  return paths;
}

/** Lists what a bare --force would overwrite, then asks on the terminal; without one, stops with a usage error. */
function confirmOverwrite(io: GenerateIo): ConfirmOverwrite {
  return async (files) => {
    const count = files.length === 1 ? '1 file' : `${files.length} files`;
    io.stderr(`--force would overwrite ${count} with fresh stubs; the code in ${files.length === 1 ? 'it' : 'them'} would be lost:\n`);
    for (const file of files) io.stderr(`  ${displayPath(file, io.cwd)}\n`);
    if (!io.confirm) {
      throw new UsageError(
        '--force without names resets every handler stub, and there is no terminal to confirm it on, so nothing was written. ' +
          'Add --yes to overwrite the files listed, or name the stubs to reset (--force sendMessage,telegram.text).',
      );
    }
    return io.confirm(`Overwrite ${files.length === 1 ? 'it' : 'them'}? [y/N] `);
  };
}
