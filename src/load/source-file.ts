import type { Document, LineCounter, Node } from 'yaml';
import type { SourceLocation, SourcePosition } from '../diagnostics/diagnostic.js';
import { parseDocumentWithPositions, yaml, type PositionedDocument } from './yaml-module.js';

/** A step in a path through a manifest: a mapping key or a sequence index. */
export type PathSegment = string | number;
export type ValuePath = readonly PathSegment[];

/**
 * A manifest file: its text, and the yaml Document with positions, which is
 * built on first use when the fast parser read the value (fast-parse.ts).
 */
export class SourceFile {
  private positioned: PositionedDocument | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
    positioned?: PositionedDocument,
  ) {
    this.positioned = positioned;
  }

  get document(): Document.Parsed {
    return this.positions().document;
  }

  get lineCounter(): LineCounter {
    return this.positions().lineCounter;
  }

  private positions(): PositionedDocument {
    this.positioned ??= parseDocumentWithPositions(this.text);
    return this.positioned;
  }
}

/** Which part of a `key: value` pair a diagnostic points at. */
export type LocationPart = 'key' | 'value';

export function offsetToPosition(file: Pick<SourceFile, 'lineCounter'>, offset: number): SourcePosition {
  const { line, col } = file.lineCounter.linePos(offset);
  return { line, column: col };
}

export function rangeLocation(file: Pick<SourceFile, 'path' | 'lineCounter'>, start: number, end: number): SourceLocation {
  return { file: file.path, start: offsetToPosition(file, start), end: offsetToPosition(file, end) };
}

/**
 * Maps a path through the plain value back to the source: the key of the
 * last segment (part 'key') or its value (part 'value'). A path that leaves
 * the document stops at the deepest node that exists, so every diagnostic
 * still gets the closest real position.
 */
export function locate(file: SourceFile, path: ValuePath, part: LocationPart = 'value'): SourceLocation {
  const found = findNode(file.document, path);
  const node = part === 'key' && found.key ? found.key : found.value ?? found.key;
  const range = node?.range;
  if (!range) return rangeLocation(file, 0, 0);
  return rangeLocation(file, range[0], range[1]);
}

interface FoundNode {
  key: Node | undefined;
  value: Node | undefined;
}

function findNode(document: Document.Parsed, path: ValuePath): FoundNode {
  const { isAlias, isCollection, isMap, isPair, isScalar, isSeq } = yaml();
  const asNode = (value: unknown): Node | undefined => (isScalar(value) || isCollection(value) || isAlias(value) ? (value as Node) : undefined);
  const resolveAlias = (node: Node | undefined): Node | undefined => (isAlias(node) ? asNode(node.resolve(document)) : node);
  const keyText = (key: unknown): string | undefined => (isScalar(key) ? String(key.value) : undefined);
  const childOf = (container: Node | undefined, segment: PathSegment): FoundNode | undefined => {
    if (isMap(container)) {
      for (const pair of container.items) {
        if (isPair(pair) && keyText(pair.key) === String(segment)) {
          return { key: asNode(pair.key), value: asNode(pair.value) ?? asNode(pair.key) };
        }
      }
      return undefined;
    }
    if (isSeq(container) && typeof segment === 'number') {
      const item = asNode(container.items[segment]);
      return item ? { key: undefined, value: item } : undefined;
    }
    return undefined;
  };
  let current: FoundNode = { key: undefined, value: asNode(document.contents) };
  for (const segment of path) {
    const container = resolveAlias(current.value);
    const next = childOf(container, segment);
    if (!next) break;
    current = next;
  }
  return current;
}
