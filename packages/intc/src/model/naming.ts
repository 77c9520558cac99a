/**
 * Naming conventions of the manifest language (they follow Botpress), and the
 * case conversions used for suggestions and generated identifiers.
 */
export interface NamingRule {
  readonly pattern: RegExp;
  readonly description: string;
  readonly suggest: (name: string) => string;
}

export const camelCaseRule: NamingRule = {
  pattern: /^[a-z][a-zA-Z0-9]*$/,
  description: 'camelCase (an ASCII lowercase letter, then ASCII letters and digits)',
  suggest: toCamelCase,
};

/** Tags as Botpress accepts them: Slack's user tags are snake_case (`dm_conversation_id`, `image_48`). */
export const tagRule: NamingRule = {
  pattern: /^[a-z][a-zA-Z0-9]*(_[a-zA-Z0-9]+)*$/,
  description: 'camelCase or snake_case (an ASCII lowercase letter, then ASCII letters and digits, words joined by single underscores)',
  suggest: toCamelCase,
};

export const screamingSnakeCaseRule: NamingRule = {
  pattern: /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/,
  description: 'SCREAMING_SNAKE_CASE (ASCII uppercase letters, digits and single underscores)',
  suggest: toScreamingSnakeCase,
};

export const aliasRule: NamingRule = {
  pattern: /^[a-z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*$/,
  description: 'camelCase or kebab-case (an ASCII lowercase letter, then ASCII letters, digits and single hyphens)',
  suggest: (name) => toCamelCase(name),
};

export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
}

export function toCamelCase(name: string): string {
  const words = splitWords(name).map((w) => w.toLowerCase());
  const joined = words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

export function toScreamingSnakeCase(name: string): string {
  return splitWords(name)
    .map((w) => w.toUpperCase())
    .join('_');
}

/** Two names that give the same file name on a case-insensitive disk fold to the same key. */
export function collisionKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Names Windows keeps for devices: `con.ts`, `aux/` cannot be created there
 * whatever the extension or case, so a handler file of that name could not be.
 */
export function isWindowsDeviceName(name: string): boolean {
  return /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i.test(name);
}

export const WINDOWS_DEVICE_NAME_RULE = 'not a name Windows keeps for a device (con, prn, aux, nul, com1–com9, lpt1–lpt9): its handler file could not be created there';

// JavaScript's reserved words that fit a camelCase name.
const RESERVED_WORDS = new Set(
  'await break case catch class const continue debugger default delete do else enum export extends false finally for function if implements import in instanceof interface let new null package private protected public return static super switch this throw true try typeof var void while with yield'.split(' '),
);

/** A JavaScript reserved word: it cannot be a binding, such as the name the generated index exports an interface under. */
export function isReservedWord(name: string): boolean {
  return RESERVED_WORDS.has(name);
}

export const RESERVED_WORD_RULE = 'not a JavaScript reserved word: the generated index exports the interface under this name (export * as <alias>)';
