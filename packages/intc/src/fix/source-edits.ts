import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { TextEdit } from '../diagnostics/diagnostic.js';
import { findEntry, offsetToPosition, type FoundEntry, type SourceFile, type ValuePath } from '../load/source-file.js';
import { yaml } from '../load/yaml-module.js';

/**
 * Edits on a manifest's own text, built from the positions of its YAML
 * nodes: a key renamed, a value replaced, an entry removed or added, a level
 * inserted or removed. Everything outside the range an edit names is left
 * byte for byte (comments, quotes, blank lines, the file's line endings), so
 * `intc validate --fix` changes only what a fix says. Each builder returns
 * undefined when the layout is not one it can edit safely (the fix then stays
 * a sentence for the user).
 */

/** An edit of `file` over `[start, end)`. */
export function textEdit(file: SourceFile, start: number, end: number, replacement: string): TextEdit {
  return { file: file.path, start, end, replacement, range: { start: offsetToPosition(file, start), end: offsetToPosition(file, end) } };
}

/**
 * Several edits of one file as one (ESLint merges a report's fixes the same
 * way): the text between them is copied. Undefined when any is missing or
 * two overlap.
 */
export function mergeEdits(file: SourceFile, edits: readonly (TextEdit | undefined)[]): TextEdit | undefined {
  if (edits.length === 0 || edits.some((edit) => edit === undefined)) return undefined;
  const sorted = [...(edits as TextEdit[])].sort((a, b) => a.start - b.start || a.end - b.end);
  let replacement = '';
  let cursor = sorted[0]!.start;
  for (const edit of sorted) {
    if (edit.start < cursor) return undefined;
    replacement += file.text.slice(cursor, edit.start) + edit.replacement;
    cursor = edit.end;
  }
  return textEdit(file, sorted[0]!.start, cursor, replacement);
}

/** `key:` → `newKey:`, keeping the key's quotes when it had them. */
export function renameKey(file: SourceFile, path: ValuePath, newKey: string): TextEdit | undefined {
  const entry = findEntry(file, path);
  const range = entry?.key?.range;
  if (!range) return undefined;
  return textEdit(file, range[0], range[1], keySource(file, newKey, entry.key));
}

/** The key at `path` replaced by `source`, as written (`type:string` → `type: string`). */
export function replaceKeySource(file: SourceFile, path: ValuePath, source: string): TextEdit | undefined {
  const range = findEntry(file, path)?.key?.range;
  return range ? textEdit(file, range[0], range[1], source) : undefined;
}

/** The value at `path` replaced by `value`, written in flow style. */
export function replaceValue(file: SourceFile, path: ValuePath, value: unknown): TextEdit | undefined {
  return replaceValueSource(file, path, valueSource(file, value));
}

/** The value at `path` (a scalar or a flow collection) replaced by `source`, as written. */
export function replaceValueSource(file: SourceFile, path: ValuePath, source: string): TextEdit | undefined {
  const node = findEntry(file, path)?.value;
  if (!node?.range || !isInline(node)) return undefined;
  return textEdit(file, node.range[0], node.range[1], source);
}

/** A plain scalar YAML read as something else (`01234`, `1.10`) put in quotes, as written. */
export function quoteValue(file: SourceFile, path: ValuePath): TextEdit | undefined {
  const node = findEntry(file, path)?.value;
  const { isScalar } = yaml();
  if (!isScalar(node) || node.type !== 'PLAIN' || !node.range) return undefined;
  const written = file.text.slice(node.range[0], node.range[1]);
  return textEdit(file, node.range[0], node.range[1], singleQuoted(written));
}

/** Removes the entry at `path`: its whole line(s) in a block mapping, the item and one comma in a flow mapping. */
export function removeEntry(file: SourceFile, path: ValuePath): TextEdit | undefined {
  const entry = findEntry(file, path);
  if (!entry?.key?.range) return undefined;
  const { container } = entry;
  if (container.flow) return removeFlowItem(file, container, indexOfKey(container, entry.key));
  if (container.items.length < 2) return undefined;
  const start = lineStart(file.text, entry.key.range[0]);
  if (!isBlank(file.text.slice(start, entry.key.range[0]))) return undefined;
  return textEdit(file, start, entryEnd(file, entry), '');
}

/** Removes item `index` of the sequence at `listPath` (`[a, b]` → `[a]`, or its `- b` line). */
export function removeListItem(file: SourceFile, listPath: ValuePath, index: number): TextEdit | undefined {
  const list = findEntry(file, listPath)?.value;
  const { isSeq } = yaml();
  if (!isSeq(list) || list.items.length < 2) return undefined;
  const items = list.items as Node[];
  const item = items[index];
  if (!item?.range) return undefined;
  if (list.flow) {
    const next = items[index + 1];
    if (next?.range) return textEdit(file, item.range[0], next.range[0], '');
    return textEdit(file, items[index - 1]!.range![1], item.range[1], '');
  }
  const start = lineStart(file.text, item.range[0]);
  if (!/^\s*-\s+$/.test(file.text.slice(start, item.range[0]))) return undefined;
  return textEdit(file, start, nodeLineEnd(file, item), '');
}

export type InsertPosition = 'first' | 'last' | { readonly after: string };

/** Adds `key: value` to the mapping at `mapPath` (on its own line in a block mapping). */
export function insertEntry(file: SourceFile, mapPath: ValuePath, key: string, value: unknown, position: InsertPosition = 'last'): TextEdit | undefined {
  const map = mapAt(file, mapPath);
  if (!map) return undefined;
  const entrySource = `${keySource(file, key)}: ${valueSource(file, value)}`;
  if (map.flow) return insertFlowItem(file, map, entrySource, position === 'first' ? 0 : map.items.length);
  const pairs = map.items as Pair[];
  const anchorIndex = typeof position === 'object' ? pairs.findIndex((pair) => keyName(pair) === position.after) : position === 'first' ? 0 : pairs.length - 1;
  const anchor = pairs[anchorIndex];
  const firstKey = (pairs[0]?.key as Node | null)?.range;
  if (!anchor || !firstKey) return undefined;
  const indent = columnOf(file.text, firstKey[0]);
  const line = `${' '.repeat(indent)}${entrySource}${eol(file)}`;
  if (position === 'first') {
    const start = lineStart(file.text, firstKey[0]);
    return isBlank(file.text.slice(start, firstKey[0])) ? textEdit(file, start, start, line) : undefined;
  }
  const end = pairEnd(file, anchor);
  return textEdit(file, end, end, file.text[end - 1] === '\n' || end === 0 ? line : `${eol(file)}${line}`);
}

/** Appends `item` to the sequence at `listPath` (`[a]` → `[a, item]`, or a new `- item` line). */
export function appendToList(file: SourceFile, listPath: ValuePath, item: unknown): TextEdit | undefined {
  const list = findEntry(file, listPath)?.value;
  const { isSeq } = yaml();
  if (!isSeq(list) || !list.range) return undefined;
  const source = valueSource(file, item);
  if (list.flow) return insertFlowItem(file, list, source, list.items.length);
  const last = list.items.at(-1) as Node | undefined;
  if (!last?.range) return undefined;
  const prefix = file.text.slice(lineStart(file.text, last.range[0]), last.range[0]);
  if (!/^\s*-\s+$/.test(prefix)) return undefined;
  const end = nodeLineEnd(file, last);
  return textEdit(file, end, end, `${prefix}${source}${eol(file)}`);
}

/**
 * Puts the entries of the mapping at `mapPath` whose keys are in `move`
 * under a new key `level` (`input: {type, properties}` → `input: {schema:
 * {type, properties}}`). The moved entries must be adjacent, but for entries
 * `canAlsoMove` accepts (valid at both levels) between them.
 */
export function insertLevel(
  file: SourceFile,
  mapPath: ValuePath,
  level: string,
  move: readonly string[],
  canAlsoMove: (key: string) => boolean = () => false,
): TextEdit | undefined {
  const map = mapAt(file, mapPath);
  if (!map) return undefined;
  const pairs = map.items as Pair[];
  const indices = pairs.map((pair, index) => (move.includes(keyName(pair)) ? index : -1)).filter((index) => index >= 0);
  if (indices.length === 0) return undefined;
  const [first, last] = [indices[0]!, indices.at(-1)!];
  if (pairs.slice(first, last + 1).some((pair) => !move.includes(keyName(pair)) && !canAlsoMove(keyName(pair)))) return undefined;
  const firstKey = (pairs[first]!.key as Node).range!;
  if (map.flow) {
    const end = pairEnd(file, pairs[last]!, false);
    const start = lineStart(file.text, firstKey[0]);
    if (!isBlank(file.text.slice(start, firstKey[0]))) return textEdit(file, firstKey[0], end, `${keySource(file, level)}: { ${file.text.slice(firstKey[0], end)} }`);
    // One entry a line (as JSON is usually written): the new level opens and closes on lines of its own.
    const indent = ' '.repeat(firstKey[0] - start);
    const moved = indentLines(file.text.slice(start, end), 2);
    return textEdit(file, start, end, `${indent}${keySource(file, level)}: {${eol(file)}${moved}${eol(file)}${indent}}`);
  }
  const start = lineStart(file.text, firstKey[0]);
  if (!isBlank(file.text.slice(start, firstKey[0]))) return undefined;
  const end = pairEnd(file, pairs[last]!);
  const indent = firstKey[0] - start;
  const moved = indentLines(file.text.slice(start, end), indentUnit(file, mapPath, indent));
  return textEdit(file, start, end, `${' '.repeat(indent)}${keySource(file, level)}:${eol(file)}${moved}`);
}

/**
 * Removes the key at `path`, an extra level, so its entries take its place
 * (`schema: {schema: {type}}` → `schema: {type}`).
 */
export function removeLevel(file: SourceFile, path: ValuePath): TextEdit | undefined {
  const entry = findEntry(file, path);
  const { isMap } = yaml();
  const inner = entry?.value;
  if (!entry?.key?.range || !isMap(inner) || !inner.range || inner.items.length === 0) return undefined;
  const innerPairs = inner.items as Pair[];
  const innerStart = (innerPairs[0]!.key as Node).range![0];
  if (inner.flow) {
    const innerEnd = pairEnd(file, innerPairs.at(-1)!, false);
    return textEdit(file, entry.key.range[0], inner.range[1], file.text.slice(innerStart, innerEnd));
  }
  const keyLine = lineStart(file.text, entry.key.range[0]);
  if (!isBlank(file.text.slice(keyLine, entry.key.range[0]))) return undefined;
  const innerLine = lineStart(file.text, innerStart);
  if (innerLine === keyLine) return undefined;
  const end = entryEnd(file, entry);
  const outdent = columnOf(file.text, innerStart) - columnOf(file.text, entry.key.range[0]);
  return textEdit(file, keyLine, end, outdentLines(file.text.slice(innerLine, end), outdent));
}

/** `a: b` → `b: a` (a reversed mapping). */
export function swapEntry(file: SourceFile, path: ValuePath): TextEdit | undefined {
  const entry = findEntry(file, path);
  const { isScalar } = yaml();
  if (!isScalar(entry?.key) || !isScalar(entry.value) || !entry.key.range || !entry.value.range) return undefined;
  const [key, value] = [entry.key.range, entry.value.range];
  const keyText = file.text.slice(key[0], key[1]);
  const valueText = file.text.slice(value[0], value[1]);
  return textEdit(file, key[0], value[1], `${valueText}${file.text.slice(key[1], value[0])}${keyText}`);
}

/** Inserts `text` at `offset` (for syntax errors, where there are no nodes to edit). */
export function insertText(file: SourceFile, offset: number, text: string): TextEdit {
  return textEdit(file, offset, offset, text);
}

/** The text from `start` to the end of its line (before a ` #` comment) put in single quotes. */
export function quoteRestOfLine(file: SourceFile, start: number): TextEdit | undefined {
  const end = lineEnd(file.text, start);
  const line = file.text.slice(start, end);
  const comment = line.search(/\s#/);
  const value = (comment >= 0 ? line.slice(0, comment) : line).trimEnd();
  if (value === '' || /^['"]/.test(value)) return undefined;
  return textEdit(file, start, start + value.length, singleQuoted(value));
}

// ---------------------------------------------------------------------------
// Writing keys and values in the file's own syntax

function isJson(file: SourceFile): boolean {
  return file.path.toLowerCase().endsWith('.json');
}

/** Words YAML 1.1 tools (and readers) take for booleans or null: quoted, to be safe everywhere. */
const AMBIGUOUS_WORDS = /^(?:true|false|null|~|y|n|yes|no|on|off)$/i;
/** Text that is a plain scalar in block and flow context alike: no indicators, no `: ` or ` #`, no spaces at the ends. */
const PLAIN_SAFE = /^[A-Za-z0-9_$][\w$.\-/ ]*(?<! )$/;
/** Plain scalars YAML 1.2's core schema reads as numbers. */
const NUMBER_LIKE = /^(?:[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** A string as a YAML scalar: plain when that reads back as the same string, else single-quoted. */
export function yamlString(text: string): string {
  return PLAIN_SAFE.test(text) && !AMBIGUOUS_WORDS.test(text) && !NUMBER_LIKE.test(text) ? text : singleQuoted(text);
}

function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function keySource(file: SourceFile, key: string, existing?: Node): string {
  if (isJson(file)) return JSON.stringify(key);
  const { isScalar } = yaml();
  if (isScalar(existing) && existing.type === 'QUOTE_DOUBLE') return JSON.stringify(key);
  if (isScalar(existing) && existing.type === 'QUOTE_SINGLE') return singleQuoted(key);
  return yamlString(key);
}

/** A value in flow style: `{ type: string }` in YAML, `{ "type": "string" }` in JSON. */
export function valueSource(file: SourceFile, value: unknown): string {
  if (typeof value === 'string') return isJson(file) ? JSON.stringify(value) : yamlString(value);
  if (Array.isArray(value)) return `[${value.map((item) => valueSource(file, item)).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, item]) => `${keySource(file, key)}: ${valueSource(file, item)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return String(value);
}

// ---------------------------------------------------------------------------
// Positions

function eol(file: SourceFile): string {
  return file.text.includes('\r\n') ? '\r\n' : '\n';
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  const stop = end < 0 ? text.length : end;
  return text[stop - 1] === '\r' ? stop - 1 : stop;
}

/** The offset just past the line break of the line holding `offset` (or the end of the text). */
function nextLineStart(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

function isBlank(text: string): boolean {
  return /^[ \t]*$/.test(text);
}

function isInline(node: Node): boolean {
  const { isScalar, isCollection } = yaml();
  if (isScalar(node)) return node.type !== 'BLOCK_FOLDED' && node.type !== 'BLOCK_LITERAL';
  return isCollection(node) && node.flow === true;
}

function keyName(pair: Pair): string {
  const key = pair.key as { value?: unknown } | null;
  return key && typeof key === 'object' ? String(key.value) : String(key);
}

function indexOfKey(container: YAMLMap | YAMLSeq, key: Node): number {
  return container.items.findIndex((item) => (item as Pair).key === key);
}

function mapAt(file: SourceFile, path: ValuePath): YAMLMap | undefined {
  const node = findEntry(file, path)?.value;
  const { isMap } = yaml();
  return isMap(node) && node.range ? node : undefined;
}

/** Where an entry's text ends: past the line break after its value in block style (`inline` false: just past the value). */
function pairEnd(file: SourceFile, pair: Pair, wholeLines = true): number {
  const value = pair.value as Node | null;
  const end = value?.range?.[1] ?? (pair.key as Node).range![1];
  if (!wholeLines) return end;
  return file.text[end - 1] === '\n' ? end : nextLineStart(file.text, end);
}

function entryEnd(file: SourceFile, entry: FoundEntry): number {
  const end = entry.value?.range?.[1] ?? entry.key!.range![1];
  return file.text[end - 1] === '\n' ? end : nextLineStart(file.text, end);
}

function nodeLineEnd(file: SourceFile, node: Node): number {
  const end = node.range![1];
  return file.text[end - 1] === '\n' ? end : nextLineStart(file.text, end);
}

function removeFlowItem(file: SourceFile, container: YAMLMap | YAMLSeq, index: number): TextEdit | undefined {
  const items = container.items as Pair[];
  const item = items[index];
  if (!item) return undefined;
  const start = (item.key as Node).range![0];
  const end = pairEnd(file, item, false);
  const next = items[index + 1];
  if (next) return textEdit(file, start, (next.key as Node).range![0], '');
  const previous = items[index - 1];
  if (previous) return textEdit(file, pairEnd(file, previous, false), end, '');
  const range = container.range!;
  return textEdit(file, range[0], range[1], container.flow && file.text[range[0]] === '[' ? '[]' : '{}');
}

function insertFlowItem(file: SourceFile, collection: YAMLMap | YAMLSeq, source: string, index: number): TextEdit | undefined {
  const items = collection.items as (Pair | Node)[];
  const startOf = (item: Pair | Node) => ('key' in item && item.key ? (item.key as Node).range![0] : (item as Node).range![0]);
  const endOf = (item: Pair | Node) => ('key' in item && item.key ? pairEnd(file, item as Pair, false) : (item as Node).range![1]);
  if (items.length === 0) {
    const range = collection.range!;
    const open = file.text[range[0]]!;
    const close = open === '[' ? ']' : '}';
    return textEdit(file, range[0], range[1], open === '[' ? `[${source}]` : `{ ${source} ${close}`);
  }
  if (index === 0) return textEdit(file, startOf(items[0]!), startOf(items[0]!), `${source}, `);
  const after = endOf(items[Math.min(index, items.length) - 1]!);
  return textEdit(file, after, after, `, ${source}`);
}

/** Two spaces, or the step this file uses between a key and its entries. */
function indentUnit(file: SourceFile, mapPath: ValuePath, indent: number): number {
  if (mapPath.length === 0) return 2;
  const parentKey = findEntry(file, mapPath)?.key?.range;
  const step = parentKey ? indent - columnOf(file.text, parentKey[0]) : 0;
  return step > 0 ? step : 2;
}

function indentLines(text: string, by: number): string {
  return text.replace(/^(?=[^\r\n])/gm, ' '.repeat(by));
}

function outdentLines(text: string, by: number): string {
  return text.replace(new RegExp(`^ {1,${Math.max(1, by)}}`, 'gm'), '');
}
