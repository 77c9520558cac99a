/**
 * The text of a fresh stub and of a fresh index.ts. Plain template text (no
 * ts-morph): building thousands of files costs string concatenation only.
 * Every stub type-checks under `--strict`, `noUnusedLocals`,
 * `noUnusedParameters` and `exactOptionalPropertyTypes`, passes
 * typescript-eslint's `recommended` rules, and is laid out as Prettier's
 * defaults lay it out (double quotes, lines broken past 80 columns), so
 * `prettier --write` leaves a fresh project as it is.
 */
import { compareNames } from '../model/integration-model.js';
import { FRESH_QUOTE, handlerAnnotation, propertyKey, quoted, type HandlerStub, type StubLayout } from './stub-layout.js';

/** Prettier's default `printWidth`. */
const PRINT_WIDTH = 80;

export function stubTemplate(stub: HandlerStub): string {
  const imports = `import type { ${stub.typeName} } from ${quoted(stub.generatedSpecifier, FRESH_QUOTE)};\n\n`;
  const assigned = `export const ${stub.exportName}: ${handlerAnnotation(stub, stub.typeName, FRESH_QUOTE)} =`;
  const body = (indent: string) => TODO_BODIES[stub.kind](stub).map((line) => statementLines(line, indent)).join('');
  // Prettier's three layouts of `const x: T = async (props) => {…}`, by what fits in the line.
  if (`${assigned} async (props) => {`.length <= PRINT_WIDTH) return `${imports}${assigned} async (props) => {\n${body('  ')}};\n`;
  if (`${assigned} async (`.length <= PRINT_WIDTH) return `${imports}${assigned} async (\n  props,\n) => {\n${body('  ')}};\n`;
  return `${imports}${assigned}\n  async (props) => {\n${body('    ')}  };\n`;
}

/** A statement of a stub body: a comment, `void props;`, or the error to throw (a message). */
type BodyLine = string | { readonly throws: string };

/** One statement at `indent`; a `throw` too long for the line gets its message on a line of its own, as Prettier breaks it. */
function statementLines(line: BodyLine, indent: string): string {
  if (typeof line === 'string') return `${indent}${line}\n`;
  const message = quoted(line.throws, FRESH_QUOTE);
  const flat = `${indent}throw new Error(${message});`;
  return flat.length <= PRINT_WIDTH ? `${flat}\n` : `${indent}throw new Error(\n${indent}  ${message},\n${indent});\n`;
}

const TODO_BODIES: Record<HandlerStub['kind'], (stub: HandlerStub) => BodyLine[]> = {
  register: () => [
    '// TODO: set up the external service for this installation (e.g. register props.webhookUrl with it).',
    '// props holds webhookUrl, configuration, ctx, client and logger.',
    'void props;',
  ],
  unregister: () => [
    '// TODO: undo what register did (e.g. remove the webhook).',
    '// props holds configuration, ctx, client and logger.',
    'void props;',
  ],
  webhook: () => [
    '// TODO: handle a request the external service sent to the webhook URL.',
    '// props holds req, configuration, ctx, client and logger.',
    'void props;',
    { throws: 'The webhook handler is not implemented yet.' },
  ],
  action: (stub) => [
    ...implementsComments(stub),
    `// TODO: implement the ${quoted(stub.name)} action and return its output.`,
    '// props holds input, configuration, ctx, client and logger.',
    'void props;',
    { throws: `The ${stub.name} action is not implemented yet.` },
  ],
  message: (stub) => [
    ...implementsComments(stub),
    `// TODO: send a message of type ${quoted(stub.name)} from channel ${quoted(stub.channel ?? '')} to the external service.`,
    '// props holds payload, conversation, message, user, configuration, ctx, client and logger.',
    'void props;',
    { throws: `Sending ${stub.name} messages on channel ${stub.channel ?? ''} is not implemented yet.` },
  ],
};

/** `// Implements 'generateContent' of interface 'llm' (interfaces/llm.ts in the generated folder).` */
function implementsComments(stub: HandlerStub): string[] {
  return (stub.implements ?? []).map((member) => `// Implements ${member.replace(/\)$/, ' in the generated folder)')}.`);
}

/** A tree of properties to write into an object literal: a leaf is the value expression. */
export type PropertyTree = Map<string, string | PropertyTree>;

/** The wiring of the given handlers, as nested properties of the implementation object. */
export function wiringTree(handlers: readonly HandlerStub[], withEmptyGroups: boolean): PropertyTree {
  const root: PropertyTree = new Map();
  if (withEmptyGroups) {
    for (const stub of handlers) if (stub.wiringPath.length === 1) root.set(stub.wiringPath[0]!, stub.exportName);
    root.set('actions', new Map());
    root.set('channels', new Map());
  }
  for (const stub of handlers) {
    let node = root;
    const path = stub.wiringPath;
    for (const key of path.slice(0, -1)) {
      let child = node.get(key);
      if (!(child instanceof Map)) node.set(key, (child = new Map()));
      node = child;
    }
    node.set(path[path.length - 1]!, stub.exportName);
  }
  return root;
}

export interface PropertyStyle {
  /** Indentation of the properties' lines. */
  readonly indent: string;
  /** One level of indentation. */
  readonly unit: string;
  readonly eol: string;
  readonly quote: string;
}

/** `key: value,` lines (or nested objects) at `style.indent`, each followed by `eol`. */
export function propertyLines(tree: PropertyTree, style: PropertyStyle): string {
  let text = '';
  for (const [key, value] of tree) {
    const name = propertyKey(key, style.quote);
    if (typeof value === 'string') {
      text += name === value ? `${style.indent}${name},${style.eol}` : propertyLine(name, value, style);
    } else if (value.size === 0) {
      text += `${style.indent}${name}: {},${style.eol}`;
    } else {
      text += `${style.indent}${name}: {${style.eol}`;
      text += propertyLines(value, { ...style, indent: style.indent + style.unit });
      text += `${style.indent}},${style.eol}`;
    }
  }
  return text;
}

/**
 * `name: value,`; past the print width, the value on a line of its own, as
 * Prettier breaks it (not after a key shorter than its tab width + 3).
 */
function propertyLine(name: string, value: string, style: PropertyStyle): string {
  const line = `${style.indent}${name}: ${value},`;
  if (line.length <= PRINT_WIDTH || name.length < 5) return `${line}${style.eol}`;
  return `${style.indent}${name}:${style.eol}${style.indent}${style.unit}${value},${style.eol}`;
}

/** The same properties on one line, comma separated, without a trailing comma: `a: x, b: { c: y }`. */
export function inlineProperties(tree: PropertyTree, quote: string): string {
  const parts: string[] = [];
  for (const [key, value] of tree) {
    const name = propertyKey(key, quote);
    if (typeof value === 'string') parts.push(name === value ? name : `${name}: ${value}`);
    else parts.push(value.size === 0 ? `${name}: {}` : `${name}: { ${inlineProperties(value, quote)} }`);
  }
  return parts.join(', ');
}

/** One `import { name } from './path.js';` line per handler, sorted by path. */
export function handlerImports(handlers: readonly HandlerStub[], quote = FRESH_QUOTE, semicolon = ';', eol = '\n'): string {
  return [...handlers]
    .sort((a, b) => compareNames(a.indexSpecifier, b.indexSpecifier))
    .map((stub) => `import { ${stub.exportName} } from ${quoted(stub.indexSpecifier, quote)}${semicolon}${eol}`).join('');
}

export function indexTemplate(layout: StubLayout): string {
  return (
    `import { Integration } from ${quoted(layout.indexGeneratedSpecifier, FRESH_QUOTE)};\n` +
    handlerImports(layout.handlers) +
    '\n' +
    'export default new Integration({\n' +
    propertyLines(wiringTree(layout.handlers, true), { indent: '  ', unit: '  ', eol: '\n', quote: FRESH_QUOTE }) +
    '});\n'
  );
}
