import type { Node, YAMLError } from 'yaml';
import { createDiagnostic, fixOf, type Diagnostic, type Fix } from '../diagnostics/diagnostic.js';
import { quoteRestOfLine, textEdit } from '../fix/source-edits.js';
import { parseFast } from './fast-parse.js';
import { keyString, rangeLocation, SourceFile } from './source-file.js';
import { ALIAS_FIX, inspectAliases } from './yaml-aliases.js';
import { yamlSyntaxFix } from './yaml-syntax-fixes.js';
import { parseDocumentWithPositions, yaml } from './yaml-module.js';

/** Alias expansions allowed per document before it is treated as an alias bomb. */
export const MAX_ALIAS_COUNT = 100;
/** Deeper nesting than any real manifest needs; refused before recursive stages see it. */
export const MAX_NESTING_DEPTH = 200;
const NESTING_DETAIL = `nesting deeper than ${MAX_NESTING_DEPTH} levels`;

export interface ParsedSource {
  readonly file: SourceFile;
  /** The plain value; undefined when the file has syntax errors or is empty. */
  readonly value: unknown;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parses YAML or JSON (YAML 1.2 is a superset of JSON, so one parser gives
 * positions for both): by the fast path when it can (fast-parse.ts), else
 * with the `yaml` Document, where syntax errors, duplicate keys, unresolved
 * tags, non-scalar keys, excessive nesting, aliases inside their own anchor
 * and alias bombs become diagnostics; a file with any of them yields no value.
 */
export function parseYaml(path: string, text: string): ParsedSource {
  const jsonError = path.toLowerCase().endsWith('.json') ? checkJsonSyntax(path, text) : undefined;
  if (jsonError) return { file: new SourceFile(path, text), value: undefined, diagnostics: [jsonError] };
  const fast = parseFast(text, MAX_NESTING_DEPTH);
  if (fast !== undefined) return { file: new SourceFile(path, text), value: fast, diagnostics: [] };
  return parseWithPositions(path, text);
}

/**
 * A `.json` manifest must be JSON: YAML would also accept comments, trailing
 * commas and unquoted keys. JSON.parse says where it stopped; duplicate keys,
 * which JSON.parse lets through, are caught by the YAML layer after this.
 */
function checkJsonSyntax(path: string, text: string): Diagnostic | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    const unexpected = position ? undefined : positionOfUnexpectedToken(text, message);
    let offset = position ? Number(position[1]) : unexpected!.offset;
    let detail = unexpected?.word
      ? `'${unexpected.word}' is not JSON (strings and keys need double quotes; the literals are true, false and null)`
      : message
      .replace(/ (?:in|after) JSON at position \d+.*$/s, '')
      .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '')
      .replace(/\s+/g, ' ')
      .replace(/^Unexpected end of JSON input$/, 'unexpected end of input');
    const previous = text.slice(0, offset).search(/,\s*$/);
    const file = new SourceFile(path, text);
    let fix: Fix | undefined = unexpected?.word ? fixOf(`Write it as JSON: a string in double quotes ("${unexpected.word}"), or true, false or null.`) : undefined;
    if (previous >= 0 && /^[\]}]/.test(text.slice(offset))) {
      offset = previous;
      detail = 'trailing comma (JSON allows no comma after the last item)';
      fix = fixOf('Remove the comma.', textEdit(file, offset, offset + 1, ''));
    }
    return createDiagnostic('json-syntax', { detail }, rangeLocation(file, offset, offset + 1), fix);
  }
}

/**
 * Node 20 reports some JSON errors without a position ("Unexpected token"):
 * find the first bare word that is not a JSON literal (`tru`, an unquoted
 * key, `NaN`), else the first occurrence of the named token, outside strings.
 */
function positionOfUnexpectedToken(text: string, message: string): { offset: number; word?: string } {
  const token = /^Unexpected token '?(.)'?/.exec(message)?.[1];
  let tokenAt = -1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (/[A-Za-z_$]/.test(char)) {
      const word = /^[\w$]+/.exec(text.slice(i, i + 64))![0];
      // After a digit, a word is part of a number (the `e` of `1e-3`), not a bare word.
      const inNumber = /[0-9.]/.test(text[i - 1] ?? '');
      if (!inNumber && word !== 'true' && word !== 'false' && word !== 'null') return { offset: i, word };
      i += word.length - 1;
    } else if (tokenAt < 0 && char === token) {
      tokenAt = i;
    }
  }
  return { offset: tokenAt >= 0 ? tokenAt : text.length };
}

/** The `yaml` path alone (the fast path's reference in tests). */
export function parseWithPositions(path: string, text: string): ParsedSource {
  const positioned = parseDocumentWithPositions(text);
  const { document } = positioned;
  const file = new SourceFile(path, text, positioned);
  const structure = inspectStructure(file);
  // The parser runs out of stack far below where the walk found nesting past the limit: that one error is enough.
  const tooDeep = structure.some((d) => d.code === 'yaml-unsupported' && d.message.includes(NESTING_DETAIL));
  const syntaxErrors = [...document.errors, ...document.warnings]
    .filter((error) => !(tooDeep && /call stack/i.test(error.message)))
    .map((error) => yamlErrorToDiagnostic(file, error));
  // Later syntax errors are mostly consequences of the first: report that one.
  const diagnostics = [...syntaxErrors.slice(0, 1), ...structure];
  if (diagnostics.length === 0) diagnostics.push(...inspectAliases(file));
  if (diagnostics.length > 0) return { file, value: undefined, diagnostics };
  if (document.contents === null) {
    const start = fixOf('Start with the two keys every manifest has, for example `name: my-integration` and `version: 0.1.0`.');
    return { file, value: undefined, diagnostics: [createDiagnostic('empty-manifest', {}, rangeLocation(file, 0, 0), start)] };
  }
  try {
    return { file, value: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), diagnostics: [] };
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const unresolved = /Unresolved alias.*: (.*)$/.exec(error.message);
    const diagnostic = unresolved ? unresolvedAliasDiagnostic(file, unresolved[1]!) : /alias count/i.test(error.message) ? aliasLimitDiagnostic(file) : undefined;
    if (!diagnostic) throw error;
    return { file, value: undefined, diagnostics: [diagnostic] };
  }
}

/** `*name` with no `&name` before it. */
function unresolvedAliasDiagnostic(file: SourceFile, name: string): Diagnostic {
  const { isAlias } = yaml();
  let at: [number, number] = [0, 0];
  forEachNode(file, (node) => {
    if (isAlias(node) && node.source === name && node.range && (at[1] === 0 || node.range[0] < at[0])) at = [node.range[0], node.range[1]];
  });
  const fix = /^[\w-]+$/.test(name)
    ? fixOf(`Put \`&${name}\` on the value to reuse, before this alias, or write the value here.`)
    : fixOf(`Put the value in quotes: a value starting with \`*\` is an alias in YAML.`, quoteRestOfLine(file, at[0]));
  return createDiagnostic('yaml-syntax', { detail: `alias *${name} has no anchor &${name} before it` }, rangeLocation(file, at[0], at[1]), fix);
}

function yamlErrorToDiagnostic(file: SourceFile, error: YAMLError): Diagnostic {
  const message = firstLine(error.message);
  const start = refineErrorOffset(file, error);
  const location = rangeLocation(file, start, Math.max(start + 1, error.pos[1]));
  if (/call stack/i.test(message)) {
    return createDiagnostic('yaml-unsupported', { detail: NESTING_DETAIL }, location, { message: 'Flatten the structure: no manifest needs this much nesting.' });
  }
  switch (error.code) {
    case 'TAG_RESOLVE_FAILED':
    case 'BAD_DIRECTIVE':
    case 'BAD_ALIAS':
      return createDiagnostic('yaml-unsupported', { detail: message }, location, {
        message: 'Remove the tag or directive and write the value itself: manifests are plain YAML (no custom tags such as `!include`).',
      });
    default: {
      if (/multiple documents/i.test(message)) {
        return createDiagnostic('yaml-unsupported', { detail: 'a manifest holds one YAML document' }, location, {
          message: 'Remove the `---` separator and what follows it, or put the second document in a file of its own.',
        });
      }
      const hint = yamlSyntaxFix(file, error, start);
      return createDiagnostic('yaml-syntax', { detail: hint.detail ?? message }, location, hint.fix);
    }
  }
}

/**
 * The parser reports some errors where it gave up (end of file, start of the
 * next line); users want the place to fix: the opening quote of an unclosed
 * string, the opening bracket of an unclosed flow collection, the first
 * character of a badly indented line.
 */
function refineErrorOffset(file: SourceFile, error: YAMLError): number {
  const { isCollection, isScalar } = yaml();
  const offset = error.pos[0];
  if (/quote/i.test(error.message)) {
    return innermostOpenNode(file, offset, (node) => isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) ?? offset;
  }
  if (error.code !== 'BLOCK_IN_FLOW' && /flow (sequence|mapping|collection)|end with a [\]}]/i.test(error.message)) {
    return innermostOpenNode(file, offset, (node) => isCollection(node) && node.flow === true) ?? offset;
  }
  let first = offset;
  while (first < file.text.length && file.text[first] === ' ') first++;
  return file.text[first] === '\n' || file.text[first] === '\r' ? offset : first;
}

/** The start of the last-starting node before `offset` that reaches it (the unclosed one). */
function innermostOpenNode(file: SourceFile, offset: number, matches: (node: Node) => boolean): number | undefined {
  let best: number | undefined;
  forEachNode(file, (node) => {
    const range = node.range;
    if (range && range[0] < offset && range[1] >= offset - 1 && matches(node) && (best === undefined || range[0] > best)) best = range[0];
  });
  return best;
}

/**
 * Walks the document without recursion (input may be nested thousands deep):
 * duplicate keys, keys that are not scalars, and nesting past the limit.
 */
function inspectStructure(file: SourceFile): Diagnostic[] {
  const { isCollection, isMap, isPair } = yaml();
  const diagnostics: Diagnostic[] = [];
  const stack: [Node, number][] = [];
  if (file.document.contents) stack.push([file.document.contents as Node, 1]);
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_NESTING_DEPTH) {
      const [start, end] = node.range ?? [0, 0];
      diagnostics.push(createDiagnostic('yaml-unsupported', { detail: NESTING_DETAIL }, rangeLocation(file, start, end), fixOf('Flatten the structure: no manifest needs this much nesting.')));
      break;
    }
    if (isMap(node)) diagnostics.push(...checkMapKeys(file, node.items));
    if (isCollection(node)) {
      for (const item of node.items) {
        const child = isPair(item) ? item.value : item;
        if (isCollection(child)) stack.push([child as Node, depth + 1]);
      }
    }
  }
  return diagnostics;
}

function checkMapKeys(file: SourceFile, pairs: readonly unknown[]): Diagnostic[] {
  const { isPair, isScalar } = yaml();
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const pair of pairs) {
    if (!isPair(pair)) continue;
    const key = pair.key as Node | null;
    const [start, end] = key?.range ?? [0, 0];
    if (key !== null && !isScalar(key)) {
      diagnostics.push(createDiagnostic('yaml-unsupported', { detail: 'keys must be plain strings, not collections or aliases' }, rangeLocation(file, start, end), fixOf('Write the key as plain text.')));
      continue;
    }
    const name = keyString(key?.value);
    if (seen.has(name)) {
      diagnostics.push(createDiagnostic('duplicate-key', { key: name }, rangeLocation(file, start, end), fixOf(`Remove one of the two '${name}' entries, or merge them into one.`)));
    }
    seen.add(name);
  }
  return diagnostics;
}

function forEachNode(file: SourceFile, visit: (node: Node) => void): void {
  const { isAlias, isCollection, isPair, isScalar } = yaml();
  const stack: unknown[] = [file.document.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isScalar(node) || isAlias(node)) visit(node);
    else if (isCollection(node)) {
      visit(node);
      for (const item of node.items) {
        if (isPair(item)) stack.push(item.key, item.value);
        else stack.push(item);
      }
    }
  }
}

/** The alias bomb is reported at its first alias, where the expansion starts. */
function aliasLimitDiagnostic(file: SourceFile): Diagnostic {
  const { isAlias } = yaml();
  let first: [number, number] | undefined;
  forEachNode(file, (node) => {
    if (isAlias(node) && node.range && (first === undefined || node.range[0] < first[0])) first = [node.range[0], node.range[1]];
  });
  return createDiagnostic('alias-limit', { limit: MAX_ALIAS_COUNT }, rangeLocation(file, first?.[0] ?? 0, first?.[1] ?? 0), ALIAS_FIX);
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
