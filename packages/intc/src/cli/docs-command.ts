import { lstatSync, readFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { countErrors } from '../diagnostics/diagnostic.js';
import { displayPath, formatDiagnosticText, formatSummary } from '../diagnostics/format-text.js';
import { renderReference } from '../docs/render-reference.js';
import { DOCS_END, DOCS_START, spliceSection } from '../docs/readme-section.js';
import { integrationModelOf } from '../generate/integration-model-of.js';
import { stringPropertyOf } from '../model/values.js';
import { validate } from '../pipeline.js';
import { writeFileAtomic } from '../write/atomic-write.js';
import { unifiedDiff } from '../write/diff.js';
import { isInside, PathGuard } from '../write/path-guard.js';
import { parseMaxFileSize, withUsage } from './command-usage.js';
import { findManifests, UsageError } from './find-manifests.js';
import { EXIT_MANIFEST_ERRORS, EXIT_OK, type CliIo } from './io.js';

export const DOCS_USAGE = `Usage: intc docs [manifest or folder] [options]

Writes the reference a hub readme needs from an integration manifest
(interfaces applied): overview, configuration, actions with their input and
output fields, events, channels with message types and tags, states, user tags,
secrets, interfaces implemented and entities. A new readme is created with a
title and the reference; after that, only the part between the lines
${DOCS_START} and ${DOCS_END} is rewritten, and your own text
around it is kept as written (a readme without the markers gets them appended).

Options:
  --out <file.md>          the readme to write, relative to the manifest's folder and
                           inside it (default: the manifest's \`readme\`, else hub.md)
  --check                  write nothing; exit 1 with a diff when the readme is out of date
  --max-file-size <bytes>  refuse larger manifests (default: 4 MiB)
  -h, --help               show this help

Exit codes: 0 written or up to date, 1 manifest errors, an out-of-date readme
under --check, or a readme that cannot be updated, 2 bad command line.
`;

/** `intc docs [manifest] [--out file.md] [--check]`. */
export function runDocs(args: readonly string[], io: CliIo): Promise<number> {
  return withUsage(DOCS_USAGE, io, () => docs(args, io));
}

function docs(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      check: { type: 'boolean', default: false },
      'max-file-size': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(DOCS_USAGE);
    return EXIT_OK;
  }
  if (positionals.length > 1) throw new UsageError(`intc docs documents one manifest at a time; ${positionals.length} given.`);
  const maxFileBytes = parseMaxFileSize(values['max-file-size']);
  const result = validate(findManifests(positionals, io.cwd), maxFileBytes === undefined ? {} : { maxFileBytes });
  const errors = countErrors(result.diagnostics);
  const manifest = result.manifests[0];
  if (errors > 0 || !manifest) {
    for (const diagnostic of result.diagnostics) io.stdout(`${formatDiagnosticText(diagnostic, { cwd: io.cwd, sources: result.sources, color: io.color })}\n`);
    io.stdout(`${formatSummary(errors, result.diagnostics.length - errors)}\nNothing written.\n`);
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
  const existing = readExisting(out);
  if (existing.problem) {
    io.stderr(`intc: cannot read '${shown}': ${existing.problem}.\n`);
    return EXIT_MANIFEST_ERRORS;
  }
  const spliced = spliceSection(existing.text, body, model.title ?? model.name);
  if (!spliced.ok) {
    io.stderr(`intc: cannot update '${shown}': ${spliced.problem}.\n`);
    return EXIT_MANIFEST_ERRORS;
  }
  if (spliced.text === existing.text) {
    io.stdout(`Up to date: ${shown}.\n`);
    return EXIT_OK;
  }
  if (values.check) {
    io.stdout(`${unifiedDiff(existing.text ?? '', spliced.text, { oldLabel: `a/${shown}`, newLabel: `b/${shown}` })}\nOut of date: ${shown}. Run 'intc docs' to update it.\n`);
    return EXIT_MANIFEST_ERRORS;
  }
  try {
    writeFileAtomic(out, spliced.text);
  } catch (error) {
    io.stderr(`intc: cannot write '${shown}': ${error instanceof Error ? error.message : String(error)}.\n`);
    return EXIT_MANIFEST_ERRORS;
  }
  io.stdout(existing.text === undefined ? `Created ${shown}.\n` : `Updated the generated section of ${shown}.\n`);
  return EXIT_OK;
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
function readExisting(path: string): { text?: string; problem?: string } {
  try {
    return { text: readFileSync(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return {};
    return { problem: code === 'EISDIR' ? 'it is a folder' : (error as Error).message };
  }
}
