/**
 * A bad intc config as located diagnostics, like a manifest's: JSON syntax
 * errors from the manifest loader, every other problem (`invalid-config`)
 * at its key or value through the loader's positions (src/load/).
 */
import { createDiagnostic, fileStartLocation, fixOf, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DiagnosticFormat } from '../diagnostics/format-diagnostics.js';
import { parseYaml } from '../load/parse-yaml.js';
import { locate } from '../load/source-file.js';
import type { ConfigRead } from './read-config.js';

export type InvalidConfig = Extract<ConfigRead, { status: 'invalid' }>;

/** Thrown by a command whose config is bad: main prints the diagnostics and exits 2 (a usage error). */
export class ConfigError extends Error {
  override name = 'ConfigError';

  constructor(
    readonly diagnostics: readonly Diagnostic[],
    readonly sources: ReadonlyMap<string, string>,
    /** The format the command line asks for (the config cannot be trusted to say). */
    readonly format: DiagnosticFormat,
  ) {
    super(`the intc config has ${diagnostics.length} error${diagnostics.length === 1 ? '' : 's'}`);
  }
}

/** By name too, like isUsageError: a command bundle loaded on first use holds its own copy of the class. */
export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof ConfigError || (error instanceof Error && error.name === 'ConfigError' && 'diagnostics' in error);
}

export function configError(read: InvalidConfig, format: DiagnosticFormat): ConfigError {
  const parsed = parseYaml(read.file, read.text);
  const sources = new Map([[read.file, read.text]]);
  if (parsed.diagnostics.length > 0) return new ConfigError(parsed.diagnostics, sources, format);
  const diagnostics = read.problems.map((problem) =>
    createDiagnostic('invalid-config', { detail: problem.detail }, locate(parsed.file, problem.path, problem.part), fixOf(problem.fix)),
  );
  if (diagnostics.length === 0) diagnostics.push(createDiagnostic('invalid-config', { detail: 'the file cannot be read as JSON' }, fileStartLocation(read.file)));
  return new ConfigError(sortDiagnostics(diagnostics), sources, format);
}
