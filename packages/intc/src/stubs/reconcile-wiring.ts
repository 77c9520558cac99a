/**
 * Wires handlers into an existing index.ts without touching anything else:
 * finds the object passed to `new Integration(...)` (directly, or through a
 * const in the same file), walks `actions`, `channels.<ch>.messages`, and
 * inserts the missing properties in one splice per object literal, plus one
 * splice of import lines after the last import. Imports of the generated
 * index follow the generated folder when it moved (generated-imports.ts).
 */
import { dirname } from 'node:path';
import type { NewExpression, Node, ObjectLiteralExpression } from 'ts-morph';
import { fileStartLocation, type SourceLocation } from '../diagnostics/diagnostic.js';
import { generatedSpecifierUpdates, type GeneratedTarget } from './generated-imports.js';
import { parseSource, tsMorph, type SourceFile } from './load-ts-morph.js';
import { moduleReferencesOf, scanModuleReferences } from './module-references.js';
import { importInsertionPoint, quoteOf, specifierEdits } from './reconcile-stub.js';
import type { HandlerStub, StubLayout } from './stub-layout.js';
import { handlerImports, inlineProperties, propertyLines, wiringTree, type PropertyTree } from './stub-templates.js';
import { applyEdits, eolOf, indentUnitOf, indentationAt, insertAt, lineStartOf, positionAt, skipTrivia, startsItsLine, type TextEdit } from './text-edits.js';

/** `present`: the implementation object already has this handler's property; `added`: wired now; `unwired`: no place found. */
export type WiringState = 'present' | 'added' | 'unwired';

export interface WiringResult {
  readonly text: string;
  readonly states: ReadonlyMap<HandlerStub, WiringState>;
  /** Where a warning about an unwired handler points: the `new Integration(...)` call, else the file start. */
  readonly location: SourceLocation;
  /** Why each `unwired` handler could not be wired, as the end of a sentence (`intc found no …`). */
  readonly obstacles: ReadonlyMap<HandlerStub, string>;
  /** The `new Integration({ ... })` object was found: index.ts is where this project wires its handlers. */
  readonly objectFound: boolean;
}

export const NO_OBJECT = 'intc found no `new Integration({ ... })` object to wire it into here';

/** index.ts with its generated imports re-pointed and `handlers` wired (as far as they can be). */
export function reconcileWiring(text: string, layout: StubLayout, handlers: readonly HandlerStub[], target: GeneratedTarget): WiringResult {
  return new WiringPlanner(parseSource(layout.indexPath, text), text, layout).plan(handlers, target);
}

class WiringPlanner {
  private readonly edits: TextEdit[] = [];
  private readonly states = new Map<HandlerStub, WiringState>();
  private readonly obstacles = new Map<HandlerStub, string>();
  private readonly byExportName = new Map<string, HandlerStub>();
  private readonly eol: string;
  private readonly unit: string;
  private readonly quote: string;

  constructor(
    private readonly sourceFile: SourceFile,
    private readonly text: string,
    private readonly layout: StubLayout,
  ) {
    this.eol = eolOf(text);
    this.unit = indentUnitOf(text);
    this.quote = quoteOf(sourceFile);
  }

  plan(handlers: readonly HandlerStub[], target: GeneratedTarget): WiringResult {
    for (const stub of handlers) this.byExportName.set(stub.exportName, stub);
    this.repointGeneratedImports(target);
    const call = integrationCall(this.sourceFile);
    const implementation = call ? objectLiteralOf(this.sourceFile, call.getArguments()[0]) : undefined;
    const tree = wiringTree(handlers, false);
    if (implementation) this.wireInto(implementation, tree, []);
    else this.markAll(tree, 'unwired', NO_OBJECT);
    this.importAdded(handlers.filter((stub) => this.states.get(stub) === 'added'));
    const location = call
      ? { file: this.layout.indexPath, start: positionAt(this.text, call.getStart()), end: positionAt(this.text, call.getExpression().getEnd()) }
      : fileStartLocation(this.layout.indexPath);
    const text = applyEdits(this.text, this.edits);
    return { text, states: this.states, location, obstacles: this.obstacles, objectFound: implementation !== undefined };
  }

  /** Re-points imports of an earlier generated folder; the syntax tree's imports are walked only when the text scan finds one. */
  private repointGeneratedImports(target: GeneratedTarget): void {
    const fromDir = dirname(this.layout.indexPath);
    if (generatedSpecifierUpdates(scanModuleReferences(this.text), fromDir, this.text, target).length === 0) return;
    this.edits.push(...specifierEdits(this.text, generatedSpecifierUpdates(moduleReferencesOf(this.sourceFile), fromDir, this.text, target)));
  }

  /**
   * `path`: the keys from the implementation object down to `object`;
   * `parent`: the object literal holding this one, if any (an empty object in a one-line parent stays on one line).
   */
  private wireInto(object: ObjectLiteralExpression, tree: PropertyTree, path: readonly string[], parent?: ObjectLiteralExpression): void {
    const byName = new Map<string, Node>();
    let unknownKeys = false;
    for (const property of object.getProperties()) {
      const name = staticPropertyName(property);
      if (name === undefined) unknownKeys = true; // `...spread`, `[computed]`
      else byName.set(name, property); // the last one wins, as at run time
    }
    const missing: PropertyTree = new Map();
    for (const [key, value] of tree) {
      const property = byName.get(key);
      if (!property) {
        // A spread or computed key may hold it already: adding ours could shadow the user's.
        if (unknownKeys) this.markAll(value, 'unwired', `${inObject(path)} has a spread or computed key that may already hold it`);
        else {
          missing.set(key, value);
          this.markAll(value, 'added');
        }
      } else if (typeof value === 'string') {
        this.mark(value, 'present');
      } else {
        const child = objectLiteralOf(this.sourceFile, propertyValue(property));
        if (child) this.wireInto(child, value, [...path, key], object);
        else this.markAll(value, 'unwired', `${inObject([...path, key])} is not an object literal intc can add to`);
      }
    }
    if (missing.size > 0) this.edits.push(...this.insertProperties(object, missing, parent));
  }

  private insertProperties(object: ObjectLiteralExpression, tree: PropertyTree, parent?: ObjectLiteralExpression): TextEdit[] {
    const text = this.text;
    const open = object.getStart();
    const close = object.getEnd() - 1;
    const properties = object.getProperties();
    const last = properties[properties.length - 1];
    const oneLine = (node: ObjectLiteralExpression) => !text.slice(node.getStart(), node.getEnd()).includes('\n');
    if (!last && parent && oneLine(parent) && /^\s*$/.test(text.slice(open + 1, close))) {
      return [{ start: open + 1, end: close, text: ` ${inlineProperties(tree, this.quote)} ` }];
    }
    if (!last) {
      const outer = indentationAt(text, open);
      const lines = propertyLines(tree, { indent: outer + this.unit, unit: this.unit, eol: this.eol, quote: this.quote });
      if (/^\s*$/.test(text.slice(open + 1, close))) return [{ start: open + 1, end: close, text: this.eol + lines + outer }];
      return [insertAt(open + 1, this.eol + lines.slice(0, -this.eol.length))];
    }
    // The comma after the last property, if any: the next token after it (past comments).
    const commaEnd = object.compilerNode.properties.hasTrailingComma ? skipTrivia(text, last.getEnd()) + 1 : undefined;
    const multiline = text.slice(open, close).includes('\n') && startsItsLine(text, close);
    if (multiline) {
      const lineStarter = properties.find((property) => startsItsLine(text, property.getStart(true)));
      const indent = lineStarter ? indentationAt(text, lineStarter.getStart(true)) : indentationAt(text, open) + this.unit;
      const lines = propertyLines(tree, { indent, unit: this.unit, eol: this.eol, quote: this.quote });
      return [...(commaEnd === undefined ? [insertAt(last.getEnd(), ',')] : []), insertAt(lineStartOf(text, close), lines)];
    }
    const inline = inlineProperties(tree, this.quote);
    return commaEnd === undefined ? [insertAt(last.getEnd(), `, ${inline}`)] : [insertAt(commaEnd, ` ${inline},`)];
  }

  /** One splice of `import { x } from './actions/x.js';` lines after the last import. */
  private importAdded(added: readonly HandlerStub[]): void {
    if (added.length === 0) return;
    const imports = this.sourceFile.getImportDeclarations();
    const lastImport = imports[imports.length - 1];
    const semicolon = lastImport && !lastImport.getText().endsWith(';') ? '' : ';';
    const lines = handlerImports(added, this.quote, semicolon, this.eol);
    if (lastImport) this.edits.push(insertAt(lastImport.getEnd(), this.eol + lines.slice(0, -this.eol.length)));
    else this.edits.push(insertAt(importInsertionPoint(this.sourceFile), lines));
  }

  private mark(exportName: string, state: WiringState, obstacle?: string): void {
    const stub = this.byExportName.get(exportName);
    if (!stub) return;
    this.states.set(stub, state);
    if (obstacle !== undefined) this.obstacles.set(stub, obstacle);
  }

  private markAll(value: string | PropertyTree, state: WiringState, obstacle?: string): void {
    if (typeof value === 'string') this.mark(value, state, obstacle);
    else for (const child of value.values()) this.markAll(child, state, obstacle);
  }
}

/** The implementation object, or the object at `path` in it (`actions`, `channels.telegram.messages`), for a diagnostic. */
function inObject(path: readonly string[]): string {
  const object = 'the `new Integration({ ... })` object';
  return path.length === 0 ? object : `\`${path.join('.')}\` in ${object}`;
}

/** `Integration` in `new Integration(...)` and in `new generated.Integration(...)`. */
function calleeName(expression: Node): string {
  const text = expression.getText();
  return text.slice(text.lastIndexOf('.') + 1).trim();
}

/**
 * The `new Integration(...)` call: first among the top-level statements
 * (`export default new Integration(...)`, `const x = new Integration(...)`),
 * which needs no walk over the whole tree; else anywhere in the file.
 */
export function integrationCall(sourceFile: SourceFile): NewExpression | undefined {
  const { Node, SyntaxKind } = tsMorph();
  const integrationName = localIntegrationName(sourceFile);
  const isCall = (node: Node | undefined): node is NewExpression =>
    Node.isNewExpression(node) && calleeName(node.getExpression()) === integrationName;
  for (const statement of sourceFile.getStatements()) {
    const candidates = Node.isExportAssignment(statement) || Node.isExpressionStatement(statement)
      ? [statement.getExpression()]
      : Node.isVariableStatement(statement)
        ? statement.getDeclarations().map((declaration) => declaration.getInitializer())
        : [];
    const found = candidates.map(unwrapExpression).find(isCall);
    if (found) return found;
  }
  return sourceFile.getDescendantsOfKind(SyntaxKind.NewExpression).find(isCall);
}

/** The local name of `Integration` (`import { Integration as Impl }`). */
function localIntegrationName(sourceFile: SourceFile): string {
  for (const declaration of sourceFile.getImportDeclarations()) {
    const named = declaration.getNamedImports().find((specifier) => specifier.getName() === 'Integration');
    if (named) return named.getAliasNode()?.getText() ?? 'Integration';
  }
  return 'Integration';
}

/** An expression without the parentheses, `as`, `satisfies` and `!` around it. */
function unwrapExpression(node: Node | undefined): Node | undefined {
  const { Node } = tsMorph();
  let current = node;
  while (
    Node.isParenthesizedExpression(current) ||
    Node.isAsExpression(current) ||
    Node.isSatisfiesExpression(current) ||
    Node.isNonNullExpression(current) ||
    Node.isTypeAssertion(current)
  ) {
    current = current.getExpression();
  }
  return current;
}

/** The object literal an expression stands for: itself, through parentheses, `as`/`satisfies`, or a const of this file. */
export function objectLiteralOf(sourceFile: SourceFile, expression: Node | undefined, depth = 0): ObjectLiteralExpression | undefined {
  const { Node } = tsMorph();
  const node = unwrapExpression(expression);
  if (!node || depth > 8) return undefined;
  if (Node.isObjectLiteralExpression(node)) return node;
  if (Node.isIdentifier(node)) return objectLiteralOf(sourceFile, sourceFile.getVariableDeclaration(node.getText())?.getInitializer(), depth + 1);
  return undefined;
}

/** The value of a property (`a: x` → `x`, shorthand `a` → `a`); undefined for methods and accessors. */
export function propertyValue(property: Node): Node | undefined {
  const { Node } = tsMorph();
  if (Node.isPropertyAssignment(property)) return property.getInitializer();
  if (Node.isShorthandPropertyAssignment(property)) return property.getNameNode();
  return undefined;
}

/** The key a property defines, whatever its spelling (`a`, `'a'`, `"a"`, `['a']`); undefined when not static. */
export function staticPropertyName(property: Node): string | undefined {
  const { Node } = tsMorph();
  if (!(Node.isPropertyAssignment(property) || Node.isShorthandPropertyAssignment(property) || Node.isMethodDeclaration(property) || Node.isGetAccessorDeclaration(property) || Node.isSetAccessorDeclaration(property))) {
    return undefined;
  }
  const name = property.getNameNode();
  if (Node.isStringLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name)) return name.getLiteralValue();
  if (Node.isComputedPropertyName(name)) {
    const expression = name.getExpression();
    return Node.isStringLiteral(expression) || Node.isNoSubstitutionTemplateLiteral(expression) ? expression.getLiteralValue() : undefined;
  }
  return name.getText();
}
