/**
 * A small TypeScript tokenizer for comparing code token for token: comments
 * and whitespace dropped, strings and template literals kept whole, every
 * other character run (a word, a number) or punctuation character one token.
 * It is not a parser: a regular expression literal holding a quote may
 * mis-tokenize what follows it, which only ever makes two texts look
 * different. No TypeScript or ts-morph is loaded (a run checks every stub).
 */

export interface Token {
  readonly text: string;
  /** Offset of the token's first character. */
  readonly start: number;
}

const WORD = /[A-Za-z0-9_$\u0080-\uffff]/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text.charAt(at);
    const next = text.charAt(at + 1);
    if (/\s/.test(char)) {
      at += 1;
    } else if (char === '/' && next === '/') {
      const end = text.indexOf('\n', at);
      at = end === -1 ? text.length : end;
    } else if (char === '/' && next === '*') {
      const end = text.indexOf('*/', at + 2);
      at = end === -1 ? text.length : end + 2;
    } else if (char === "'" || char === '"') {
      const end = stringEnd(text, at, char);
      tokens.push({ text: text.slice(at, end), start: at });
      at = end;
    } else if (char === '`') {
      const end = templateEnd(text, at);
      tokens.push({ text: text.slice(at, end), start: at });
      at = end;
    } else if (WORD.test(char)) {
      let end = at + 1;
      while (end < text.length && WORD.test(text.charAt(end))) end += 1;
      tokens.push({ text: text.slice(at, end), start: at });
      at = end;
    } else {
      tokens.push({ text: char, start: at });
      at += 1;
    }
  }
  return tokens;
}

/** The value of a quoted string token (`'it\'s'` → `it's`); undefined for any other token. */
export function stringValue(token: string): string | undefined {
  const quote = token.charAt(0);
  if ((quote !== "'" && quote !== '"') || token.length < 2 || token.charAt(token.length - 1) !== quote) return undefined;
  return token.slice(1, -1).replace(/\\(.)/g, '$1');
}

/** Past the closing quote (or the end of the line: an unterminated string ends there). */
function stringEnd(text: string, start: number, quote: string): number {
  for (let at = start + 1; at < text.length; at++) {
    const char = text.charAt(at);
    if (char === '\\') at += 1;
    else if (char === quote) return at + 1;
    else if (char === '\n') return at;
  }
  return text.length;
}

/** Past the closing backtick, counting `${ … }` nesting (a template inside a substitution included). */
function templateEnd(text: string, start: number): number {
  let depth = 0;
  for (let at = start + 1; at < text.length; at++) {
    const char = text.charAt(at);
    if (char === '\\') at += 1;
    else if (depth === 0 && char === '`') return at + 1;
    else if (char === '$' && text.charAt(at + 1) === '{') {
      depth += 1;
      at += 1;
    } else if (depth > 0 && char === '}') depth -= 1;
    else if (depth > 0 && char === '`') at = templateEnd(text, at) - 1;
    else if (depth > 0 && (char === "'" || char === '"')) at = stringEnd(text, at, char) - 1;
  }
  return text.length;
}
