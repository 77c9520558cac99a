/**
 * Plans the user-owned handler stubs of one integration: which files to
 * create, which existing ones need their tool-owned parts updated, and the
 * warnings about handlers that left the manifest or could not be wired.
 * Pure apart from reading (`readFile`, `readDir`); `write/` does the writing.
 *
 * Cost: every stub is first checked as text (does a specifier lead to an
 * earlier generated folder, may its annotation be a tool-owned one to fix?);
 * ts-morph is loaded only for a file that fails that check, so a run where
 * everything is in step never loads it. A file that would be edited but is a
 * symbolic link is left alone (symbolic-links.ts).
 */
import { createDiagnostic, fileStartLocation, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ProjectLayout } from '../generate/project-layout.js';
import { compareNames, type IntegrationModel } from '../model/integration-model.js';
import { generatedTarget, withIndexEvidence, type GeneratedTarget } from './generated-imports.js';
import { edited, planIndex } from './plan-index.js';
import { reconcileStub, stubLooksCurrent } from './reconcile-stub.js';
import { readDirectory, staleHandlers, type ReadDirectory } from './stale-handlers.js';
import { isSymbolicLink, type IsSymbolicLink } from './symbolic-links.js';
import type { MemberHashes } from './member-history.js';
import { planRenames } from './plan-renames.js';
import { repointWiring } from './repoint-wiring.js';
import { stubLayout, type HandlerStub } from './stub-layout.js';
import { stubTemplate } from './stub-templates.js';
import { todoHandlers } from './todo-handlers.js';

export interface StubOptions {
  /**
   * Rewrite stubs to their fresh template (the user's code in them is lost):
   * true for every stub and index.ts, or the absolute paths of the ones to reset.
   */
  readonly force?: boolean | ReadonlySet<string>;
  /** The last run's members with the fingerprints of their schemas, to tell renames (member-history.ts). */
  readonly previousMembers?: MemberHashes;
}

/** Whether --force resets the file at `path`. */
export function isForced(options: StubOptions, path: string): boolean {
  return options.force === true || (options.force instanceof Set && options.force.has(path));
}

export interface PlannedStubFile {
  /** Absolute path. */
  readonly path: string;
  /** What to write; for a deletion, what the file must still hold to be deleted. */
  readonly content: string;
  /** `delete`: the old file of a handler that moved (a rename), removed after the new one is written. */
  readonly status: 'create' | 'update' | 'delete';
  /** For the new file of a moved handler: the old file. */
  readonly movedFrom?: string;
}

export interface StubPlan {
  /** Files to write, sorted by path; a file whose content would not change is not listed. */
  readonly files: readonly PlannedStubFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** Handlers that still have the TODO body once the plan is applied, in wiring order. */
  readonly todo: readonly HandlerStub[];
  /** The members the run record keeps for the next run (renames by schemas). */
  readonly history: ReadonlyMap<string, string>;
  /** The last run had members this one has not: planned from `history` instead, the plan could read and say other things. */
  readonly membersLeft?: boolean;
}

export type ReadFile = (absolutePath: string) => string | undefined;

export function planStubs(
  model: IntegrationModel,
  layout: ProjectLayout,
  options: StubOptions,
  readUncached: ReadFile,
  readDir: ReadDirectory = readDirectory,
  isLink: IsSymbolicLink = isSymbolicLink,
): StubPlan {
  const readFile = cachedReader(readUncached);
  const stubs = stubLayout(model, layout);
  const forced = (path: string) => isForced(options, path);
  const indexText = readFile(stubs.indexPath);
  const target = withIndexEvidence(generatedTarget(layout.generatedDir, readFile), indexText, layout.srcDir);
  const renames = planRenames({ model, layout, stubs, previous: options.previousMembers ?? new Map(), readFile, isLink, forced, target });
  const movedTo = new Map(renames.moves.map((move) => [move.to.path, move]));
  const files: PlannedStubFile[] = [];
  const missing: HandlerStub[] = [];
  for (const stub of stubs.handlers) {
    const move = movedTo.get(stub.path);
    const existing = readFile(stub.path);
    if (renames.held.has(stub)) continue;
    if (move) {
      if (move.content !== undefined) files.push({ path: stub.path, content: move.content, status: move.replacesStub ? 'update' : 'create', movedFrom: move.from.path });
    } else if (existing === undefined) missing.push(stub);
    else files.push(...edited(stub.path, existing, forced(stub.path) ? stubTemplate(stub) : stubContent(existing, stub, target), isLink));
  }
  const wired = renames.held.size === 0 ? stubs : { ...stubs, handlers: stubs.handlers.filter((stub) => !renames.held.has(stub)) };
  const repointed = indexText === undefined || forced(stubs.indexPath) ? indexText : repointWiring(indexText, stubs.indexPath, renames.moves);
  const index = planIndex({ stubs: wired, existing: repointed, missing, force: forced(stubs.indexPath), root: layout.root, target, isLink });
  files.push(...index.files);
  if (index.files.length === 0 && indexText !== undefined && repointed !== indexText) files.push(...edited(stubs.indexPath, indexText, repointed!, isLink));
  for (const stub of missing) {
    if (!index.implementedElsewhere.has(stub)) files.push({ path: stub.path, content: stubTemplate(stub), status: 'create' });
  }
  for (const move of renames.moves) files.push({ path: move.from.path, content: move.source, status: 'delete' });
  const skip = new Set([...renames.explained, ...renames.moves.map((move) => move.from.path)]);
  const diagnostics = [
    ...index.diagnostics,
    ...renames.diagnostics,
    ...staleHandlers(model, stubs, layout, readFile, readDir, skip),
    ...stubs.unsafeNames.map((name) =>
      createDiagnostic('internal-error', { detail: `name ${JSON.stringify(name)} cannot name a handler file; no stub was written for it` }, fileStartLocation(model.manifestPath)),
    ),
  ];
  const planned = new Map(files.map((file) => [file.path, file]));
  const after = (path: string) => {
    const file = planned.get(path);
    return file === undefined ? readFile(path) : file.status === 'delete' ? undefined : file.content;
  };
  return {
    files: files.sort((a, b) => compareNames(a.path, b.path)),
    diagnostics: sortDiagnostics(diagnostics),
    todo: todoHandlers(wired.handlers, after),
    history: renames.history,
    membersLeft: renames.membersLeft,
  };
}

function stubContent(existing: string, stub: HandlerStub, target: GeneratedTarget): string {
  return stubLooksCurrent(existing, stub, target) ? existing : reconcileStub(existing, stub, target);
}

/** Reads each file once per plan (the stale check reads handler files the stub loop read already). */
function cachedReader(readFile: ReadFile): ReadFile {
  const texts = new Map<string, string | undefined>();
  return (path) => {
    if (!texts.has(path)) texts.set(path, readFile(path));
    return texts.get(path);
  };
}
