/**
 * `intc status [manifest or folder...]`: what is left to do in the handlers
 * of integration manifests (stubs/handler-status.ts), as diagnostics in the
 * formats validate prints, then one line per integration. Writes nothing.
 */
import { parseArgs } from 'node:util';
import { countErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnosticGithub } from '../diagnostics/format-github.js';
import { formatDiagnosticsJson } from '../diagnostics/format-json.js';
import { displayPath, formatDiagnosticText, formatSummary } from '../diagnostics/format-text.js';
import { integrationModelOf } from '../generate/integration-model-of.js';
import { projectLayout } from '../generate/project-layout.js';
import { locate } from '../load/source-file.js';
import { isPlainObject } from '../model/values.js';
import { validate } from '../pipeline.js';
import { handlerStatus } from '../stubs/handler-status.js';
import { handlerDisplayName } from '../stubs/todo-handlers.js';
import { folderEntries, readText } from '../write/input-cache.js';
import { parseSize } from '../write/generate-options.js';
import { lastRunMembers } from '../write/last-run-members.js';
import { formatTodoLines, plural, type TodoList } from '../write/run-report.js';
import { findManifests, UsageError } from './find-manifests.js';
import { EXIT_INTERNAL_ERROR, EXIT_MANIFEST_ERRORS, EXIT_OK, type CliIo } from './io.js';

export const STATUS_USAGE = `Usage: intc status [manifest or folder...] [options]

Shows what is left to do in the handlers of integration manifests: handlers
still at the TODO body intc wrote, stale handlers (typed as a member the
manifest no longer has, whatever the file is called), handlers not wired into
src/index.ts, renames intc could not carry out, and stub files 'intc generate'
would create, move or update. Writes nothing.
With no file named, uses the manifest in the current folder.

Options:
  --out <dir>                   generated folder, relative to the manifest's folder (default: src/generated)
  --src <dir>                   handler stubs folder, relative to the manifest's folder (default: src)
  --format <text|json|github>   output format (default: text); github: workflow annotations
  --strict                      exit 1 when anything is left (for CI)
  --max-file-size <bytes>       refuse larger manifests (default: 4 MiB)
  -h, --help                    show this help
`;

type Format = 'text' | 'json' | 'github';

export function runStatus(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      src: { type: 'string' },
      format: { type: 'string', default: 'text' },
      strict: { type: 'boolean', default: false },
      'max-file-size': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(STATUS_USAGE);
    return EXIT_OK;
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'github') {
    throw new UsageError(`--format must be 'text', 'json' or 'github', not '${format}'.`);
  }
  const maxFileBytes = values['max-file-size'] === undefined ? undefined : parseSize(values['max-file-size']);
  const validated = validate(findManifests(positionals, io.cwd), maxFileBytes === undefined ? {} : { maxFileBytes });
  if (countErrors(validated.diagnostics) > 0) {
    // Nothing to say about handlers of a manifest that does not validate: its problems, as validate says them.
    print(io, format, validated.diagnostics, validated.sources, [], 'The manifests have errors; fix them first (intc validate).');
    return validated.diagnostics.some((d) => d.code === 'internal-error') ? EXIT_INTERNAL_ERROR : EXIT_MANIFEST_ERRORS;
  }

  const diagnostics: Diagnostic[] = [];
  const sources = new Map(validated.sources);
  const todo: TodoList[] = [];
  let handlers = 0;
  for (const manifest of validated.manifests) {
    if (manifest.kind !== 'integration' || !isPlainObject(manifest.value)) continue; // bots and interfaces have no handler stubs
    const model = integrationModelOf(manifest, validated.referencedManifest);
    const layout = projectLayout(manifest.file.path, { ...(values.out === undefined ? {} : { outDir: values.out }), ...(values.src === undefined ? {} : { srcDir: values.src }) });
    const status = handlerStatus({
      model,
      layout,
      previousMembers: lastRunMembers(layout.generatedDir),
      readFile: readText,
      readDir: folderEntries,
      locateMember: (path) => locate(manifest.file, path, 'key'),
    });
    diagnostics.push(...status.diagnostics);
    for (const [path, text] of status.sources) sources.set(path, text);
    if (status.todo.length > 0) todo.push({ manifest: layout.manifestPath, handlers: status.todo.map(handlerDisplayName) });
    handlers += status.handlerCount;
  }
  const done = diagnostics.length === 0 && todo.length === 0 ? `Nothing left to do: ${plural(handlers, 'handler')} implemented and wired.` : undefined;
  print(io, format, diagnostics, sources, todo, done);
  if (diagnostics.some((d) => d.code === 'internal-error')) return EXIT_INTERNAL_ERROR;
  return values.strict && done === undefined ? EXIT_MANIFEST_ERRORS : EXIT_OK;
}

function print(io: CliIo, format: Format, diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>, todo: readonly TodoList[], done: string | undefined): void {
  if (format === 'json') {
    const report = JSON.parse(formatDiagnosticsJson(diagnostics, io.cwd)) as Record<string, unknown>;
    report.todo = todo.map((list) => ({ manifest: displayPath(list.manifest, io.cwd), handlers: list.handlers }));
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  for (const diagnostic of diagnostics) {
    io.stdout(format === 'github' ? `${formatDiagnosticGithub(diagnostic, io.cwd)}\n` : `${formatDiagnosticText(diagnostic, { cwd: io.cwd, sources, color: io.color })}\n`);
  }
  const errors = countErrors(diagnostics);
  if (format === 'text' && diagnostics.length > 0) io.stdout(`${formatSummary(errors, diagnostics.length - errors)}\n`);
  for (const line of formatTodoLines(todo, io.cwd, format === 'text' ? 'each one is listed above' : 'each one is annotated')) io.stdout(`${line}\n`);
  if (done !== undefined) io.stdout(`${done}\n`);
}
