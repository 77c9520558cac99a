/**
 * The text of a handler file moved to its member's new name: the export
 * renamed when it has the name intc gave it (`oldAction` → `newAction`,
 * wherever the file uses it), then the tool-owned parts put in step as on
 * every run (reconcile-stub.ts: the annotation `ActionHandlers['old']` in
 * intc's form becomes `ActionHandlers['new']`). Every other byte is the
 * user's and stays. Moves stay at the same folder depth (`actions/x.ts`,
 * `channels/<channel>/<type>.ts`), so relative imports keep working.
 */
import { parseSource } from './load-ts-morph.js';
import type { GeneratedTarget } from './generated-imports.js';
import { reconcileStub } from './reconcile-stub.js';
import { renameIdentifierEdits } from './rename-identifier.js';
import type { HandlerStub } from './stub-layout.js';
import { applyEdits } from './text-edits.js';

export function movedHandlerText(text: string, from: HandlerStub, to: HandlerStub, target: GeneratedTarget): string {
  let moved = text;
  if (from.exportName !== to.exportName) {
    const sourceFile = parseSource(from.path, text);
    if (sourceFile.getVariableDeclaration(from.exportName) !== undefined && !declaresName(text, to.exportName)) {
      moved = applyEdits(text, renameIdentifierEdits(sourceFile, from.exportName, to.exportName));
    }
  }
  return reconcileStub(moved, to, target);
}

/** The new name is already a word of the file: renaming onto it could change what a reference means. */
function declaresName(text: string, name: string): boolean {
  return new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(text);
}
