/**
 * Handlers still at the TODO body intc wrote: the stub's export is
 * initialized, token for token, with the template's function (comments,
 * whitespace, quote style and what formatters such as Prettier choose —
 * semicolons, trailing commas, parentheses around the one parameter —
 * aside; the names in the template's error
 * message may be any handler's, so a stub moved from an old name still
 * counts). A user's own `// TODO` comment, an edited body, another parameter
 * name or a `satisfies` form is not the template, so it is not counted.
 * Text only: nothing is parsed, nothing loaded.
 */
import { stringValue, tokenize, type Token } from './ts-tokens.js';
import type { HandlerStub, StubKind } from './stub-layout.js';
import { stubTemplate } from './stub-templates.js';

/** The names a TODO list shows: `sendMessage`, `telegram.text`, `register`, `unregister`, `handler`. */
export function handlerDisplayName(stub: HandlerStub): string {
  return stub.channel === undefined ? stub.name : `${stub.channel}.${stub.name}`;
}

/** The stub's file (`text`) still has the TODO body intc wrote for its handler. */
export function isTodoHandler(text: string, stub: HandlerStub): boolean {
  if (!text.includes('props')) return false; // every template body uses `props`: most implemented handlers end here
  if (text === stubTemplate(stub)) return true; // the stub as written: no tokenizing (a new project has a thousand)
  const initializer = exportInitializer(tokenize(text), stub.exportName);
  return initializer !== undefined && matchesTemplate(withoutFormatting(initializer), templateOf(stub.kind));
}

/** The handlers of `stubs` whose text (`readText`; undefined: no file) is still the TODO body, in the order given. */
export function todoHandlers(stubs: readonly HandlerStub[], readText: (path: string) => string | undefined): HandlerStub[] {
  return stubs.filter((stub) => {
    const text = readText(stub.path);
    return text !== undefined && isTodoHandler(text, stub);
  });
}

interface TemplateToken {
  readonly text: string;
  /** For a string holding a handler's name: what its value must match. */
  readonly pattern?: RegExp;
}

const NAME = '__intcName__';
const CHANNEL = '__intcChannel__';
const templates = new Map<StubKind, readonly TemplateToken[]>();

/** The template's initializer for a kind of handler, names left open. */
function templateOf(kind: StubKind): readonly TemplateToken[] {
  let template = templates.get(kind);
  if (template === undefined) {
    const exportName = 'intcTemplate';
    const stub: HandlerStub = {
      kind,
      path: '',
      exportName,
      typeName: 'T',
      typeIndexes: [],
      generatedSpecifier: './index.js',
      indexSpecifier: './x.js',
      wiringPath: [],
      label: { kind: '', name: NAME },
      name: NAME,
      ...(kind === 'message' ? { channel: CHANNEL } : {}),
    };
    template = withoutFormatting(exportInitializer(tokenize(stubTemplate(stub)), exportName)!).map(templateToken);
    templates.set(kind, template);
  }
  return template;
}

/**
 * The tokens without those a formatter adds or removes at will: `;`, a `,`
 * before a closing bracket, and the parentheses of a lone arrow parameter
 * (`(props) =>` is `props =>`).
 */
function withoutFormatting(tokens: readonly Token[]): Token[] {
  const significant = tokens.filter((token, index) => token.text !== ';' && !(token.text === ',' && CLOSERS.has(tokens[index + 1]?.text ?? '')));
  const kept: Token[] = [];
  for (let index = 0; index < significant.length; index++) {
    const lone = significant[index]!.text === '(' && significant[index + 2]?.text === ')' && isArrow(significant, index + 3);
    kept.push(significant[lone ? index + 1 : index]!);
    if (lone) index += 2;
  }
  return kept;
}

/** `=>` starts at `index`. */
function isArrow(tokens: readonly Token[], index: number): boolean {
  const equals = tokens[index];
  const greater = tokens[index + 1];
  return equals?.text === '=' && greater?.text === '>' && greater.start === equals.start + 1;
}

function templateToken(token: Token): TemplateToken {
  const value = stringValue(token.text);
  if (value === undefined || !(value.includes(NAME) || value.includes(CHANNEL))) return { text: token.text };
  const source = value
    .split(/(__intcName__|__intcChannel__)/)
    .map((part) => (part === NAME || part === CHANNEL ? '[A-Za-z_$][\\w$]*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return { text: token.text, pattern: new RegExp(`^${source}$`) };
}

function matchesTemplate(tokens: readonly Token[], template: readonly TemplateToken[]): boolean {
  if (tokens.length !== template.length) return false;
  return template.every((expected, index) => {
    const actual = tokens[index]!.text;
    if (actual === expected.text) return true;
    const value = stringValue(actual);
    if (value === undefined) return false;
    return expected.pattern ? expected.pattern.test(value) : value === stringValue(expected.text);
  });
}

const OPENERS = new Set(['(', '[', '{']);
const CLOSERS = new Set([')', ']', '}']);

/**
 * The tokens after `=` of `export const <name> … = …`, up to the `;` that
 * ends it (or the next top-level `export`, or the end); undefined when the
 * file has no such export.
 */
function exportInitializer(tokens: readonly Token[], name: string): Token[] | undefined {
  for (let at = 0; at + 2 < tokens.length; at++) {
    if (tokens[at]!.text !== 'export' || !['const', 'let', 'var'].includes(tokens[at + 1]!.text) || tokens[at + 2]!.text !== name) continue;
    let depth = 0;
    let index = at + 3;
    for (; index < tokens.length; index++) {
      const text = tokens[index]!.text;
      if (OPENERS.has(text)) depth += 1;
      else if (CLOSERS.has(text)) depth -= 1;
      else if (depth === 0 && (isAssignment(tokens, index) || text === ';')) break;
    }
    if (!isAssignment(tokens, index)) return undefined;
    const start = index + 1;
    depth = 0;
    for (index = start; index < tokens.length; index++) {
      const text = tokens[index]!.text;
      if (OPENERS.has(text)) depth += 1;
      else if (CLOSERS.has(text)) depth -= 1;
      else if (depth === 0 && (text === ';' || text === 'export')) break;
    }
    return tokens.slice(start, index);
  }
  return undefined;
}

/** The `=` of an initializer, not the start of `=>` or `==` in a type. */
function isAssignment(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  const next = tokens[index + 1];
  return token?.text === '=' && !(next !== undefined && next.start === token.start + 1 && (next.text === '>' || next.text === '='));
}
