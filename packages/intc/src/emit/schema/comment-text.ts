/**
 * Manifest text (titles, descriptions, patterns, defaults…) as it may appear
 * in generated code: inside a JSDoc block or a string literal, inert.
 */

/** Characters that could hide or reorder code for a reader (Trojan Source) or are invisible controls. */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const LINE_BREAKS = /\r\n?|[\u2028\u2029]/g;
/** TypeScript reads `@word` at the start of a line or after white space as a JSDoc tag. */
const TAG_START = /(^|\s)@/gm;

/**
 * Text for a JSDoc block: `*\/` cannot close the comment, `@` cannot start a
 * tag, line breaks are LF and invisible or bidirectional controls are shown
 * as `\uXXXX`. Trailing spaces are dropped from every line.
 */
export function commentText(text: string): string {
  return text
    .replace(LINE_BREAKS, '\n')
    .replace(INVISIBLE, unicodeEscape)
    .replace(/\*\//g, '*\\/')
    .replace(TAG_START, '$1\\@')
    .replace(/[ \t]+$/gm, '');
}

/** A JSON string literal whose source holds only printable, non-reordering characters. */
export function stringLiteral(text: string): string {
  return escapeInvisibleInLiteral(JSON.stringify(text));
}

/** Escapes, inside an already valid double-quoted literal, what JSON.stringify leaves raw. */
export function escapeInvisibleInLiteral(literal: string): string {
  return literal.replace(/[\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/g, unicodeEscape);
}

function unicodeEscape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
