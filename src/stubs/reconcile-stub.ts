/**
 * Keeps the tool-owned parts of an existing stub in step with the generated
 * code, and nothing else: the `import type { <Type> } from '<generated>/index.js'`
 * declaration (found by the type it imports, as GraphQL Code Generator's
 * server preset finds its resolver imports) and the exported const's type
 * annotation. The user's body, comments and formatting stay byte for byte.
 */
import { parseSource, type SourceFile } from './load-ts-morph.js';
import { handlerAnnotation, quoted, type HandlerStub } from './stub-layout.js';
import { applyEdits, eolOf, insertAt, type TextEdit } from './text-edits.js';

/**
 * The cheap check, before anything is parsed: the file names the generated
 * index and carries the expected annotation (in either quote style).
 */
export function stubLooksCurrent(text: string, stub: HandlerStub): boolean {
  return (
    includesQuoted(text, stub.generatedSpecifier) &&
    (text.includes(handlerAnnotation(stub, stub.typeName, "'")) || text.includes(handlerAnnotation(stub, stub.typeName, '"')))
  );
}

export function includesQuoted(text: string, value: string): boolean {
  return text.includes(quoted(value, "'")) || text.includes(quoted(value, '"'));
}

/** The stub's text with its import and annotation set to what they should be (the same text when they already are). */
export function reconcileStub(text: string, stub: HandlerStub): string {
  return applyEdits(text, stubEdits(parseSource(stub.path, text), text, stub));
}

function stubEdits(sourceFile: SourceFile, text: string, stub: HandlerStub): TextEdit[] {
  const edits: TextEdit[] = [];
  const quote = quoteOf(sourceFile);
  const declaration = sourceFile.getVariableDeclaration(stub.exportName);
  const typeImport = sourceFile
    .getImportDeclarations()
    .flatMap((importDeclaration) => importDeclaration.getNamedImports().map((named) => ({ importDeclaration, named })))
    .find(({ named }) => named.getName() === stub.typeName);
  let localTypeName = stub.typeName;
  if (typeImport) {
    localTypeName = typeImport.named.getAliasNode()?.getText() ?? stub.typeName;
    const moduleSpecifier = typeImport.importDeclaration.getModuleSpecifier();
    if (moduleSpecifier.getLiteralValue() !== stub.generatedSpecifier) {
      const literalQuote = moduleSpecifier.getText().charAt(0) === '"' ? '"' : "'";
      edits.push({ start: moduleSpecifier.getStart(), end: moduleSpecifier.getEnd(), text: quoted(stub.generatedSpecifier, literalQuote) });
    }
  } else if (declaration) {
    // Only when there is an annotation to serve: an unused import would break noUnusedLocals.
    const eol = eolOf(text);
    const semicolon = sourceFile.getImportDeclarations()[0]?.getText().endsWith(';') === false ? '' : ';';
    edits.push(insertAt(importInsertionPoint(sourceFile), `import type { ${stub.typeName} } from ${quoted(stub.generatedSpecifier, quote)}${semicolon}${eol}`));
  }
  if (declaration) {
    const expected = handlerAnnotation(stub, localTypeName, quote);
    const typeNode = declaration.getTypeNode();
    if (!typeNode) edits.push(insertAt(declaration.getNameNode().getEnd(), `: ${expected}`));
    else if (normalizedType(typeNode.getText()) !== normalizedType(expected)) {
      edits.push({ start: typeNode.getStart(), end: typeNode.getEnd(), text: expected });
    }
  }
  return edits;
}

/** Before the first import, else before the first statement (and its JSDoc), else at the end. */
export function importInsertionPoint(sourceFile: SourceFile): number {
  const first = sourceFile.getImportDeclarations()[0] ?? sourceFile.getStatements()[0];
  return first ? first.getStart(true) : sourceFile.getEnd();
}

/** The quote the file's first import uses; single quotes when it has none. */
export function quoteOf(sourceFile: SourceFile): string {
  const first = sourceFile.getImportDeclarations()[0];
  return first?.getModuleSpecifier().getText().charAt(0) === '"' ? '"' : "'";
}

/** Type text compared without whitespace and quote style: `ActionHandlers["a"]` is `ActionHandlers['a']`. */
function normalizedType(text: string): string {
  return text.replace(/\s+/g, '').replace(/"/g, "'");
}
