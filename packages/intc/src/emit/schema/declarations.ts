/**
 * Reads json-schema-to-typescript's unformatted output back as a list of
 * declarations: placeholders become the real type and property names, the
 * root declaration is dropped, each declaration is indented, and every token
 * outside comments and string literals is checked against what the library
 * can print, so no manifest text can reach the code unnoticed.
 */
import { EMPTY_OBJECT_TYPE } from '../api/ts-syntax.js';
import { escapeInvisibleInLiteral } from './comment-text.js';
import { KEY_PLACEHOLDER_PATTERN, TYPE_PLACEHOLDER_PATTERN, type TypeSchemaPlan } from './type-schema.js';

export interface Declaration {
  readonly name: string;
  /** The declaration with its JSDoc, indented, without a trailing newline. */
  readonly text: string;
}

/** Words json-schema-to-typescript prints outside comments and strings (besides our placeholders). */
const KEYWORDS = new Set(['export', 'type', 'interface', 'string', 'number', 'boolean', 'null', 'unknown', 'never', 'any', 'undefined', 'object', 'true', 'false', 'k']);
const PUNCTUATION = new Set(['{', '}', '[', ']', '(', ')', ':', ';', ',', '|', '&', '?', '=', '.']);
const OPENERS = new Set(['{', '[', '(']);
const CLOSERS = new Set(['}', ']', ')']);

interface Line {
  text: string;
  /** Bracket depth at the start of the line. */
  depth: number;
  /** Closing brackets before the line's first other token. */
  leadingClosers: number;
  depthAtEnd: number;
  /** The line starts inside a block comment. */
  inComment: boolean;
}

/** The declarations of `generated`, sorted by name, the root left out. */
export function readDeclarations(generated: string, plan: TypeSchemaPlan): Declaration[] {
  const lines = new Lexer(generated, plan).lines();
  const declarations = splitDeclarations(lines).filter((d) => d.name !== plan.rootPlaceholder);
  return declarations.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const STRING = /"(?:[^"\\\n]|\\.)*"/y;
const WORD = /[A-Za-z_$][A-Za-z0-9_$]*/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/y;

class Lexer {
  private readonly out: Line[] = [];
  private line: Line = newLine(0, false);
  private depth = 0;
  private sawToken = false;
  private index = 0;

  constructor(
    private readonly source: string,
    private readonly plan: TypeSchemaPlan,
  ) {}

  lines(): Line[] {
    const { source } = this;
    while (this.index < source.length) {
      const char = source[this.index]!;
      if (char === '\n') {
        this.endLine(false);
        this.index++;
      } else if (char === ' ' || char === '\t') {
        this.line.text += char;
        this.index++;
      } else if (source.startsWith('/*', this.index)) this.comment();
      else if (char === '"') this.string(this.match(STRING, 'string'));
      else if (/[A-Za-z_$]/.test(char)) this.word(this.match(WORD, 'word'));
      else if (/[-0-9]/.test(char)) this.token(this.match(NUMBER, 'number'));
      else if (source.startsWith('...', this.index)) this.token('...', 3);
      else if (PUNCTUATION.has(char)) this.punctuation(char);
      else throw unexpected(`character ${JSON.stringify(char)}`);
    }
    this.endLine(false);
    return this.out;
  }

  private match(pattern: RegExp, what: string): string {
    pattern.lastIndex = this.index;
    const match = pattern.exec(this.source);
    if (!match) throw unexpected(what);
    return match[0];
  }

  private endLine(nextInComment: boolean): void {
    this.line.depthAtEnd = this.depth;
    this.out.push(this.line);
    this.line = newLine(this.depth, nextInComment);
    this.sawToken = false;
  }

  /** Appends source text of `length` characters (default: the text's own) as `text`. */
  private token(text: string, length = text.length): void {
    this.line.text += text;
    this.index += length;
    this.sawToken = true;
  }

  private comment(): void {
    const end = this.source.indexOf('*/', this.index + 2);
    if (end < 0) throw unexpected('unterminated comment');
    this.source
      .slice(this.index, end + 2)
      .split('\n')
      .forEach((part, i) => {
        if (i > 0) this.endLine(true);
        this.line.text += part;
      });
    this.index = end + 2;
  }

  private string(literal: string): void {
    this.token(escapeInvisibleInLiteral(literal), literal.length);
  }

  private word(word: string): void {
    this.token(this.replacement(word), word.length);
  }

  private replacement(word: string): string {
    if (TYPE_PLACEHOLDER_PATTERN.test(word)) return known(this.plan.typeNames.get(word), word);
    if (KEY_PLACEHOLDER_PATTERN.test(word)) return known(this.plan.keys.get(word), word);
    if (word === this.plan.rootPlaceholder || KEYWORDS.has(word)) return word;
    throw unexpected(`word ${JSON.stringify(word)}`);
  }

  private punctuation(char: string): void {
    if (CLOSERS.has(char)) {
      this.depth--;
      if (!this.sawToken) this.line.leadingClosers++;
      this.line.text += char;
      this.index++;
      return;
    }
    if (OPENERS.has(char)) this.depth++;
    this.token(char);
  }
}

function newLine(depth: number, inComment: boolean): Line {
  return { text: '', depth, leadingClosers: 0, depthAtEnd: depth, inComment };
}

function known(value: string | undefined, placeholder: string): string {
  if (value === undefined) throw unexpected(`placeholder ${placeholder}`);
  return value;
}

function unexpected(what: string): Error {
  return new Error(`unexpected ${what} in json-schema-to-typescript output`);
}

interface Chunk {
  name: string | undefined;
  /** A `type` alias (ends with a semicolon), not an interface. */
  alias: boolean;
  lines: Line[];
}

const DECLARATION = /^export (?:type|interface) ([A-Za-z_$][A-Za-z0-9_$]*)/;

/** Top-level declarations: a JSDoc block at depth 0 starts one, unless it follows another's JSDoc. */
function splitDeclarations(lines: readonly Line[]): Declaration[] {
  const chunks: Chunk[] = [];
  let current: Chunk | undefined;
  for (const line of lines) {
    const topLevel = line.depth === 0 && !line.inComment;
    const startsComment = topLevel && line.text.startsWith('/**');
    const declaration = topLevel ? DECLARATION.exec(line.text) : null;
    if ((startsComment || declaration) && (current === undefined || current.name !== undefined)) {
      current = { name: undefined, alias: false, lines: [] };
      chunks.push(current);
    }
    if (current === undefined) {
      if (line.text.trim() === '') continue;
      throw unexpected(`text before the first declaration: ${JSON.stringify(line.text)}`);
    }
    if (declaration) {
      current.name = declaration[1];
      current.alias = line.text.startsWith('export type ');
    }
    current.lines.push(line);
  }
  return chunks.map((chunk) => {
    if (chunk.name === undefined) throw unexpected('JSDoc block without a declaration');
    return { name: chunk.name, text: indent(chunk.lines, chunk.alias) };
  });
}

/**
 * Two spaces per line that opened brackets, however many it opened; a
 * semicolon after each member and after a type alias.
 */
function indent(original: readonly Line[], alias: boolean): string {
  let lines = original;
  const levels: number[] = [];
  const out: string[] = [];
  lines = joinEmptyBraces(lines);
  const last = lastCodeLine(lines);
  lines.forEach((line, index) => {
    const depth = line.depth - line.leadingClosers;
    while (levels.length > 0 && levels[levels.length - 1]! > depth) levels.pop();
    let text = line.text.replace(/\s+$/, '');
    if (isCode(line) && !/[{([|&,:=]$/.test(text) && (line.depthAtEnd > 0 || (alias && index === last))) text += ';';
    out.push(text === '' ? '' : '  '.repeat(levels.length) + text);
    if (line.depthAtEnd > depth && !line.inComment) levels.push(line.depthAtEnd);
  });
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

function isCode(line: Line): boolean {
  return !line.inComment && line.text.trim() !== '' && !line.text.startsWith('/*');
}

function lastCodeLine(lines: readonly Line[]): number {
  for (let index = lines.length - 1; index >= 0; index--) if (isCode(lines[index]!)) return index;
  return -1;
}

/**
 * An object type without members (`{` and the `}` that closes it, with only
 * blank lines between) as `EMPTY_OBJECT_TYPE` on one line; an interface
 * without members becomes a type alias of it (typescript-eslint's
 * `no-empty-object-type` reports `{}` and empty interfaces).
 */
function joinEmptyBraces(lines: readonly Line[]): Line[] {
  const joined: Line[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    let next = index + 1;
    while (next < lines.length && lines[next]!.text.trim() === '' && !lines[next]!.inComment) next++;
    const closing = lines[next];
    if (isCode(line) && line.text.trimEnd().endsWith('{') && closing !== undefined && isCode(closing) && closing.leadingClosers > 0 && closing.text.trimStart().startsWith('}')) {
      joined.push({ ...line, text: emptyObjectType(line.text.trimEnd().slice(0, -1), closing.text.trimStart().slice(1)), depthAtEnd: closing.depthAtEnd });
      index = next;
    } else {
      joined.push(line);
    }
  }
  return joined;
}

/** `before` + the empty object type + `after`, where `before` ended with `{` and `after` started with its `}`. */
function emptyObjectType(before: string, after: string): string {
  const emptyInterface = /^export interface ([A-Za-z_$][A-Za-z0-9_$]*) $/.exec(before);
  if (emptyInterface && after.trim() === '') return `export type ${emptyInterface[1]} = ${EMPTY_OBJECT_TYPE};`;
  return before + EMPTY_OBJECT_TYPE + after;
}
