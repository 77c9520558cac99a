/**
 * Runs a bundled definition, as the Botpress CLI does: the bundle is
 * compiled as a CommonJS module that lives (by name only; nothing is
 * written) beside the definition, so its package imports resolve from the
 * definition's folder to the project's own packages. `.extend()` calls are
 * recorded meanwhile (record-extensions.ts). An error the definition throws
 * is reported with its message, at the line of the definition's own source
 * that threw it (the bundle's inline source map makes stack traces name it).
 */
import { existsSync } from 'node:fs';
import Module from 'node:module';
import { dirname, sep } from 'node:path';
import { createDiagnostic, fileStartLocation, type SourceLocation } from '../diagnostics/diagnostic.js';
import { importFailure, ImportFailure, locationAt } from './import-failure.js';
import type { ProjectSdk } from './project-sdk.js';
import { recordExtensions, type RecordedExtension } from './record-extensions.js';

export type DefinitionKind = 'integration' | 'interface';

export interface EvaluatedDefinition {
  readonly kind: DefinitionKind;
  /** The definition's default export: an `IntegrationDefinition` or `InterfaceDefinition` of the project's SDK. */
  readonly definition: object;
  /** The `.extend()` calls made on it, in order. */
  readonly extensions: readonly RecordedExtension[];
}

/** Node's CommonJS module internals the Botpress CLI uses the same way (there is no public API to compile a module from text). */
interface CompilableModule {
  filename: string;
  paths: string[];
  exports: unknown;
  _compile(code: string, filename: string): void;
}
interface ModuleInternals {
  _nodeModulePaths(folder: string): string[];
}

export function evaluateDefinition(code: string, definitionFile: string, project: ProjectSdk): EvaluatedDefinition {
  const filename = `${definitionFile}.intc-import.cjs`;
  const module = new Module(filename) as unknown as CompilableModule;
  module.filename = filename;
  module.paths = (Module as unknown as ModuleInternals)._nodeModulePaths(dirname(definitionFile));
  process.setSourceMapsEnabled(true);
  let extensions: readonly RecordedExtension[];
  try {
    ({ extensions } = recordExtensions(project.sdk, () => module._compile(code, filename)));
  } catch (error) {
    throw new ImportFailure([createDiagnostic('definition-load-failed', { detail: thrownText(error) }, thrownAt(error, definitionFile))]);
  }
  const exported = module.exports as { default?: unknown } | undefined;
  const definition = exported?.default;
  const kind = kindOf(definition, project);
  if (!kind || typeof definition !== 'object' || definition === null) {
    throw importFailure(
      'definition-load-failed',
      { detail: 'its default export is not an IntegrationDefinition or InterfaceDefinition; write `export default new IntegrationDefinition({ ... })`.' },
      definitionFile,
    );
  }
  return { kind, definition, extensions: extensions.filter((extension) => extension.owner === definition) };
}

function kindOf(definition: unknown, project: ProjectSdk): DefinitionKind | undefined {
  const { IntegrationDefinition, InterfaceDefinition } = project.sdk as unknown as Record<string, abstract new (...args: never[]) => unknown>;
  if (IntegrationDefinition && definition instanceof IntegrationDefinition) return 'integration';
  if (InterfaceDefinition && definition instanceof InterfaceDefinition) return 'interface';
  return undefined;
}

function thrownText(error: unknown): string {
  const name = error instanceof Error && error.name !== 'Error' ? `${error.name}: ` : '';
  const message = error instanceof Error ? error.message : String(error);
  return `${name}${message.trim()}`;
}

/** The first stack frame in the project's own files (not node_modules, not Node's), else the definition file. */
function thrownAt(error: unknown, definitionFile: string): SourceLocation {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  for (const match of stack.matchAll(/\(?((?:\/|[A-Za-z]:\\)[^():\n]+):(\d+):(\d+)\)?$/gm)) {
    const [, file, line, column] = match;
    if (!file || file.split(sep).includes('node_modules') || !existsSync(file)) continue;
    return locationAt(file, Number(line), Number(column));
  }
  return fileStartLocation(definitionFile);
}
