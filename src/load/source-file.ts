import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { SourceLocation, SourcePosition } from '../diagnostics/diagnostic.js';

/** A step in a path through a manifest: a mapping key or a sequence index. */
export type PathSegment = string | number;
export type ValuePath = readonly PathSegment[];

/** A parsed manifest file: its text, the yaml Document (with positions) and its plain value. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly lineCounter: LineCounter;
  readonly document: Document.Parsed;
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
  let current: FoundNode = { key: undefined, value: asNode(document.contents) };
  for (const segment of path) {
    const container = resolveAlias(document, current.value);
    const next = childOf(container, segment);
    if (!next) break;
    current = next;
  }
  return current;
}

function childOf(container: Node | undefined, segment: PathSegment): FoundNode | undefined {
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
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function resolveAlias(document: Document.Parsed, node: Node | undefined): Node | undefined {
  if (isAlias(node)) return asNode(node.resolve(document));
  return node;
}

function asNode(value: unknown): Node | undefined {
  return isScalar(value) || isCollection(value) || isAlias(value) ? (value as Node) : undefined;
}
