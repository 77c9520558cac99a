import { sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import type { LoadedManifest } from './load/load-manifest.js';
import { Program, type ProgramOptions } from './program.js';

export type ValidateOptions = ProgramOptions;

export interface ValidateResult {
  /** Every problem found, sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
  /** The text of every file read, keyed by absolute path (for code frames). */
  readonly sources: ReadonlyMap<string, string>;
  /** The manifests named, as loaded (their values are trustworthy only without errors). */
  readonly manifests: readonly LoadedManifest[];
}

/**
 * Validates manifests and everything they reference: load (read, parse,
 * classify) → meta-schema → embedded schemas → semantic rules. Never prints
 * and never exits; problems come back as diagnostics.
 */
export function validate(paths: readonly string[], options: ValidateOptions = {}): ValidateResult {
  const program = new Program(options);
  for (const path of paths) program.addRoot(path);
  return { diagnostics: sortDiagnostics(program.diagnostics), sources: program.sources, manifests: program.roots };
}
