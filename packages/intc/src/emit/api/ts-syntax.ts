/**
 * Pieces of TypeScript built from manifest text: string literals, property
 * keys and JSDoc that no name or description can break.
 */

/** A double-quoted string literal (JSON escaping is valid TypeScript). */
export function stringLiteral(text: string): string {
  return JSON.stringify(text);
}

/**
 * A property key in a type literal: bare when it is an identifier (reserved
 * words such as `delete` are valid property names, and compiler messages then
 * read `Property 'sendMessage' is missing`), else a quoted string.
 */
export function typeKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : stringLiteral(name);
}

/**
 * The type of an object without members: `{}` to TypeScript (no keys, no
 * excess-property check, as zod's `z.object({})` infers), spelled so that
 * typescript-eslint's `no-empty-object-type` has nothing to report.
 */
export const EMPTY_OBJECT_TYPE = 'Record<never, never>';

/** `{ <members> }` over several lines, or `EMPTY_OBJECT_TYPE` for none; `close` indents the closing brace. */
export function objectType(members: readonly string[], close = ''): string {
  return members.length === 0 ? EMPTY_OBJECT_TYPE : `{\n${members.join('')}${close}}`;
}

/** `"a" | "b"`, or `never` for no names. */
export function literalUnion(names: readonly string[]): string {
  return names.length === 0 ? 'never' : names.map(stringLiteral).join(' | ');
}

/** A JSDoc block of the given paragraphs (none: the empty string), indented; a star-slash in the text is escaped. */
export function jsDoc(paragraphs: readonly (string | undefined)[], indent: string): string {
  const lines = paragraphs
    .filter((text): text is string => text !== undefined && text.trim() !== '')
    .flatMap((text, index) => [...(index === 0 ? [] : ['']), ...text.replace(/\r\n?|[\u2028\u2029]/g, '\n').trim().split('\n')])
    .map((line) => line.replace(/\*\//g, '*\\/').trimEnd());
  if (lines.length === 0) return '';
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((line) => (line === '' ? `${indent} *\n` : `${indent} * ${line}\n`)).join('')}${indent} */\n`;
}
