/**
 * The type annotation of a stub's export, which intc owns only in the form it
 * writes: `ActionHandlers['x']` (or `MessageHandlers['ch']['t']`,
 * `RegisterHandler`…), where the head is the generated type imported by name
 * (`import type { ActionHandlers as H }` gives `H['x']`), through a namespace
 * import of the generated index (`G.ActionHandlers['x']`), or not imported at
 * all (the import is then added). Such an annotation naming the wrong handler
 * is put right. Every other typing is the user's and is left alone: no
 * annotation (`satisfies ActionHandlers['x']`, `as …`, typed parameters: the
 * compiler checks the export against the wiring anyway), a type of their own,
 * a union, a generic.
 */
import type { Node, SourceFile, TypeNode } from 'ts-morph';
import { tsMorph } from './load-ts-morph.js';
import type { ModuleReference } from './module-references.js';
import { handlerAnnotation, type HandlerStub } from './stub-layout.js';
import type { TextEdit } from './text-edits.js';

/**
 * The cheap check, the same decision as `annotationEdits` on text: false when the
 * export's annotation is in the tool-owned form and names the wrong handler or lacks its import.
 */
export function annotationLooksCurrent(
  text: string,
  stub: HandlerStub,
  references: readonly ModuleReference[],
  leadsToGenerated: (reference: ModuleReference) => boolean,
): boolean {
  const from = annotationStart(text, stub.exportName);
  if (from === undefined) return true; // no such const, or no annotation
  const initializer = /=(?![=>])/g;
  initializer.lastIndex = from;
  const annotation = text.slice(from, initializer.exec(text)?.index ?? text.length);
  const head = /^\s*([A-Za-z_$][\w$]*)(?:\s*\.\s*([A-Za-z_$][\w$]*))?/.exec(annotation);
  if (!head) return true;
  const [, first, second] = head as unknown as [string, string, string | undefined];
  if (second !== undefined) {
    const reference = references.find((candidate) => candidate.namespace === first);
    if (second !== stub.typeName || !reference || !leadsToGenerated(reference)) return true;
  } else {
    const reference = references.find((candidate) => candidate.bindings.some((binding) => binding.local === first));
    const imported = reference?.bindings.find((binding) => binding.local === first)?.imported;
    if (reference ? imported !== stub.typeName || !leadsToGenerated(reference) : first !== stub.typeName || declaresType(text, first)) return true;
    if (!reference) return false; // the import is to be added
  }
  const headText = second === undefined ? first : `${first}.${second}`;
  return normalizedType(annotation) === normalizedType(handlerAnnotation(stub, headText));
}

/** Where the annotation of `const <name>: …` starts (past the colon); undefined when there is no such const or no annotation. */
function annotationStart(text: string, name: string): number | undefined {
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
    const after = at + name.length;
    if (/[\w$]/.test(text.charAt(after)) || !/(?:^|[^\w$.])(?:const|let|var)\s+$/.test(text.slice(Math.max(0, at - 40), at))) continue;
    const colon = /\s*(:)?/y;
    colon.lastIndex = after;
    const match = colon.exec(text)!;
    return match[1] === undefined ? undefined : after + match[0].length;
  }
  return undefined;
}

export interface AnnotationPlan {
  readonly edits: readonly TextEdit[];
  /** The annotation names the generated type without importing it: the import is to be added. */
  readonly importMissing: boolean;
}

/**
 * The edit that puts a tool-owned annotation right. `leadsToGenerated` tells
 * whether a reference leads to the generated index (as it will after this run's edits).
 */
export function annotationEdits(
  sourceFile: SourceFile,
  stub: HandlerStub,
  quote: string,
  references: readonly ModuleReference[],
  leadsToGenerated: (reference: ModuleReference) => boolean,
): AnnotationPlan {
  const typeNode = sourceFile.getVariableDeclaration(stub.exportName)?.getTypeNode();
  const head = typeNode && toolOwnedHead(typeNode, stub, sourceFile, references, leadsToGenerated);
  if (!typeNode || !head) return { edits: [], importMissing: false };
  const expected = handlerAnnotation(stub, head.text, quote);
  const edits = normalizedType(typeNode.getText()) === normalizedType(expected) ? [] : [{ start: typeNode.getStart(), end: typeNode.getEnd(), text: expected }];
  return { edits, importMissing: head.unbound };
}

interface Head {
  readonly text: string;
  readonly unbound: boolean;
}

/** `H` / `G.ActionHandlers` when the annotation is `<head>[…][…]` in the tool-owned form; else undefined. */
function toolOwnedHead(
  typeNode: TypeNode,
  stub: HandlerStub,
  sourceFile: SourceFile,
  references: readonly ModuleReference[],
  leadsToGenerated: (reference: ModuleReference) => boolean,
): Head | undefined {
  const { Node } = tsMorph();
  let node: Node = typeNode;
  while (Node.isIndexedAccessTypeNode(node)) node = node.getObjectTypeNode();
  if (!Node.isTypeReference(node) || node.getTypeArguments().length > 0) return undefined;
  const name = node.getTypeName();
  if (Node.isQualifiedName(name)) {
    const namespace = name.getLeft().getText();
    if (name.getRight().getText() !== stub.typeName) return undefined;
    const reference = references.find((candidate) => candidate.namespace === namespace);
    return reference && leadsToGenerated(reference) ? { text: `${namespace}.${stub.typeName}`, unbound: false } : undefined;
  }
  const local = name.getText();
  const reference = references.find((candidate) => candidate.bindings.some((binding) => binding.local === local));
  if (reference) {
    const imported = reference.bindings.find((binding) => binding.local === local)!.imported;
    return imported === stub.typeName && leadsToGenerated(reference) ? { text: local, unbound: false } : undefined;
  }
  return local === stub.typeName && !declaresName(sourceFile, local) ? { text: local, unbound: true } : undefined;
}

/** The file declares the name itself: a type, interface, class, enum, namespace, or a default or namespace import. */
function declaresName(sourceFile: SourceFile, name: string): boolean {
  return (
    sourceFile.getTypeAlias(name) !== undefined ||
    sourceFile.getInterface(name) !== undefined ||
    sourceFile.getClass(name) !== undefined ||
    sourceFile.getEnum(name) !== undefined ||
    sourceFile.getModule(name) !== undefined ||
    sourceFile.getImportDeclarations().some((declaration) => declaration.getDefaultImport()?.getText() === name || declaration.getNamespaceImport()?.getText() === name)
  );
}

/** A cheap stand-in for `declaresName`. */
function declaresType(text: string, name: string): boolean {
  return new RegExp(`(?<![\\w$.])(?:type|interface|class|enum|namespace|import)\\s+${escapeName(name)}(?![\\w$])`).test(text);
}

function escapeName(name: string): string {
  return name.replace(/\$/g, '\\$');
}

/** Type text compared without whitespace and quote style: `ActionHandlers["a"]` is `ActionHandlers['a']`. */
function normalizedType(text: string): string {
  return text.replace(/\s+/g, '').replace(/"/g, "'");
}
