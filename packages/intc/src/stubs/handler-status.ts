/**
 * What is left to do in one integration's handlers (`intc status`): the stub
 * planner's view (stale handlers, unwired ones, renames it cannot make, and
 * the files `intc generate` would create, move or update) plus the handlers
 * whose file is still the TODO body intc wrote (todo-handlers.ts). Nothing is
 * written; files are read through `readFile`.
 */
import { join, relative, sep } from 'node:path';
import { createDiagnostic, fileStartLocation, sortDiagnostics, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import type { ProjectLayout } from '../generate/project-layout.js';
import type { IntegrationModel } from '../model/integration-model.js';
import type { MemberHashes } from './member-history.js';
import { identifiersOf } from './plan-index.js';
import { planStubs, type PlannedStubFile, type ReadFile } from './plan-stubs.js';
import { exportLocation, type ReadDirectory } from './stale-handlers.js';
import { stubLayout, type HandlerStub } from './stub-layout.js';
import { isTodoHandler } from './todo-handlers.js';

export interface HandlerStatus {
  /** Sorted: todo-handler, stale-handler, unwired-handler, rename-not-applied, stub-out-of-date. */
  readonly diagnostics: readonly Diagnostic[];
  /** Handlers still at the TODO body once `intc generate` has run (stubs it would create included), in wiring order. */
  readonly todo: readonly HandlerStub[];
  /** How many handlers the manifest has. */
  readonly handlerCount: number;
  /** The handler files read, for code frames. */
  readonly sources: ReadonlyMap<string, string>;
}

export interface StatusInputs {
  readonly model: IntegrationModel;
  readonly layout: ProjectLayout;
  readonly previousMembers: MemberHashes;
  readonly readFile: ReadFile;
  readonly readDir: ReadDirectory;
  /** Where a handler's member is in the manifest (`['actions', 'x']`), for a stub that does not exist yet. */
  readonly locateMember: (path: readonly string[]) => SourceLocation;
}

export function handlerStatus({ model, layout, previousMembers, readFile, readDir, locateMember }: StatusInputs): HandlerStatus {
  const sources = new Map<string, string>();
  const read: ReadFile = (path) => {
    const text = readFile(path);
    if (text !== undefined) sources.set(path, text);
    return text;
  };
  const plan = planStubs(model, layout, { previousMembers }, read, readDir);
  const stubs = stubLayout(model, layout).handlers;
  const diagnostics: Diagnostic[] = [...plan.diagnostics];
  const rel = (path: string) => relative(layout.root, path).split(sep).join('/');
  for (const stub of stubs) {
    const text = sources.get(stub.path) ?? read(stub.path);
    if (text === undefined || !isTodoHandler(text, stub)) continue;
    diagnostics.push(createDiagnostic('todo-handler', { ...stub.label, file: rel(stub.path) }, exportLocation(stub.path, text, stub.exportName)));
  }
  const indexPath = join(layout.srcDir, 'index.ts');
  const indexText = read(indexPath);
  const plannedIndex = plan.files.find((file) => file.path === indexPath && file.status === 'update')?.content;
  const unwired = indexText === undefined || plannedIndex === undefined ? [] : wiringToAdd(stubs, indexText, plannedIndex, read);
  for (const stub of unwired) {
    const params = { ...stub.label, file: rel(stub.path), obstacle: `'${rel(indexPath)}' does not wire it yet`, remedy: "run 'intc generate' to wire it" };
    diagnostics.push(createDiagnostic('unwired-handler', params, fileStartLocation(indexPath)));
  }
  const byPath = new Map(stubs.map((stub) => [stub.path, stub]));
  const movedFrom = new Set(plan.files.map((file) => file.movedFrom));
  for (const file of plan.files) {
    if (file.status === 'delete' && movedFrom.has(file.path)) continue; // said by the move
    if (file.path === indexPath && unwired.length > 0) continue; // said handler by handler
    const change = pendingChange(file, rel);
    const stub = byPath.get(file.path);
    const location = file.movedFrom !== undefined || file.status !== 'create' || !stub ? fileStartLocation(file.movedFrom ?? file.path) : locateMember(stub.wiringPath);
    diagnostics.push(createDiagnostic('stub-out-of-date', { file: rel(file.movedFrom ?? file.path), ...change }, location));
  }
  return { diagnostics: sortDiagnostics(diagnostics), todo: plan.todo, handlerCount: stubs.length, sources };
}

/**
 * Handlers whose file exists and that index.ts does not name yet, but will
 * once `intc generate` has wired them (the ones it cannot wire, the planner
 * reports itself).
 */
function wiringToAdd(stubs: readonly HandlerStub[], indexText: string, plannedIndex: string, read: ReadFile): HandlerStub[] {
  const now = identifiersOf(indexText);
  const planned = identifiersOf(plannedIndex);
  return stubs.filter((stub) => !now.has(stub.exportName) && planned.has(stub.exportName) && read(stub.path) !== undefined);
}

function pendingChange(file: PlannedStubFile, rel: (path: string) => string): { state: string; action: string } {
  if (file.movedFrom !== undefined) return { state: `is to move to '${rel(file.path)}' (its member was renamed)`, action: 'move it with your code' };
  if (file.status === 'create') return { state: 'does not exist yet', action: 'create its handler stub' };
  if (file.status === 'delete') return { state: 'is the old file of a renamed handler that was moved already', action: 'finish the move' };
  return { state: 'is not in step with the manifest (its wiring, imports or handler types)', action: 'update it' };
}
