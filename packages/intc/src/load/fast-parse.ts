import jsYaml from 'js-yaml';
import { isPlainObject } from '../model/values.js';

/**
 * A fast path for clean manifests: js-yaml builds the plain value ~7× faster
 * than the `yaml` package composes a Document with positions, and parsing
 * is most of the time on large manifests. Positions are needed only for
 * diagnostics, so the Document is built later, on demand.
 *
 * The value must be exactly what the `yaml` path would give, so the fast path
 * gives up (returns undefined, and parse-yaml.ts parses with `yaml`) on every
 * construct where the two are known to differ or `yaml` reports a problem
 * (see needsYaml), on collections reached twice, keys `yaml` reads as null or
 * refuses, nesting past the limit, and every js-yaml error (duplicate keys,
 * syntax). Scalars resolve with YAML 1.2 core rules copied from `yaml`'s core
 * schema. test/fast-parse.test.ts holds both paths to the same result on
 * every fixture and on a corpus of awkward scalars and documents.
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

/** Keys that `yaml` turns into '' or handles specially. */
const UNSAFE_KEYS = new Set(['', '~', 'null', 'Null', 'NULL', '__proto__']);
/** `yaml` refuses implicit keys over 1024 source characters; quotes and escapes make the source longer than the key. */
const MAX_KEY_LENGTH = 256;

export function parseFast(text: string, maxDepth: number): unknown {
  if (needsYaml(text)) return undefined;
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
        if (UNSAFE_KEYS.has(key) || key.length > MAX_KEY_LENGTH) return false;
        stack.push([node[key], depth + 1]);
      }
    } else {
      return false;
    }
  }
  return true;
}

/**
 * A scan for what only `yaml` judges the way the product must: directives,
 * tags (`!`), aliases (`*`), explicit keys (`? `), bare CR line breaks,
 * quoted scalars that span lines or are followed by `#` (or `:#`) without a space,
 * and flow collections continued on another line of a block document
 * (js-yaml accepts them less indented; `yaml` and the YAML spec do not).
 * It tracks brackets, quotes and comments where they start a token, so
 * prose that merely contains these characters mostly stays on the fast path;
 * when in doubt it says yes, which only costs time.
 */
function needsYaml(text: string): boolean {
  // Bare CR, directives, text glued to a document marker, keep-chomping block scalars, \U escapes.
  if (/\r(?!\n)|^%|^(?:---|\.\.\.)[^\s]|[|>][1-9]?\+|[|>]\+[1-9]|\\U/m.test(text)) return true;
  const firstToken = /^(?:\s|#[^\n]*)*(.)/.exec(text)?.[1];
  const flowRoot = firstToken === '{' || firstToken === '[';
  // Tabs in the indentation of a block document.
  if (!flowRoot && /^ *\t/m.test(text)) return true;
  let depth = 0;
  let atTokenStart = true;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const next = text[i + 1] ?? '\n';
    if (char === '\n') {
      if (depth > 0 && !flowRoot) return true;
      atTokenStart = true;
    } else if (char === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (atTokenStart && (char === '"' || char === "'")) {
      const end = closingQuote(text, i);
      // A comment glued to the quote, or to the `:` a quoted key may take without a space (`"a":# x`).
      GLUED_COMMENT.lastIndex = end + 1;
      if (end < 0 || text.slice(i, end).includes('\n') || GLUED_COMMENT.test(text)) return true;
      i = end;
      atTokenStart = false;
    } else if (atTokenStart && (char === '!' || (char === '*' && !/\s/.test(next)) || (char === '?' && /\s/.test(next)))) {
      return true;
    } else if ((char === '[' || char === '{') && (atTokenStart || depth > 0)) {
      depth++;
      atTokenStart = true;
    } else if ((char === ']' || char === '}') && depth > 0) {
      depth--;
      atTokenStart = false;
      // A comment glued to the bracket, or a collection used as a key.
      if (next === '#' || /^[ \t]*:(?:\s|$)/.test(text.slice(i + 1, i + 64))) return true;
    } else if (char === ',' && depth > 0) {
      atTokenStart = true;
    } else if ((char === ':' || char === '-') && /\s/.test(next)) {
      atTokenStart = true;
    } else if (char !== ' ' && char !== '\t' && char !== '\r') {
      atTokenStart = false;
    }
  }
  return depth > 0 && !flowRoot;
}

/** At the end of a quoted scalar: `#` glued to it, or to the `:` after it (sticky: tested at `lastIndex`). */
const GLUED_COMMENT = /#|[ \t]*:#/y;

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
