import jsYaml from 'js-yaml';
import { isPlainObject } from '../model/values.js';

/**
 * A fast path for clean manifests: js-yaml builds the plain value ~7× faster
 * than the `yaml` package composes a Document with positions, and parsing
 * is most of the time on large manifests. Positions are needed only for
 * diagnostics, so the Document is built later, on demand.
 *
 * The value must be exactly what `yaml` would give, so the fast path gives up
 * (returns undefined, and parse-yaml.ts parses with `yaml`) on anything where
 * the two could differ or where `yaml` reports problems: directives, tags,
 * explicit `?` keys, collections reached twice (aliases), keys `yaml` reads
 * as null, nesting past the limit, and every js-yaml error (duplicate keys,
 * syntax). Scalars resolve with YAML 1.2 core rules copied from `yaml`'s core
 * schema. test/fast-parse.test.ts compares both parsers on every fixture.
 */
const { Type, FAILSAFE_SCHEMA, load } = jsYaml;

type ScalarRule = readonly [pattern: RegExp, construct: (text: string) => unknown];

/** One js-yaml type per tag (js-yaml keeps only the last type of a tag), trying `yaml`'s rules in its order. */
function scalarType(name: string, rules: readonly ScalarRule[]): InstanceType<typeof Type> {
  const ruleFor = (text: unknown) => (typeof text === 'string' ? rules.find(([pattern]) => pattern.test(text)) : undefined);
  return new Type(`tag:yaml.org,2002:${name}`, {
    kind: 'scalar',
    resolve: (text: unknown) => ruleFor(text) !== undefined,
    construct: (text: string) => ruleFor(text)![1](text),
  });
}

const yaml12CoreSchema = FAILSAFE_SCHEMA.extend({
  implicit: [
    scalarType('null', [[/^(?:~|[Nn]ull|NULL)?$/, () => null]]),
    scalarType('bool', [[/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (text) => text[0] === 't' || text[0] === 'T']]),
    scalarType('int', [
      [/^0o[0-7]+$/, (text) => parseInt(text.substring(2), 8)],
      [/^[-+]?[0-9]+$/, (text) => parseInt(text, 10)],
      [/^0x[0-9a-fA-F]+$/, (text) => parseInt(text.substring(2), 16)],
    ]),
    scalarType('float', [
      [/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (text) => (text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? -Infinity : Infinity)],
      [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, (text) => parseFloat(text)],
      [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, (text) => parseFloat(text)],
    ]),
  ],
});

/** Directives, tags and explicit keys, where they can start a token (prose may trip this; then `yaml` parses). */
const UNSUPPORTED_SYNTAX = /^%|(?:^|[\s[{,])(?:!|\?(?:\s|$))/m;
/** Keys that `yaml` turns into '' or handles specially. */
const UNSAFE_KEYS = new Set(['', '~', 'null', 'Null', 'NULL', '__proto__']);

export function parseFast(text: string, maxDepth: number): unknown {
  if (UNSUPPORTED_SYNTAX.test(text) || flowSpansLinesInBlock(text)) return undefined;
  let value: unknown;
  try {
    value = load(text, { schema: yaml12CoreSchema });
  } catch {
    return undefined;
  }
  // An empty or comment-only document reads as null here; `yaml` tells it apart (empty-manifest).
  return value !== undefined && value !== null && isTree(value, maxDepth) ? value : undefined;
}

/** No collection reached twice (an alias), no unsafe key, no nesting past `maxDepth`. Iterative: input may be deep. */
function isTree(root: unknown, maxDepth: number): boolean {
  const seen = new Set<object>();
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (seen.has(node) || depth > maxDepth) return false;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) stack.push([item, depth + 1]);
    } else if (isPlainObject(node)) {
      for (const key of Object.keys(node)) {
        if (UNSAFE_KEYS.has(key)) return false;
        stack.push([node[key], depth + 1]);
      }
    } else {
      return false;
    }
  }
  return true;
}

/**
 * js-yaml accepts a flow collection in a block document that continues on a
 * less indented line (`a: [b,\nc]`); `yaml` rejects it, as the YAML spec does.
 * Such a document goes to `yaml`. A scan that tracks brackets, quotes and
 * comments where they start a token; a document whose root is a flow
 * collection (JSON) has no indentation rules to break.
 */
function flowSpansLinesInBlock(text: string): boolean {
  const firstToken = /^(?:\s|#[^\n]*)*(.)/.exec(text)?.[1];
  if (firstToken === '{' || firstToken === '[') return false;
  let depth = 0;
  let atTokenStart = true;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\n') {
      if (depth > 0) return true;
      atTokenStart = true;
    } else if (char === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (atTokenStart && (char === '"' || char === "'")) {
      const end = closingQuote(text, i);
      if (end < 0 || (depth > 0 && text.slice(i, end).includes('\n'))) return true;
      i = end;
      atTokenStart = false;
    } else if ((char === '[' || char === '{') && (atTokenStart || depth > 0)) {
      depth++;
      atTokenStart = true;
    } else if ((char === ']' || char === '}') && depth > 0) {
      depth--;
      atTokenStart = false;
    } else if (char === ',' && depth > 0) {
      atTokenStart = true;
    } else if ((char === ':' || char === '-') && /\s/.test(text[i + 1] ?? '\n')) {
      atTokenStart = true;
    } else if (char !== ' ' && char !== '\t' && char !== '\r') {
      atTokenStart = false;
    }
  }
  return depth > 0;
}

/** Index of the quote that closes the one at `start` ('' escapes in single quotes, \ in double), or -1. */
function closingQuote(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}
