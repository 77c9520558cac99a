/**
 * Plans index.ts, the file that wires every handler into
 * `new Integration({...})`: imports of an earlier generated folder re-pointed,
 * handlers it does not name wired (reconcile-wiring.ts), and the
 * `unwired-handler` warnings for those it cannot take.
 *
 * When is a handler reported? A stub created now, whenever it cannot be
 * wired. A stub that already exists, on every run while index.ts builds the
 * implementation object but this handler's place in it is out of reach
 * (`actions: mk()`, a spread) or index.ts is a symbolic link; naming the
 * export anywhere in index.ts (the cheap text check) ends it. When index.ts
 * builds no implementation object at all (it re-exports one, or passes one
 * imported from elsewhere), the project wires its handlers elsewhere and an
 * existing stub is not reported again.
 */
import { dirname, relative, sep } from 'node:path';
import { createDiagnostic, fileStartLocation, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import { generatedSpecifierUpdates, type GeneratedTarget } from './generated-imports.js';
import { scanModuleReferences } from './module-references.js';
import type { PlannedStubFile } from './plan-stubs.js';
import { includesQuoted } from './reconcile-stub.js';
import { NO_OBJECT, reconcileWiring } from './reconcile-wiring.js';
import type { IsSymbolicLink } from './symbolic-links.js';
import type { HandlerStub, StubLayout } from './stub-layout.js';
import { indexTemplate } from './stub-templates.js';

/** The update of an existing user-owned file, unless nothing changes or it is a symbolic link. */
export function edited(path: string, existing: string, content: string, isLink: IsSymbolicLink): PlannedStubFile[] {
  return content === existing || isLink(path) ? [] : [{ path, content, status: 'update' }];
}

export interface IndexPlan {
  readonly files: readonly PlannedStubFile[];
  /** Missing stubs that index.ts already wires to something else: the user moved them, so no file is created. */
  readonly implementedElsewhere: ReadonlySet<HandlerStub>;
  readonly diagnostics: readonly Diagnostic[];
}

export interface IndexInputs {
  readonly stubs: StubLayout;
  /** index.ts as it is; undefined when there is none. */
  readonly existing: string | undefined;
  /** Stubs whose file does not exist. */
  readonly missing: readonly HandlerStub[];
  readonly force: boolean;
  readonly root: string;
  readonly target: GeneratedTarget;
  readonly isLink: IsSymbolicLink;
}

export function planIndex({ stubs, existing, missing, force, root, target, isLink }: IndexInputs): IndexPlan {
  const nothingElse = { implementedElsewhere: new Set<HandlerStub>(), diagnostics: [] };
  if (existing === undefined) return { files: [{ path: stubs.indexPath, content: indexTemplate(stubs), status: 'create' }], ...nothingElse };
  if (force) return { files: edited(stubs.indexPath, existing, indexTemplate(stubs), isLink), ...nothingElse };
  const identifiers = identifiersOf(existing);
  const missingSet = new Set(missing);
  // Cheap check: an existing stub counts as wired when index.ts names its export; a missing one
  // when index.ts imports it (`register` is also a key, so the name alone does not tell).
  const toWire = stubs.handlers.filter((stub) =>
    missingSet.has(stub) ? !importsStub(existing, stub) : !identifiers.has(stub.exportName),
  );
  const canWire = toWire.length > 0 && identifiers.has('Integration');
  const repoint = generatedSpecifierUpdates(scanModuleReferences(existing), dirname(stubs.indexPath), existing, target).length > 0;
  if (!canWire && !repoint) {
    // Nothing to wire, or nothing to wire into: index.ts does not build the Integration (any more), so the
    // project wires its handlers elsewhere; only a stub created now is worth a word.
    const location = fileStartLocation(stubs.indexPath);
    const created = toWire.filter((stub) => missingSet.has(stub));
    return { files: [], ...nothingElse, diagnostics: created.map((stub) => unwiredDiagnostic(stub, root, location, NO_OBJECT)) };
  }
  const wiring = reconcileWiring(existing, stubs, canWire ? toWire : [], target);
  const linked = wiring.text !== existing && isLink(stubs.indexPath);
  const implementedElsewhere = new Set<HandlerStub>();
  const diagnostics: Diagnostic[] = [];
  for (const stub of toWire) {
    const state = wiring.states.get(stub);
    if (state === 'present') {
      if (missingSet.has(stub)) implementedElsewhere.add(stub);
    } else if (state === 'added' && linked) {
      const obstacle = `'${projectPath(root, stubs.indexPath)}' is a symbolic link, which intc does not edit`;
      diagnostics.push(unwiredDiagnostic(stub, root, wiring.location, obstacle));
    } else if (state !== 'added' && (missingSet.has(stub) || wiring.objectFound)) {
      diagnostics.push(unwiredDiagnostic(stub, root, wiring.location, wiring.obstacles.get(stub) ?? NO_OBJECT));
    }
  }
  const files = linked || wiring.text === existing ? [] : [{ path: stubs.indexPath, content: wiring.text, status: 'update' as const }];
  return { files, implementedElsewhere, diagnostics };
}

/** index.ts names the stub's module (`./actions/x.js`, or `./actions/x` / `.ts` under bundler resolution). */
function importsStub(text: string, stub: HandlerStub): boolean {
  const base = stub.indexSpecifier.replace(/\.js$/, '');
  return [stub.indexSpecifier, base, `${base}.ts`].some((specifier) => includesQuoted(text, specifier));
}

function unwiredDiagnostic(stub: HandlerStub, root: string, location: SourceLocation, obstacle: string): Diagnostic {
  return createDiagnostic('unwired-handler', { ...stub.label, file: projectPath(root, stub.path), obstacle }, location);
}

/** Every identifier-like word of a file: a cheap stand-in for "is this export wired here?". */
export function identifiersOf(text: string): Set<string> {
  return new Set(text.match(/[A-Za-z_$][\w$]*/g));
}

function projectPath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}
