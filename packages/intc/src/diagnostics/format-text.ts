import { relative } from 'node:path';
import type { Diagnostic } from './diagnostic.js';

export interface TextFormatOptions {
  /** Paths are printed relative to this folder. */
  readonly cwd: string;
  /** The text of each file, for code frames. */
  readonly sources: ReadonlyMap<string, string>;
  readonly color: boolean;
}

const CONTEXT_LINES = 1;

/**
 * `path:line:col - error CODE: message`, a code frame with the range
 * underlined, the fix on its own `help:` line (as rustc's), and a blank
 * line between diagnostics. Control characters a
 * manifest holds (an escape sequence in a key, a NUL) never reach the
 * terminal as such: messages show them as `\x1b`, frames as one visible
 * character each, so the underline stays in place.
 */
export function formatDiagnosticText(diagnostic: Diagnostic, options: TextFormatOptions): string {
  const { file, start } = diagnostic.location;
  const paint = painter(options.color);
  const severity = diagnostic.severity === 'error' ? paint.red('error') : paint.yellow('warning');
  const header = `${paint.cyan(displayPath(file, options.cwd))}:${paint.yellow(`${start.line}:${start.column}`)} - ${severity} ${paint.gray(diagnostic.code)}: ${escapeControls(diagnostic.message)}`;
  const source = options.sources.get(file);
  const frame = source === undefined ? '' : codeFrame(source, diagnostic, paint);
  const help = diagnostic.fix ? `  ${paint.cyan('help')}: ${escapeControls(diagnostic.fix.message)}\n` : '';
  return frame ? `${header}\n\n${frame}\n${help}` : `${header}\n${help}`;
}

/** `Found N errors, M warnings.`, and how many of them `--fix` can repair. */
export function formatSummary(errors: number, warnings: number, fixable = 0): string {
  const found = `Found ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`;
  return fixable > 0 ? `${found} ${fixable} can be fixed with \`intc validate --fix\`.` : found;
}

/** Diagnostics whose fix is an edit `intc validate --fix` applies. */
export function countFixable(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.filter((d) => d.fix?.edit !== undefined).length;
}

export function displayPath(file: string, cwd: string): string {
  const path = relative(cwd, file);
  return path === '' || path.startsWith('..') && path.split(/[\\/]/).length > 4 ? file : path;
}

/** The lines of the last file framed: diagnostics come sorted by file, so each file is split once. */
let lastSplit: { source: string; lines: string[] } | undefined;

function linesOf(source: string): string[] {
  if (lastSplit?.source !== source) lastSplit = { source, lines: source.split(/\r?\n/) };
  return lastSplit.lines;
}

function codeFrame(source: string, diagnostic: Diagnostic, paint: Painter): string {
  const lines = linesOf(source);
  const { start, end } = diagnostic.location;
  if (start.line < 1 || start.line > lines.length) return '';
  const first = Math.max(1, start.line - CONTEXT_LINES);
  const last = Math.min(lines.length, start.line + CONTEXT_LINES);
  const width = String(last).length;
  const out: string[] = [];
  for (let line = first; line <= last; line++) {
    const text = truncate(showControls((lines[line - 1] ?? '').replace(/\t/g, ' ')));
    const marker = line === start.line ? paint.red('>') : ' ';
    out.push(`${marker} ${paint.gray(String(line).padStart(width))} | ${text}`);
    if (line === start.line) {
      const length = end.line === start.line ? Math.max(1, end.column - start.column) : Math.max(1, text.length - start.column + 1);
      const underline = ' '.repeat(Math.max(0, start.column - 1)) + '^'.repeat(Math.min(length, 120));
      out.push(`  ${' '.repeat(width)} | ${paint.red(underline)}`);
    }
  }
  return out.join('\n');
}

/** C0 and C1 control characters and DEL, but tab and line feed (messages may span lines). */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

function escapeControls(text: string): string {
  return text.replace(CONTROLS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** One character for one: C0 as its Control Pictures sign (␛, ␀), DEL as ␡, C1 as �. */
function showControls(line: string): string {
  return line.replace(CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd';
  });
}

function truncate(line: string): string {
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

interface Painter {
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  gray(text: string): string;
}

function painter(color: boolean): Painter {
  const wrap = (code: number) => (text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  return { red: wrap(31), yellow: wrap(33), cyan: wrap(36), gray: wrap(90) };
}
