/**
 * index.ts after handler files moved (renames): each import of a moved
 * file's module follows it, in its own spelling (`./actions/old.js` →
 * `./actions/new.js`, extensionless stays extensionless); the export's new
 * name replaces the old one wherever index.ts uses it (an alias `{ oldAction
 * as h }` keeps `h`); and the handler's keys in the `new Integration({...})`
 * object are renamed where they differ (`old: oldAction` →
 * `new: newAction`, `channels.old` → `channels.new`), in their own quoting.
 * When the object already holds the new key (intc wired a stub of the new
 * name before), the old property and its import are removed instead.
 * Anything index.ts does in another way is left alone: the compiler, and
 * `unwired-handler`, say what is left.
 */
import type { ImportDeclaration, Node, ObjectLiteralExpression } from 'ts-morph';
import { parseSource, tsMorph, type SourceFile } from './load-ts-morph.js';
import { integrationCall, objectLiteralOf, propertyValue, staticPropertyName } from './reconcile-wiring.js';
import { renameIdentifierEdits } from './rename-identifier.js';
import { includesQuoted } from './reconcile-stub.js';
import { propertyKey, quoted, type HandlerStub } from './stub-layout.js';
import { applyEdits, lineStartOf, skipTrivia, type TextEdit } from './text-edits.js';

export interface HandlerMoveNames {
  readonly from: HandlerStub;
  readonly to: HandlerStub;
}

/** Module spellings of a stub relative to index.ts: `./actions/x.js`, `./actions/x`, `./actions/x.ts`. */
const SPELLINGS = ['.js', '', '.ts'] as const;

function spellings(stub: HandlerStub): string[] {
  const base = stub.indexSpecifier.replace(/\.js$/, '');
  return SPELLINGS.map((suffix) => `${base}${suffix}`);
}

/** The cheap check: index.ts names none of the moved modules. */
export function mentionsMovedModules(text: string, moves: readonly HandlerMoveNames[]): boolean {
  return moves.some(({ from }) => spellings(from).some((specifier) => includesQuoted(text, specifier)));
}

export function repointWiring(text: string, indexPath: string, moves: readonly HandlerMoveNames[]): string {
  if (moves.length === 0 || !mentionsMovedModules(text, moves)) return text;
  const sourceFile = parseSource(indexPath, text);
  const edits = new Map<number, TextEdit>();
  const add = (edit: TextEdit) => edits.set(edit.start, edit);
  const call = integrationCall(sourceFile);
  const implementation = call ? objectLiteralOf(sourceFile, call.getArguments()[0]) : undefined;
  for (const move of moves) {
    const declarations = importsOf(sourceFile, move.from);
    if (declarations.length === 0) continue;
    const replaced = implementation !== undefined && rekey(sourceFile, implementation, move, text, add);
    for (const declaration of declarations) {
      const binding = declaration.getNamedImports().find((specifier) => specifier.getName() === move.from.exportName);
      if (replaced === 'removed' && binding) {
        add(removal(text, declaration.getNamedImports().length === 1 ? declaration : binding));
        continue;
      }
      const literal = declaration.getModuleSpecifier();
      const value = literal.getLiteralValue();
      const suffix = SPELLINGS[spellings(move.from).indexOf(value)] ?? '.js';
      const quote = literal.getText().charAt(0) === '"' ? '"' : "'";
      add({ start: literal.getStart(), end: literal.getEnd(), text: quoted(`${move.to.indexSpecifier.replace(/\.js$/, '')}${suffix}`, quote) });
      if (!binding || move.from.exportName === move.to.exportName) continue;
      const alias = binding.getAliasNode();
      if (alias) add({ start: binding.getNameNode().getStart(), end: binding.getNameNode().getEnd(), text: move.to.exportName });
      else for (const edit of renameIdentifierEdits(sourceFile, move.from.exportName, move.to.exportName)) add(edit);
    }
  }
  return applyEdits(text, [...edits.values()]);
}

/** Import declarations of the moved module. */
function importsOf(sourceFile: SourceFile, stub: HandlerStub): ImportDeclaration[] {
  const names = new Set(spellings(stub));
  return sourceFile.getImportDeclarations().filter((declaration) => names.has(declaration.getModuleSpecifierValue()));
}

/**
 * Renames the keys on the way from the implementation object to the moved
 * handler where the old and new paths differ. 'removed' when the handler's
 * new key was there already and the old property was removed instead; true
 * when keys were renamed; false when the old path is not in the object.
 */
function rekey(sourceFile: SourceFile, root: ObjectLiteralExpression, move: HandlerMoveNames, text: string, add: (edit: TextEdit) => void): boolean | 'removed' {
  const from = move.from.wiringPath;
  const to = move.to.wiringPath;
  if (from.length !== to.length) return false;
  let object: ObjectLiteralExpression | undefined = root;
  const pending: TextEdit[] = [];
  for (let depth = 0; depth < from.length && object; depth++) {
    const property = propertyNamed(object, from[depth]!);
    if (!property) return false;
    if (from[depth] !== to[depth]) {
      if (propertyNamed(object, to[depth]!)) {
        if (depth !== from.length - 1) return false; // the new channel is wired already: merging objects is for the user
        for (const edit of pending) add(edit);
        add(removal(text, property));
        return 'removed';
      }
      const edit = keyEdit(property, to[depth]!);
      if (!edit) return false;
      pending.push(edit);
    }
    if (depth < from.length - 1) object = objectLiteralOf(sourceFile, propertyValue(property));
  }
  for (const edit of pending) add(edit);
  return pending.length > 0;
}

function propertyNamed(object: ObjectLiteralExpression, name: string): Node | undefined {
  const properties = object.getProperties().filter((property) => staticPropertyName(property) === name);
  return properties[properties.length - 1]; // the last one wins, as at run time
}

/** The key of `property` spelled `name`, in the quoting it had; undefined for a shorthand (its key is a variable). */
function keyEdit(property: Node, name: string): TextEdit | undefined {
  const { Node } = tsMorph();
  if (!Node.isPropertyAssignment(property)) return undefined;
  const key = property.getNameNode();
  let node: Node = key;
  if (Node.isComputedPropertyName(key)) node = key.getExpression();
  const written = node.getText();
  const text = Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node) ? quoted(name, written.charAt(0) === '"' ? '"' : "'") : propertyKey(name);
  return { start: node.getStart(), end: node.getEnd(), text };
}

/**
 * Removes a property or import: its whole line(s) when it stands alone on
 * them (a trailing comma included), else the node and the comma after it.
 */
function removal(text: string, node: Node): TextEdit {
  const start = node.getStart();
  let end = node.getEnd();
  const afterNode = skipTrivia(text, end);
  if (text.charAt(afterNode) === ',') end = afterNode + 1;
  const lineStart = lineStartOf(text, start);
  const rest = /^[ \t]*(\r?\n|$)/.exec(text.slice(end));
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && rest) return { start: lineStart, end: end + rest[0].length, text: '' };
  return { start, end: text.charAt(end) === ' ' ? end + 1 : end, text: '' };
}
