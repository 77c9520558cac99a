/**
 * A run of `intc generate` where nothing changed, answered from the records
 * alone: no manifest is parsed, nothing is generated or written. This is the
 * entry of the small `dist/intc-fast.cjs` bundle that `bin/intc.cjs` tries
 * before loading the big one, and the first step of every full run.
 * Node built-ins and tiny modules only. Any doubt → undefined (generate).
 */
import { statSync } from 'node:fs';
import { findManifests } from '../cli/find-manifests.js';
import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { projectLayout, type ProjectLayout } from '../generate/project-layout.js';
import { manifestInFolder } from '../load/manifest-in-folder.js';
import { quickParseGenerateArgs, type GenerateArgs } from './generate-options.js';
import { currentRecord, toolIdentity, type CurrentRecord } from './input-cache.js';
import { layoutProblem } from './path-guard.js';
import { exitCodeOf, formatRunOutcome, type RunOutcome } from './run-report.js';

export interface FastIo {
  readonly cwd: string;
  readonly color: boolean;
}

/**
 * The exit code and output of `intc generate <args>` when every manifest's
 * record is current; undefined when a full run is needed (or the command
 * line is anything the full run should judge: --help, --watch, --force,
 * errors).
 */
export function fastGenerate(args: readonly string[], io: FastIo): { code: number; output: string } | undefined {
  const options = quickParseGenerateArgs(args);
  if (!options || options.help || options.watch || options.force) return undefined;
  const manifests = resolveManifestFiles(options.manifests, io.cwd);
  if (!manifests) return undefined;
  const cached = cachedRun(manifests, options);
  if (!cached) return undefined;
  const report = {
    cwd: io.cwd,
    format: options.format,
    // Read only when there are diagnostics to print: deciding costs bin/intc.cjs the stdout stream.
    get color() {
      return io.color;
    },
  };
  return { code: exitCodeOf(cached.outcome, options.strict), output: formatRunOutcome(cached.outcome, report) };
}

/**
 * The manifest files a command line names, as the loader will pick them (a
 * folder stands for its manifest), without duplicates; undefined when one
 * cannot be found (the full run reports it).
 */
export function resolveManifestFiles(args: readonly string[], cwd: string): string[] | undefined {
  if (args.length === 0) {
    const found = manifestInFolder(cwd);
    return found === undefined ? undefined : [found];
  }
  let given: string[];
  try {
    given = findManifests(args, cwd);
  } catch {
    return undefined;
  }
  const files = new Set<string>();
  for (const path of given) {
    let isFolder: boolean;
    try {
      isFolder = statSync(path).isDirectory();
    } catch {
      return undefined;
    }
    const file = isFolder ? manifestInFolder(path) : path;
    if (file === undefined) return undefined;
    files.add(file);
  }
  return [...files];
}

export interface CachedRun {
  readonly outcome: RunOutcome;
  readonly records: readonly CurrentRecord[];
}

/** The outcome of a run that changes nothing, when every manifest's record says so. */
export function cachedRun(manifests: readonly string[], options: GenerateArgs): CachedRun | undefined {
  const layouts: ProjectLayout[] = manifests.map((path) => projectLayout(path, layoutOptions(options)));
  if (layouts.length === 0 || layoutProblem(layouts) !== undefined) return undefined;
  const tool = toolIdentity();
  const records: CurrentRecord[] = [];
  for (const layout of layouts) {
    const record = currentRecord(layout, tool, options.maxFileBytes);
    if (!record) return undefined;
    records.push(record);
  }
  const diagnostics = uniqueDiagnostics(records.flatMap((r) => r.diagnostics));
  // Under --strict a warning fails the run, which the full run reports in its own words.
  if (options.strict && diagnostics.length > 0) return undefined;
  const sources = new Map<string, string>();
  for (const record of records) for (const [path, text] of record.sources) sources.set(path, text);
  const files = records
    .flatMap((r) => r.outputs)
    .sort()
    .map((path) => ({ path, kind: 'generated' as const, status: 'unchanged' as const }));
  const todo = records.filter((r) => r.todo.length > 0).map((r) => ({ manifest: r.layout.manifestPath, handlers: r.todo }));
  return { outcome: { mode: options.check ? 'check' : 'generate', diagnostics, sources, files, todo }, records };
}

export function layoutOptions(options: GenerateArgs): { outDir?: string; srcDir?: string } {
  return {
    ...(options.outDir === undefined ? {} : { outDir: options.outDir }),
    ...(options.srcDir === undefined ? {} : { srcDir: options.srcDir }),
  };
}

function uniqueDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Map<string, Diagnostic>();
  for (const d of diagnostics) seen.set(JSON.stringify(d), d);
  return sortDiagnostics([...seen.values()]);
}
