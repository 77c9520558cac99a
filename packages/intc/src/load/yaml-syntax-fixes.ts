import type { YAMLError } from 'yaml';
import { fixOf, type Fix } from '../diagnostics/diagnostic.js';
import { insertText, quoteRestOfLine, textEdit } from '../fix/source-edits.js';
import type { SourceFile } from './source-file.js';

/**
 * What to write instead, for YAML's syntax errors, said as the slip people
 * make rather than as the parser's state: a key without its colon, a value
 * holding `: ` or starting with `@`, a flow collection left open, a tab.
 * `at` is where the diagnostic points (already moved to the place to fix).
 */
export function yamlSyntaxFix(file: SourceFile, error: YAMLError, at: number): { detail?: string; fix?: Fix } {
  const text = file.text;
  switch (error.code) {
    case 'MULTILINE_IMPLICIT_KEY':
    case 'MISSING_CHAR':
      if (/quote/i.test(error.message)) return unclosedQuote(file, at);
      return missingColon(file, error.pos[0]) ?? {};
    case 'BLOCK_AS_IMPLICIT_KEY': {
      const line = lineAt(text, error.pos[0]);
      if (/:\s/.test(text.slice(error.pos[0], line.end)) || text.slice(error.pos[0], line.end).trimEnd().endsWith(':')) {
        return {
          detail: 'a value holds `: `, which YAML reads as the start of a nested mapping',
          fix: quotedValueFix(file, error.pos[0], ''),
        };
      }
      return indentation(file, error.pos[0]);
    }
    case 'BAD_SCALAR_START': {
      const char = text[error.pos[0]] ?? '';
      return {
        detail: `a value cannot start with \`${char}\` unless it is in quotes`,
        fix: quotedValueFix(file, error.pos[0], ` (YAML keeps \`${char}\` at the start of a plain value for its own syntax)`),
      };
    }
    case 'BLOCK_IN_FLOW': {
      // `{ description: Note: this }`: the `: ` inside a value starts a mapping YAML cannot have there.
      const written = text.slice(error.pos[0], error.pos[1]).replace(/[\s,]+$/, '');
      if (written.includes('\n') || !/:\s/.test(written)) return {};
      const quoted = `'${written.replace(/'/g, "''")}'`;
      return {
        detail: `a value holds \`: \`, which YAML reads as the start of a mapping`,
        fix: fixOf(`Put the value in quotes: \`${quoted}\`.`, textEdit(file, error.pos[0], error.pos[0] + written.length, quoted)),
      };
    }
    case 'TAB_AS_INDENT':
      return { fix: fixOf('Indent with spaces: YAML does not allow tabs in indentation (set your editor to insert spaces for .yaml files).') };
    case 'BAD_INDENT':
      if (/flow (sequence|map)|end with a [\]}]/i.test(error.message)) return unclosedFlow(file, at);
      return indentation(file, error.pos[0]);
    case 'UNEXPECTED_TOKEN': {
      const flowValue = flowStartedValue(file, error.pos[0]);
      if (flowValue !== undefined) {
        const written = file.text.slice(flowValue.start, flowValue.end);
        return {
          detail: `YAML reads the \`${written[0]}\` that starts \`${written}\` as the start of a ${written[0] === '[' ? 'list' : 'mapping'}, and text follows where it ends`,
          fix: fixOf(`Put the value in quotes: \`'${written.replace(/'/g, "''")}'\`.`, textEdit(file, flowValue.start, flowValue.end, `'${written.replace(/'/g, "''")}'`)),
        };
      }
      return {};
    }
    default:
      if (/flow (sequence|map|collection)|end with a [\]}]/i.test(error.message)) return unclosedFlow(file, at);
      return {};
  }
}

/** `Put the value in quotes: 'Telegram: engage…'.`, with the edit that does it. */
function quotedValueFix(file: SourceFile, start: number, why: string): Fix {
  const edit = quoteRestOfLine(file, start);
  return fixOf(edit ? `Put the value in quotes: \`${edit.replacement}\`${why}.` : `Put the value in quotes${why}.`, edit);
}

/**
 * `description "Send it"` or `type string` on a line of a mapping: YAML
 * reads the line as part of a key spanning lines. The first line of the key
 * without a colon is the one to fix.
 */
function missingColon(file: SourceFile, keyStart: number): { detail?: string; fix?: Fix } | undefined {
  const text = file.text;
  for (let offset = lineAt(text, keyStart).start; offset < text.length; ) {
    const line = lineAt(text, offset);
    const content = text.slice(line.start, line.end);
    const glued = /^(\s*)([A-Za-z_$][\w$-]*):(\S)/.exec(content);
    if (glued) {
      const colon = line.start + glued[1]!.length + glued[2]!.length + 1;
      return {
        detail: `\`${content.trim()}\` needs a space after the colon`,
        fix: fixOf(`Put a space after the colon: \`${glued[2]}: ${content.slice(colon - line.start).trim()}\`.`, insertText(file, colon, ' ')),
      };
    }
    const word = /^(\s*)([A-Za-z_$][\w$-]*)(?=\s|$)(.*)$/.exec(content);
    if (word && !/^\s*:/.test(word[3]!) && !content.includes(': ') && !content.trimEnd().endsWith(':')) {
      const end = line.start + word[1]!.length + word[2]!.length;
      const rest = word[3]!.trim();
      return {
        detail: `the line \`${content.trim()}\` has no colon after its key`,
        fix: fixOf(`Put a colon after \`${word[2]}\`: \`${word[2]}:${rest ? ` ${rest}` : ''}\`.`, insertText(file, end, ':')),
      };
    }
    offset = line.end + 1;
    if (offset > keyStart + 4096) break;
  }
  return undefined;
}

function unclosedQuote(file: SourceFile, at: number): { fix: Fix } {
  const quote = file.text[at] === "'" ? "'" : '"';
  const line = lineAt(file.text, at);
  return { fix: fixOf(`Close the string with ${quote} at the end of its value.`, insertText(file, line.end, quote)) };
}

/**
 * A `[` or `{` never closed: the fix closes every bracket still open at the
 * end of the collection's last line: the line it opens on, or, when the
 * entries go on below it (the line ends with the bracket or a comma), the
 * last of the following lines indented deeper than that line.
 */
function unclosedFlow(file: SourceFile, at: number): { detail: string; fix: Fix } {
  const text = file.text;
  const first = lineAt(text, at);
  const what = text[at] === '[' ? 'list' : 'mapping';
  const detail = `the ${what} opened here with \`${text[at]}\` is never closed`;
  let last = first;
  let scan = scanBrackets(text, first.start, first.end);
  if (scan.open.length > 0 && /[[{,]$/.test(text.slice(first.start, scan.contentEnd))) {
    const indent = indentOf(text, first);
    for (let next = nextLine(text, first); next && (isBlankLine(text, next) || indentOf(text, next) > indent); next = nextLine(text, next)) {
      if (!isBlankLine(text, next)) last = next;
    }
    scan = scanBrackets(text, first.start, last.end);
  }
  const closers = scan.open.reverse().map((closer) => (closer === '}' ? ' }' : closer)).join('');
  const insertAt = scan.contentEnd;
  if (!closers || /[,[{]$/.test(text.slice(last.start, insertAt))) {
    return { detail, fix: fixOf(`Close the ${what} with \`${text[at] === '[' ? ']' : '}'}\` after its last entry.`) };
  }
  const where = last === first ? 'end the line with' : `end line ${text.slice(0, last.start).split('\n').length} with`;
  return { detail, fix: fixOf(`Close it: ${where} \`${closers.trim()}\`.`, insertText(file, insertAt, closers)) };
}

/** The brackets still open after `[start, end)` (quotes and comments skipped), and where the text before a final comment ends. */
function scanBrackets(text: string, start: number, end: number): { open: string[]; contentEnd: number } {
  const open: string[] = [];
  let quote: string | undefined;
  let contentEnd = end;
  for (let i = start; i < end; i++) {
    const char = text[i]!;
    if (quote) {
      if (char === quote || char === '\n') quote = undefined;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '#' && /\s/.test(text[i - 1] ?? ' ')) {
      const lineEnd = text.indexOf('\n', i);
      if (lineEnd < 0 || lineEnd >= end) {
        contentEnd = i;
        break;
      }
      i = lineEnd;
    } else if (char === '[' || char === '{') open.push(char === '[' ? ']' : '}');
    else if (char === ']' || char === '}') open.pop();
  }
  while (contentEnd > start && /\s/.test(text[contentEnd - 1]!)) contentEnd--;
  return { open, contentEnd };
}

function nextLine(text: string, line: { start: number; end: number }): { start: number; end: number } | undefined {
  const newline = text.indexOf('\n', line.end);
  return newline < 0 || newline + 1 >= text.length ? undefined : lineAt(text, newline + 1);
}

function indentOf(text: string, line: { start: number; end: number }): number {
  return /^ */.exec(text.slice(line.start, line.end))![0].length;
}

function isBlankLine(text: string, line: { start: number; end: number }): boolean {
  return /^\s*(#.*)?$/.test(text.slice(line.start, line.end));
}
/**
 * The span of a value that starts with `[` or `{` and goes on after the
 * bracket closes (`pattern: [0-9]{5}`), on the error's line: from the
 * bracket to the end of the line, or to the `,` / `}` that ends it inside a
 * flow mapping.
 */
function flowStartedValue(file: SourceFile, offset: number): { start: number; end: number } | undefined {
  const line = lineAt(file.text, offset);
  const content = file.text.slice(line.start, line.end);
  let start: number | undefined;
  for (const match of content.matchAll(/:\s+(?=[[{])/g)) {
    const at = line.start + match.index + match[0].length;
    if (at < offset) start = at;
  }
  if (start === undefined) return undefined;
  const depthBefore = [...content.slice(0, start - line.start)].reduce((depth, char) => depth + (char === '{' || char === '[' ? 1 : char === '}' || char === ']' ? -1 : 0), 0);
  let depth = 0;
  let end = line.end;
  for (let i = start; i < line.end; i++) {
    const char = file.text[i]!;
    if (char === '[' || char === '{') depth++;
    else if (char === ']' || char === '}') {
      if (depth === 0 && depthBefore > 0) {
        end = i;
        break;
      }
      depth--;
    } else if (depth === 0 && depthBefore > 0 && char === ',') {
      end = i;
      break;
    } else if (char === '#' && /\s/.test(file.text[i - 1] ?? '')) {
      end = i;
      break;
    }
  }
  while (end > start && /\s/.test(file.text[end - 1]!)) end--;
  return { start, end };
}

/** A line indented differently from the entries around it: say which columns would fit. */
function indentation(file: SourceFile, offset: number): { detail: string; fix: Fix } {
  const text = file.text;
  const line = lineAt(text, offset);
  const indent = /^ */.exec(text.slice(line.start, line.end))![0].length;
  const columns = new Set<number>();
  for (let start = line.start; start > 0 && columns.size < 8; ) {
    const previous = lineAt(text, start - 1);
    const content = text.slice(previous.start, previous.end);
    if (content.trim() !== '' && !content.trim().startsWith('#')) columns.add(/^ */.exec(content)![0].length);
    start = previous.start;
  }
  const candidates = [...columns].sort((a, b) => Math.abs(a - indent) - Math.abs(b - indent) || b - a).slice(0, 2).sort((a, b) => a - b);
  const said = candidates.map((c) => `${c} space${c === 1 ? '' : 's'}`).join(' or ');
  return {
    detail: `this line is indented by ${indent} space${indent === 1 ? '' : 's'}, like no entry around it`,
    fix: fixOf(`Indent the line like the entries it belongs with${said ? ` (${said}, not ${indent})` : ''}; entries of one mapping start at the same column.`),
  };
}

function lineAt(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  let end = newline < 0 ? text.length : newline;
  if (text[end - 1] === '\r') end--;
  return { start, end };
}
