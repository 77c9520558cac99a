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
import { stubLayout, type HandlerStub } from './stub-layout.js';
import { stubTemplate } from './stub-templates.js';

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
  isLink: IsSymbolicLink = isSymbolicLink,
): StubPlan {
  const stubs = stubLayout(model, layout);
  const force = options.force === true;
  const indexText = readFile(stubs.indexPath);
  const target = withIndexEvidence(generatedTarget(layout.generatedDir, readFile), indexText, layout.srcDir);
  const files: PlannedStubFile[] = [];
  const missing: HandlerStub[] = [];
  for (const stub of stubs.handlers) {
    const existing = readFile(stub.path);
    if (existing === undefined) missing.push(stub);
    else files.push(...edited(stub.path, existing, force ? stubTemplate(stub) : stubContent(existing, stub, target), isLink));
  }
  const index = planIndex({ stubs, existing: indexText, missing, force, root: layout.root, target, isLink });
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

function stubContent(existing: string, stub: HandlerStub, target: GeneratedTarget): string {
  return stubLooksCurrent(existing, stub, target) ? existing : reconcileStub(existing, stub, target);
}

