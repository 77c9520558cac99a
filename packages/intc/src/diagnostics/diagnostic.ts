import { diagnosticCodes, type DiagnosticCode, type DiagnosticParams, type Severity } from './codes.js';

/** 1-based line and column, as editors show them. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export interface SourceLocation {
  /** Absolute path of the file the diagnostic is about. */
  readonly file: string;
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** What is wrong. */
  readonly message: string;
  readonly location: SourceLocation;
  /** What to write instead, when intc knows (shown as `help:` under the code frame). */
  readonly fix?: Fix;
}

/**
 * The fix for one diagnostic: a sentence for the user and, when the fix is
 * mechanical, the edit `intc validate --fix` applies (ESLint's model: one
 * edit per fix; fixes touching several places are merged into one edit that
 * copies the text between them).
 */
export interface Fix {
  readonly message: string;
  readonly edit?: TextEdit;
}

/** A fix: what to write, and the edit that writes it when there is one. */
export function fixOf(message: string, edit?: TextEdit): Fix {
  return edit ? { message, edit } : { message };
}

/** Replace `[start, end)` (offsets into the file's text as read, BOM removed) with `replacement`. */
export interface TextEdit {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
  /** The same range as 1-based lines and columns, for tools. */
  readonly range: { readonly start: SourcePosition; readonly end: SourcePosition };
}

export function createDiagnostic<C extends DiagnosticCode>(
  code: C,
  params: DiagnosticParams<C>,
  location: SourceLocation,
  fix?: Fix,
): Diagnostic {
  const definition = diagnosticCodes[code];
  const message = upperFirst((definition.message as (p: DiagnosticParams<C>) => string)(params));
  const diagnostic: Diagnostic = { code, severity: definition.severity, message, location };
  return fix ? { ...diagnostic, fix: { ...fix, message: upperFirst(fix.message) } } : diagnostic;
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The location of a whole file, for problems that are about the file itself. */
export function fileStartLocation(file: string): SourceLocation {
  return { file, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
}


export function countErrors(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.filter((d) => d.severity === 'error').length;
}

/** Orders diagnostics by file, then position, then code, so output is stable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareStrings(a.location.file, b.location.file) ||
      a.location.start.line - b.location.start.line ||
      a.location.start.column - b.location.start.column ||
      compareStrings(a.code, b.code) ||
      compareStrings(a.message, b.message),
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
