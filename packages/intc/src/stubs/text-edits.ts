/**
 * Text edits on user-owned files. ts-morph finds where to edit; the edits are
 * applied here as plain splices of the original text, so every byte outside
 * an edit stays as the user wrote it (no reprinting, no reformatting).
 */
import type { SourcePosition } from '../diagnostics/diagnostic.js';

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function insertAt(position: number, text: string): TextEdit {
  return { start: position, end: position, text };
}

/** Applies non-overlapping edits; edits at the same position keep their given order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = edits.map((edit, order) => ({ edit, order })).sort((a, b) => a.edit.start - b.edit.start || a.order - b.order);
  let result = '';
  let at = 0;
  for (const { edit } of ordered) {
    if (edit.start < at) throw new Error(`overlapping text edits at offset ${edit.start}`);
    result += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return result + text.slice(at);
}

export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The leading whitespace of the line holding `offset`. */
export function indentationAt(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))![0];
}

/** True when only spaces and tabs precede `offset` on its line. */
export function startsItsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStartOf(text, offset), offset));
}

export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** One level of indentation as the file uses it: a tab, or the smallest indentation in spaces (2 by default). */
export function indentUnitOf(text: string): string {
  let smallest = Infinity;
  for (const match of text.matchAll(/^([ \t]+)(?=[^ \t\r\n*])/gm)) {
    const indentation = match[1]!;
    if (indentation.startsWith('\t')) return '\t';
    smallest = Math.min(smallest, indentation.length);
  }
  return smallest === Infinity || smallest > 8 ? '  ' : ' '.repeat(smallest);
}

/** The offset of the next token at or after `offset`: past whitespace, `// …` and `/* … *\/` comments. */
export function skipTrivia(text: string, offset: number): number {
  const trivia = /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\//y;
  let at = offset;
  for (;;) {
    trivia.lastIndex = at;
    const match = trivia.exec(text);
    if (!match || match[0].length === 0) return at;
    at += match[0].length;
  }
}

/** 1-based line and column of an offset. */
export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
