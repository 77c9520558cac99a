/**
 * Renames a top-level name wherever the file uses it, as text edits:
 * declarations, references, import and export specifiers; a shorthand
 * property `{ old }` becomes `{ old: renamed }` so its key stays. Property
 * names, members and the right side of `a.old` are other names and stay.
 * Shadowing is not tracked (a handler file rarely declares its export's name
 * twice).
 */
import type { Node } from 'ts-morph';
import { tsMorph, type SourceFile } from './load-ts-morph.js';
import type { TextEdit } from './text-edits.js';

export function renameIdentifierEdits(sourceFile: SourceFile, from: string, to: string): TextEdit[] {
  const { SyntaxKind } = tsMorph();
  const edits: TextEdit[] = [];
  for (const identifier of sourceFile.getDescendantsOfKind(SyntaxKind.Identifier)) {
    if (identifier.getText() !== from || isOtherName(identifier)) continue;
    const parent = identifier.getParent();
    const shorthand = parent?.getKind() === SyntaxKind.ShorthandPropertyAssignment;
    edits.push({ start: identifier.getStart(), end: identifier.getEnd(), text: shorthand ? `${from}: ${to}` : to });
  }
  return edits;
}

/** A property, member, label or the right side of `a.b` / `A.B` that only looks like the identifier. */
function isOtherName(identifier: Node): boolean {
  const { Node } = tsMorph();
  const parent = identifier.getParent();
  if (!parent) return false;
  if (Node.isPropertyAccessExpression(parent)) return parent.getNameNode() === identifier;
  if (Node.isQualifiedName(parent)) return parent.getRight() === identifier;
  if (Node.isLabeledStatement(parent) || Node.isBreakStatement(parent) || Node.isContinueStatement(parent)) return true;
  const member =
    Node.isPropertyAssignment(parent) ||
    Node.isPropertySignature(parent) ||
    Node.isPropertyDeclaration(parent) ||
    Node.isMethodDeclaration(parent) ||
    Node.isMethodSignature(parent) ||
    Node.isGetAccessorDeclaration(parent) ||
    Node.isSetAccessorDeclaration(parent) ||
    Node.isEnumMember(parent);
  return member && parent.getNameNode() === identifier;
}
