/**
 * Plans the user-owned handler stubs of one integration: which files to
 * create, which existing ones need their tool-owned parts updated, and the
 * warnings about handlers that left the manifest or could not be wired.
 * Pure apart from reading (`readFile`, `readDir`); `write/` does the writing.
 *
 * Cost: every stub is first checked as text (does it name the generated index
 * and carry the expected annotation?); ts-morph is loaded only for a file
 * that fails that check, so a run where everything is in step never loads it.
 */
import { relative, sep } from 'node:path';
import { createDiagnostic, fileStartLocation, sortDiagnostics, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import type { ProjectLayout } from '../generate/project-layout.js';
import { compareNames, type IntegrationModel } from '../model/integration-model.js';
import { includesQuoted, reconcileStub, stubLooksCurrent } from './reconcile-stub.js';
import { reconcileWiring } from './reconcile-wiring.js';
import { readDirectory, staleHandlers, type ReadDirectory } from './stale-handlers.js';
import { stubLayout, type HandlerStub, type StubLayout } from './stub-layout.js';
import { indexTemplate, stubTemplate } from './stub-templates.js';

export interface StubOptions {
  /** Rewrite every stub and index.ts to its fresh template (the user's code in them is lost). */
  readonly force?: boolean;
}

export interface PlannedStubFile {
  /** Absolute path. */
  readonly path: string;
  readonly content: string;
  readonly status: 'create' | 'update';
}

export interface StubPlan {
  /** Files to write, sorted by path; a file whose content would not change is not listed. */
  readonly files: readonly PlannedStubFile[];
  readonly diagnostics: readonly Diagnostic[];
}

export type ReadFile = (absolutePath: string) => string | undefined;

export function planStubs(
  model: IntegrationModel,
  layout: ProjectLayout,
  options: StubOptions,
  readFile: ReadFile,
  readDir: ReadDirectory = readDirectory,
): StubPlan {
  const stubs = stubLayout(model, layout);
  const force = options.force === true;
  const files: PlannedStubFile[] = [];
  const missing: HandlerStub[] = [];
  for (const stub of stubs.handlers) {
    const existing = readFile(stub.path);
    if (existing === undefined) missing.push(stub);
    else files.push(...changed(stub.path, existing, force ? stubTemplate(stub) : stubContent(existing, stub)));
  }
  const index = planIndex(stubs, readFile(stubs.indexPath), missing, force, layout.root);
  files.push(...index.files);
  for (const stub of missing) {
    if (!index.implementedElsewhere.has(stub)) files.push({ path: stub.path, content: stubTemplate(stub), status: 'create' });
  }
  const diagnostics = [
    ...index.diagnostics,
    ...staleHandlers(model, stubs, layout.generatedDir, readFile, readDir),
    ...stubs.unsafeNames.map((name) =>
      createDiagnostic('internal-error', { detail: `name ${JSON.stringify(name)} cannot name a handler file; no stub was written for it` }, fileStartLocation(model.manifestPath)),
    ),
  ];
  return { files: files.sort((a, b) => compareNames(a.path, b.path)), diagnostics: sortDiagnostics(diagnostics) };
}

function stubContent(existing: string, stub: HandlerStub): string {
  return stubLooksCurrent(existing, stub) ? existing : reconcileStub(existing, stub);
}

function changed(path: string, existing: string | undefined, content: string): PlannedStubFile[] {
  if (existing === undefined) return [{ path, content, status: 'create' }];
  return content === existing ? [] : [{ path, content, status: 'update' }];
}

interface IndexPlan {
  readonly files: readonly PlannedStubFile[];
  /** Missing stubs that index.ts already wires to something else: the user moved them, so no file is created. */
  readonly implementedElsewhere: ReadonlySet<HandlerStub>;
  readonly diagnostics: readonly Diagnostic[];
}

function planIndex(
  stubs: StubLayout,
  existing: string | undefined,
  missing: readonly HandlerStub[],
  force: boolean,
  root: string,
): IndexPlan {
  const nothingElse = { implementedElsewhere: new Set<HandlerStub>(), diagnostics: [] };
  if (existing === undefined || force) return { files: changed(stubs.indexPath, existing, indexTemplate(stubs)), ...nothingElse };
  const identifiers = identifiersOf(existing);
  const missingSet = new Set(missing);
  // Cheap check: an existing stub counts as wired when index.ts names its export; a missing one
  // when index.ts imports it (`register` is also a key, so the name alone does not tell).
  const toWire = stubs.handlers.filter((stub) =>
    missingSet.has(stub) ? !importsStub(existing, stub) : !identifiers.has(stub.exportName),
  );
  const importMoved = identifiers.has('Integration') && !includesQuoted(existing, stubs.indexGeneratedSpecifier);
  if (!importMoved && (toWire.length === 0 || !identifiers.has('Integration'))) {
    // Nothing to wire, or nothing to wire into: index.ts does not build the Integration (any more).
    const unwired = toWire.filter((stub) => missingSet.has(stub));
    const location = fileStartLocation(stubs.indexPath);
    return { files: [], ...nothingElse, diagnostics: unwired.map((stub) => unwiredDiagnostic(stub, root, location)) };
  }
  const wiring = reconcileWiring(existing, stubs, toWire);
  const implementedElsewhere = new Set<HandlerStub>();
  const diagnostics: Diagnostic[] = [];
  for (const stub of toWire) {
    const state = wiring.states.get(stub);
    if (!missingSet.has(stub)) continue;
    if (state === 'present') implementedElsewhere.add(stub);
    if (state === 'unwired') {
      diagnostics.push(unwiredDiagnostic(stub, root, wiring.location));
    }
  }
  return { files: changed(stubs.indexPath, existing, wiring.text), implementedElsewhere, diagnostics };
}

/** index.ts names the stub's module (`./actions/x.js`, or `./actions/x` / `.ts` under bundler resolution). */
function importsStub(text: string, stub: HandlerStub): boolean {
  const base = stub.indexSpecifier.replace(/\.js$/, '');
  return [stub.indexSpecifier, base, `${base}.ts`].some((specifier) => includesQuoted(text, specifier));
}

function unwiredDiagnostic(stub: HandlerStub, root: string, location: SourceLocation): Diagnostic {
  return createDiagnostic('unwired-handler', { ...stub.label, file: projectPath(root, stub.path) }, location);
}

/** Every identifier-like word of a file: a cheap stand-in for "is this export wired here?". */
function identifiersOf(text: string): Set<string> {
  return new Set(text.match(/[A-Za-z_$][\w$]*/g));
}

function projectPath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}
