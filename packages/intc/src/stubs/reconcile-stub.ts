/**
 * Keeps the tool-owned parts of an existing stub in step with the generated
 * code, and nothing else: the specifiers that lead to the generated index
 * (re-pointed in their own style when the generated folder moved, see
 * generated-imports.ts) and the export's annotation when it is in the form
 * intc writes (see stub-annotation.ts). The user's body, comments and
 * formatting stay byte for byte.
 */
import { dirname } from 'node:path';
import { generatedSpecifierLike, generatedSpecifierUpdates, type GeneratedTarget, type SpecifierUpdate } from './generated-imports.js';
import { parseSource, tsMorph, type SourceFile } from './load-ts-morph.js';
import { moduleReferencesOf, scanModuleReferences, type ModuleReference } from './module-references.js';
import { annotationEdits, annotationLooksCurrent } from './stub-annotation.js';
import { FRESH_QUOTE, quoted, type HandlerStub } from './stub-layout.js';
import { applyEdits, eolOf, insertAt, type TextEdit } from './text-edits.js';

/** The cheap check, before anything is parsed: no specifier to re-point, no annotation to look at. */
export function stubLooksCurrent(text: string, stub: HandlerStub, target: GeneratedTarget): boolean {
  const references = scanModuleReferences(text);
  const fromDir = dirname(stub.path);
  if (generatedSpecifierUpdates(references, fromDir, text, target).length > 0) return false;
  return annotationLooksCurrent(text, stub, references, (reference) => target.keyOf(fromDir, reference.specifier) === target.generatedDir);
}

export function includesQuoted(text: string, value: string): boolean {
  return text.includes(quoted(value, "'")) || text.includes(quoted(value, '"'));
}

/** The stub's text with its tool-owned parts set to what they should be (the same text when they already are). */
export function reconcileStub(text: string, stub: HandlerStub, target: GeneratedTarget): string {
  const sourceFile = parseSource(stub.path, text);
  const fromDir = dirname(stub.path);
  const references = moduleReferencesOf(sourceFile);
  const updates = generatedSpecifierUpdates(references, fromDir, text, target);
  const edits: TextEdit[] = specifierEdits(text, updates);
  const updated = new Set(updates.map((update) => update.reference));
  const leadsToGenerated = (reference: ModuleReference) => updated.has(reference) || target.keyOf(fromDir, reference.specifier) === target.generatedDir;
  const quote = quoteOf(sourceFile);
  const annotation = annotationEdits(sourceFile, stub, quote, references, leadsToGenerated);
  edits.push(...annotation.edits);
  if (annotation.importMissing) {
    const like = references.find(leadsToGenerated)?.specifier;
    const specifier = like === undefined ? stub.generatedSpecifier : generatedSpecifierLike(like, fromDir, target.generatedDir);
    const semicolon = sourceFile.getImportDeclarations()[0]?.getText().endsWith(';') === false ? '' : ';';
    edits.push(insertAt(importInsertionPoint(sourceFile), `import type { ${stub.typeName} } from ${quoted(specifier, quote)}${semicolon}${eolOf(text)}`));
  }
  return applyEdits(text, edits);
}

/** Each updated specifier, in the quote it was written with. */
export function specifierEdits(text: string, updates: readonly SpecifierUpdate[]): TextEdit[] {
  return updates.map(({ reference, specifier }) => ({
    start: reference.start,
    end: reference.end,
    text: quoted(specifier, text.charAt(reference.start) === '"' ? '"' : "'"),
  }));
}

/** Before the first import, else before the first statement (and its JSDoc), else at the end. */
export function importInsertionPoint(sourceFile: SourceFile): number {
  const first = sourceFile.getImportDeclarations()[0] ?? sourceFile.getStatements()[0];
  return first ? first.getStart(true) : sourceFile.getEnd();
}

/** The quote of the file's first import, else of its first string; the one fresh files use when it has none. */
export function quoteOf(sourceFile: SourceFile): string {
  const { Node } = tsMorph();
  const first = sourceFile.getImportDeclarations()[0]?.getModuleSpecifier() ?? sourceFile.getFirstDescendant(Node.isStringLiteral);
  if (first === undefined) return FRESH_QUOTE;
  return first.getText().charAt(0) === "'" ? "'" : '"';
}
