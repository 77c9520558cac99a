/**
 * A problem the user must fix before `intc import` can write anything (the
 * SDK is missing, the definition does not load, a manifest would be
 * overwritten): thrown through the import stages as diagnostics, caught once
 * by the command, which writes nothing then and exits 1.
 */
import type { DiagnosticCode, DiagnosticParams } from '../diagnostics/codes.js';
import { createDiagnostic, fileStartLocation, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';

export class ImportFailure extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
    this.name = 'ImportFailure';
  }
}

/** One diagnostic as a failure; located at `where` (a file's start when only a file is known). */
export function importFailure<C extends DiagnosticCode>(code: C, params: DiagnosticParams<C>, where: SourceLocation | string): ImportFailure {
  return new ImportFailure([createDiagnostic(code, params, typeof where === 'string' ? fileStartLocation(where) : where)]);
}

/** A location from a 1-based line and column, `length` characters long on that line. */
export function locationAt(file: string, line: number, column: number, length = 1): SourceLocation {
  return { file, start: { line, column }, end: { line, column: column + Math.max(1, length) } };
}
