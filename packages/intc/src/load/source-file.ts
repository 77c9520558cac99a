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

  private lineStartOffsets: number[] | undefined;

  /**
   * Offset of the start of each line, from the text itself: yaml's
   * LineCounter knows only the line breaks its lexer reached, which a syntax
   * error (a NUL byte, an unclosed flow collection) can cut short, and
   * building the Document just to place a JSON syntax error costs more.
   * Lines end at `\n`, as for yaml.
   */
  get lineStarts(): readonly number[] {
    if (this.lineStartOffsets === undefined) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStartOffsets = starts;
    }
    return this.lineStartOffsets;
  }
}

/** Which part of a `key: value` pair a diagnostic points at. */
export type LocationPart = 'key' | 'value';

export function offsetToPosition(file: Pick<SourceFile, 'lineStarts'>, offset: number): SourcePosition {
  const starts = file.lineStarts;
  let low = 0;
  let high = starts.length - 1;
  // The last line that starts at or before the offset.
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: Math.max(0, offset - starts[low]!) + 1 };
}

export function rangeLocation(file: Pick<SourceFile, 'path' | 'lineStarts'>, start: number, end: number): SourceLocation {
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

/** A `key: value` entry of a mapping (or an item of a sequence, without a key), with the collection holding it. */
export interface FoundEntry {
  readonly key: Node | undefined;
  readonly value: Node | undefined;
  readonly container: import('yaml').YAMLMap | import('yaml').YAMLSeq;
}

type YamlModule = ReturnType<typeof yaml>;

function findNode(document: Document.Parsed, path: ValuePath): FoundNode {
  const y = yaml();
  let current: FoundNode = { key: undefined, value: asNode(y, document.contents) };
  for (const segment of path) {
    const next = childOf(y, resolveAlias(y, document, current.value), segment);
    if (!next) break;
    current = next;
  }
  return current;
}

/**
 * The entry the whole path names, or undefined when any step is missing
 * (for edits, which must touch exactly what the path names). The empty
 * path names the document's top-level collection, with no key.
 */
export function findEntry(file: SourceFile, path: ValuePath): FoundEntry | undefined {
  const y = yaml();
  let node = asNode(y, file.document.contents);
  if (path.length === 0) return y.isMap(node) || y.isSeq(node) ? { key: undefined, value: node, container: node } : undefined;
  for (let i = 0; i < path.length; i++) {
    const container = resolveAlias(y, file.document, node);
    const segment = path[i]!;
    let key: Node | undefined;
    let holder: FoundEntry['container'];
    if (y.isMap(container)) {
      const pair = pairsByKey(y, container).get(String(segment));
      if (!pair) return undefined;
      holder = container;
      key = asNode(y, pair.key);
      node = asNode(y, pair.value);
    } else if (y.isSeq(container) && typeof segment === 'number') {
      holder = container;
      node = asNode(y, container.items[segment]);
      if (!node) return undefined;
    } else {
      return undefined;
    }
    if (i === path.length - 1) return { key, value: node, container: holder };
  }
  return undefined;
}

function resolveAlias(y: YamlModule, document: Document.Parsed, node: Node | undefined): Node | undefined {
  return isAliasNode(y, node) ? asNode(y, node.resolve(document)) : node;
}

/** Pairs of each mapping by key, built on first lookup: files with thousands of diagnostics stay linear. */
const pairIndexes = new WeakMap<object, Map<string, { key: unknown; value: unknown }>>();

function pairsByKey(y: YamlModule, map: import('yaml').YAMLMap): Map<string, { key: unknown; value: unknown }> {
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items) {
      if (y.isPair(item) && y.isScalar(item.key)) {
        const name = keyString(item.key.value);
        if (!index.has(name)) index.set(name, item);
      }
    }
    pairIndexes.set(map, index);
  }
  return index;
}

function childOf(y: YamlModule, container: Node | undefined, segment: PathSegment): FoundNode | undefined {
  if (y.isMap(container)) {
    const pair = pairsByKey(y, container).get(String(segment));
    // A key without a value (`key:`) stands for its value in locations.
    return pair ? { key: asNode(y, pair.key), value: asNode(y, pair.value) ?? asNode(y, pair.key) } : undefined;
  }
  if (y.isSeq(container) && typeof segment === 'number') {
    const item = asNode(y, container.items[segment]);
    return item ? { key: undefined, value: item } : undefined;
  }
  return undefined;
}

/** A mapping key as the plain value has it: `yaml` turns a null key into ''. */
export function keyString(key: unknown): string {
  return key === null || key === undefined ? '' : String(key);
}

function isAliasNode(y: YamlModule, node: Node | undefined): node is import('yaml').Alias {
  return y.isAlias(node);
}

function asNode(y: YamlModule, value: unknown): Node | undefined {
  return y.isScalar(value) || y.isCollection(value) || y.isAlias(value) ? (value as Node) : undefined;
}
