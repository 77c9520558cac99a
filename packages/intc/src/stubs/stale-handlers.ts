/**
 * Handlers whose action, channel or message type left the manifest: a stub
 * file under `actions/` or `channels/<channel>/` that no manifest name
 * matches. Reported as warnings located at the file's export; never deleted
 * or changed. A file counts as a handler when its name could be a manifest
 * name (camelCase, no extra dots: `util.test.ts` is not one) and it mentions
 * the handler type or the export a stub of that name would have, so helper
 * modules kept beside handlers are left alone.
 *
 * The file's name is not the last word: a file that names handlers in its
 * types (`ActionHandlers['doThing']`, `ActionProps<'doThing'>`,
 * `MessageHandlers['ch']['t']`, `MessageProps<'ch', 't'>`) is the handler of
 * those. It is stale only when none of them is in the manifest, and the
 * warning names the first of them, not the file. That holds whatever the
 * file is called: a file at a current handler's place (moved there by hand
 * over the stub) whose types still name a member that left is stale too,
 * with advice to make it the handler of its place.
 */
import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { createDiagnostic, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import type { ProjectLayout } from '../generate/project-layout.js';
import { compareNames, type IntegrationModel } from '../model/integration-model.js';
import { pascalCase } from '../emit/type-names.js';
import { handlerReferences, type HandlerReference } from './handler-references.js';
import { handlerAnnotation, type StubLayout } from './stub-layout.js';
import { positionAt } from './text-edits.js';

export interface DirectoryEntry {
  readonly name: string;
  readonly directory: boolean;
}

/** Lists a folder; undefined when it does not exist or cannot be read. */
export type ReadDirectory = (absolutePath: string) => readonly DirectoryEntry[] | undefined;

export const readDirectory: ReadDirectory = (path) => {
  try {
    return readdirSync(path, { withFileTypes: true }).map((entry) => ({ name: entry.name, directory: entry.isDirectory() }));
  } catch {
    return undefined;
  }
};

const HANDLER_FILE = /^([a-z][a-zA-Z0-9]*)\.ts$/;

export function staleHandlers(
  model: IntegrationModel,
  stubs: StubLayout,
  layout: ProjectLayout,
  readFile: (path: string) => string | undefined,
  readDir: ReadDirectory,
  skip: ReadonlySet<string> = new Set(),
): Diagnostic[] {
  const generatedDir = layout.generatedDir;
  const diagnostics: Diagnostic[] = [];
  const actions = new Set(model.actions.map((action) => action.name));
  const channels = new Map(model.channels.map((channel) => [channel.name, new Set(channel.messages.map((message) => message.name))]));
  const current = (reference: HandlerReference) =>
    'action' in reference
      ? actions.has(reference.action)
      : reference.type === undefined
        ? channels.has(reference.channel)
        : channels.get(reference.channel)?.has(reference.type) === true;
  const report = (path: string, kind: string, name: string, typeName: string, exportName: string) => {
    const text = skip.has(path) ? undefined : readFile(path);
    if (text === undefined) return;
    const references = handlerReferences(text);
    if (references.some(current)) return; // the handler of a current name, kept in a file of another name
    const named = references[0];
    if (named === undefined && !(text.includes(typeName) || text.includes(exportName))) return;
    const params = named === undefined ? { kind, name } : staleName(named, channels);
    diagnostics.push(createDiagnostic('stale-handler', params, exportLocation(path, text, exportName)));
  };
  const byPath = new Map(stubs.handlers.map((stub) => [stub.path, stub]));
  /** A current handler's file whose types name only members that left. */
  const reportMistyped = (path: string) => {
    const stub = byPath.get(path);
    const text = skip.has(path) || !stub ? undefined : readFile(path);
    if (text === undefined) return;
    const references = handlerReferences(text);
    const named = references[0];
    if (named === undefined || references.some(current)) return;
    const file = relative(layout.root, path).split(sep).join('/');
    const advice = `yet '${file}', the handler file of ${stub!.label.kind.toLowerCase()} '${stub!.name}', is typed as its handler: make it the handler of '${stub!.name}' (\`export const ${stub!.exportName}: ${handlerAnnotation(stub!)}\`) and check its wiring in index.ts.`;
    diagnostics.push(createDiagnostic('stale-handler', { ...staleName(named, channels), advice }, exportLocation(path, text, stub!.exportName)));
  };
  for (const name of handlerFileNames(stubs.actionsDir, readDir)) {
    const path = join(stubs.actionsDir, `${name}.ts`);
    if (actions.has(name)) reportMistyped(path);
    else report(path, 'Action', name, 'ActionHandlers', `${name}Action`);
  }
  for (const entry of sortedEntries(readDir(stubs.channelsDir))) {
    const folder = join(stubs.channelsDir, entry.name);
    if (!entry.directory || isInside(folder, generatedDir)) continue;
    const types = channels.get(entry.name);
    for (const type of handlerFileNames(folder, readDir)) {
      if (types?.has(type)) {
        reportMistyped(join(folder, `${type}.ts`));
        continue;
      }
      const [kind, name] = types ? [`Channel '${entry.name}' message type`, type] : ['Channel', entry.name];
      report(join(folder, `${type}.ts`), kind, name, 'MessageHandlers', `${entry.name}${pascalCase(type)}Message`);
    }
  }
  return diagnostics;
}

/** How the warning names a handler reference that left the manifest. */
function staleName(reference: HandlerReference, channels: ReadonlyMap<string, ReadonlySet<string>>): { kind: string; name: string } {
  if ('action' in reference) return { kind: 'Action', name: reference.action };
  if (reference.type === undefined || !channels.has(reference.channel)) return { kind: 'Channel', name: reference.channel };
  return { kind: `Channel '${reference.channel}' message type`, name: reference.type };
}

function handlerFileNames(folder: string, readDir: ReadDirectory): string[] {
  const names: string[] = [];
  for (const entry of sortedEntries(readDir(folder))) {
    const match = HANDLER_FILE.exec(entry.name);
    if (match && !entry.directory) names.push(match[1]!);
  }
  return names;
}

function sortedEntries(entries: readonly DirectoryEntry[] | undefined): DirectoryEntry[] {
  return [...(entries ?? [])].sort((a, b) => compareNames(a.name, b.name));
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(resolve(folder), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith('/'));
}

/**
 * The exported name of the stub (the export a stub of that name would have,
 * else the first export), else the file start.
 */
export function exportLocation(file: string, text: string, exportName: string): SourceLocation {
  const expected = new RegExp(`^[ \\t]*export\\s+(?:const|let|var|async\\s+function|function)\\s+(${exportName})\\b`, 'm').exec(text);
  const any = expected ?? /^[ \t]*export\s+(?:const|let|var|async\s+function|function|class|default)\b\s*([A-Za-z_$][\w$]*)?/m.exec(text);
  if (!any) return { file, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  const name = any[1];
  const start = name ? any.index + any[0].length - name.length : any.index + any[0].length - any[0].trimStart().length;
  const end = name ? start + name.length : any.index + any[0].length;
  return { file, start: positionAt(text, start), end: positionAt(text, end) };
}
