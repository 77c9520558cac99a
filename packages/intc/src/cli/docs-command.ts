import { lstatSync, readFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { countErrors } from '../diagnostics/diagnostic.js';
import { formatDiagnosticReport, type DiagnosticFormat } from '../diagnostics/format-diagnostics.js';
import { annotationPath, workflowCommand } from '../diagnostics/format-github.js';
import { formatDiagnosticsJson } from '../diagnostics/format-json.js';
import { displayPath } from '../diagnostics/format-text.js';
import { renderReference } from '../docs/render-reference.js';
import { spliceSection } from '../docs/readme-section.js';
import { integrationModelOf } from '../generate/integration-model-of.js';
import { stringPropertyOf } from '../model/values.js';
import { validate } from '../pipeline.js';
import { writeFileAtomic } from '../write/atomic-write.js';
import { unifiedDiff } from '../write/diff.js';
import { parseSize } from '../write/generate-options.js';
import { isInside, PathGuard } from '../write/path-guard.js';
import { DOCS_COMMAND } from './docs-usage.js';
import { findManifests, UsageError } from './find-manifests.js';
import { EXIT_ENVIRONMENT, EXIT_MANIFEST_ERRORS, EXIT_OK, linesOptions, type CliIo } from './io.js';
import { readCommand } from './read-command.js';

/** What became of the readme, as every format reports it. */
interface DocsOutcome {
  /** The readme, as shown. */
  readonly readme: string;
  readonly status: 'created' | 'updated' | 'unchanged' | 'out-of-date' | 'failed';
  /** The sentence text prints (on stderr for a failure). */
  readonly message: string;
  /** --check: the changes the run would make. */
  readonly diff?: string;
}

/** `intc docs [manifest] [--out file.md] [--check] [--format text|json|github]`. */
export function runDocs(args: readonly string[], io: CliIo): number {
  const input = readCommand(DOCS_COMMAND, args, io);
  if (!input) return EXIT_OK;
  const { values, positionals } = input;
  if (positionals.length > 1) {
    const given = input.manifestsFromConfig ? `the config's manifests are ${positionals.length}` : `${positionals.length} given`;
    throw new UsageError(`intc docs documents one manifest at a time; ${given}: name one (intc docs <manifest>).`);
  }
  const format = values.format;
  const maxFileBytes = values['max-file-size'] === undefined ? undefined : parseSize(values['max-file-size']);
  const result = validate(findManifests(positionals, io.cwd), maxFileBytes === undefined ? {} : { maxFileBytes });
  const errors = countErrors(result.diagnostics);
  const manifest = result.manifests[0];
  if (errors > 0 || !manifest) {
    io.stdout(formatDiagnosticReport(result.diagnostics, format, { ...linesOptions(io, result.sources), closing: ['Nothing written.'] }));
    return EXIT_MANIFEST_ERRORS;
  }
  if (manifest.kind !== 'integration') throw new UsageError(`intc docs documents integration manifests, and '${displayPath(manifest.file.path, io.cwd)}' is a${manifest.kind === 'interface' ? 'n' : ''} ${manifest.kind} manifest.`);

  const folder = dirname(manifest.file.path);
  const readme = stringPropertyOf(manifest.value, 'readme');
  // Relative to the manifest's folder, like generate's --out and the manifest's own `readme`.
  const out = resolve(folder, values.out ?? readme ?? 'hub.md');
  const shown = displayPath(out, io.cwd);
  const refused = refuseOutput(out, folder, manifest.file.path);
  if (refused) throw new UsageError(`Cannot write '${shown}': ${refused}.`);

  const model = integrationModelOf(manifest, result.referencedManifest);
  const icon = stringPropertyOf(manifest.value, 'icon');
  const body = renderReference(model, {
    manifestName: basename(manifest.file.path),
    ...(icon === undefined ? {} : { iconPath: relative(dirname(out), resolve(folder, icon)) }),
  });
  const report = (outcome: Omit<DocsOutcome, 'readme'>, code: number) => printOutcome(io, format, { readme: shown, ...outcome }, out, code);
  const existing = readExisting(out);
  if (existing.problem) {
    // A folder where the readme should be is the project's to fix; anything else, the system's.
    return report({ status: 'failed', message: `Cannot read '${shown}': ${existing.problem}.` }, existing.isFolder ? EXIT_MANIFEST_ERRORS : EXIT_ENVIRONMENT);
  }
  const spliced = spliceSection(existing.text, body, model.title ?? model.name);
  if (!spliced.ok) return report({ status: 'failed', message: `Cannot update '${shown}': ${spliced.problem}.` }, EXIT_MANIFEST_ERRORS);
  if (spliced.text === existing.text) return report({ status: 'unchanged', message: `Up to date: ${shown}.` }, EXIT_OK);
  if (values.check) {
    const diff = unifiedDiff(existing.text ?? '', spliced.text, { oldLabel: `a/${shown}`, newLabel: `b/${shown}` });
    return report({ status: 'out-of-date', message: `Out of date: ${shown}. Run 'intc docs' to update it.`, diff }, EXIT_MANIFEST_ERRORS);
  }
  try {
    writeFileAtomic(out, spliced.text);
  } catch (error) {
    return report({ status: 'failed', message: `Cannot write '${shown}': ${error instanceof Error ? error.message : String(error)}.` }, EXIT_ENVIRONMENT);
  }
  const created = existing.text === undefined;
  return report({ status: created ? 'created' : 'updated', message: created ? `Created ${shown}.` : `Updated the generated section of ${shown}.` }, EXIT_OK);
}

/** Prints the outcome (text: a failure on stderr; json: one object; github: a failure or an out-of-date readme as an annotation) and returns `code`. */
function printOutcome(io: CliIo, format: DiagnosticFormat, outcome: DocsOutcome, path: string, code: number): number {
  const failed = outcome.status === 'failed';
  if (format === 'json') {
    const { message, ...fields } = outcome;
    io.stdout(formatDiagnosticsJson([], io.cwd, { ...fields, [failed ? 'problem' : 'summary']: message }));
    return code;
  }
  const annotated = format === 'github' && (failed || outcome.status === 'out-of-date');
  if (annotated) io.stdout(`${workflowCommand('error', { file: annotationPath(path, linesOptions(io, new Map())), title: 'intc docs' }, outcome.message)}\n`);
  if (outcome.diff !== undefined) io.stdout(`${outcome.diff}\n`);
  if (failed) io.stderr(`intc: ${outcome.message}\n`);
  else io.stdout(`${outcome.message}\n`);
  return code;
}

/**
 * Why intc will not write the readme there, or undefined: it writes only a
 * Markdown file inside the manifest's folder, never the manifest, never
 * through a symbolic link (the file's or a folder's) that leads elsewhere.
 */
function refuseOutput(out: string, folder: string, manifestPath: string): string | undefined {
  if (!out.toLowerCase().endsWith('.md')) return 'intc docs writes Markdown; name a .md file';
  if (!isInside(folder, out)) return `it is outside the manifest's folder '${folder}', and intc docs writes only there`;
  if (resolve(out) === resolve(manifestPath)) return 'it is the manifest';
  if (isSymbolicLink(out)) return 'it is a symbolic link; name the file it points to';
  return new PathGuard({ manifestPath, root: folder, generatedDir: folder, srcDir: folder }).refuseWrite(out, 'generated');
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The readme's text; undefined when there is none yet. */
function readExisting(path: string): { text?: string; problem?: string; isFolder?: boolean } {
  try {
    return { text: readFileSync(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return {};
    return code === 'EISDIR' ? { problem: 'it is a folder', isFolder: true } : { problem: (error as Error).message };
  }
}
