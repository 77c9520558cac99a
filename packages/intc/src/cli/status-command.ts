/**
 * `intc status [manifest or folder...]`: what is left to do in the handlers
 * of integration manifests (stubs/handler-status.ts), as diagnostics in the
 * formats validate prints, then one line per integration. Writes nothing.
 */
import { countErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnosticReport, type DiagnosticFormat } from '../diagnostics/format-diagnostics.js';
import { displayPath } from '../diagnostics/format-text.js';
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
import { defineCommand, LAYOUT_OPTIONS, MAX_FILE_SIZE_OPTION, REPORT_FORMAT_OPTION } from './command-line.js';
import { findManifests } from './find-manifests.js';
import { EXIT_INTERNAL_ERROR, EXIT_MANIFEST_ERRORS, EXIT_OK, linesOptions, type CliIo } from './io.js';
import { readCommand } from './read-command.js';

export const STATUS_COMMAND = defineCommand({
  name: 'status',
  operands: '[manifest or folder...] [options]',
  summary: 'show what is left to do in the handlers (TODO, stale, unwired)',
  description: `Shows what is left to do in the handlers of integration manifests: handlers
still at the TODO body intc wrote, stale handlers (typed as a member the
manifest no longer has, whatever the file is called), handlers not wired into
src/index.ts, renames intc could not carry out, and stub files 'intc generate'
would create, move or update. Writes nothing.
With no file named, uses the config's manifests, else the manifest in the current folder.`,
  manifestsFromConfig: true,
  options: {
    ...LAYOUT_OPTIONS,
    format: REPORT_FORMAT_OPTION,
    strict: { type: 'boolean', config: 'strict', help: 'exit 1 when anything is left (for CI)' },
    'max-file-size': MAX_FILE_SIZE_OPTION,
  },
  exitCodes: {
    0: 'nothing left to do, or things left without --strict',
    1: 'something left under --strict, or manifest errors',
  },
});

export function runStatus(args: readonly string[], io: CliIo): number {
  const input = readCommand(STATUS_COMMAND, args, io);
  if (!input) return EXIT_OK;
  const { values, positionals } = input;
  const format = values.format;
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

function print(io: CliIo, format: DiagnosticFormat, diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>, todo: readonly TodoList[], done: string | undefined): void {
  const json = { todo: todo.map((list) => ({ manifest: displayPath(list.manifest, io.cwd), handlers: list.handlers })) };
  const closing = [...formatTodoLines(todo, io.cwd, format === 'text' ? 'each one is listed above' : 'each one is annotated'), ...(done === undefined ? [] : [done])];
  io.stdout(formatDiagnosticReport(diagnostics, format, { ...linesOptions(io, sources), json, closing }));
}
