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
  readonly message: string;
  readonly location: SourceLocation;
}

export function createDiagnostic<C extends DiagnosticCode>(
  code: C,
  params: DiagnosticParams<C>,
  location: SourceLocation,
): Diagnostic {
  const definition = diagnosticCodes[code];
  const message = (definition.message as (p: DiagnosticParams<C>) => string)(params);
  return { code, severity: definition.severity, message: message.charAt(0).toUpperCase() + message.slice(1), location };
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
