/**
 * The record of the last successful run (`<generated>/.intc-state.json`) and
 * the check that lets a run where nothing changed skip all generation work.
 *
 * The record holds the hash of every input (manifests, the files they
 * reference), of every handler-stub file the stub planner read (or that it was
 * absent) and every folder it listed, of every generated file, the tool's
 * identity, the options that change the output, and the run's diagnostics (to
 * print them again). When all
 * of that still matches the disk, a new run would produce exactly what is
 * there. Everything is sorted, paths are relative to the generated folder,
 * and nothing in it depends on the clock, so the record itself is
 * byte-identical from run to run.
 *
 * This module is also the start of `bin/intc.cjs`'s fast path, which runs
 * before the big bundle is loaded: keep its imports to node built-ins and
 * tiny modules.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiagnosticCode, Severity } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { GeneratedFile } from '../emit/generated-file.js';
import type { ProjectLayout } from '../generate/project-layout.js';
import { fingerprintFile, fingerprintText } from './fingerprint.js';

export const STATE_FILE_NAME = '.intc-state.json';
const RECORD_FORMAT = 1;

/** [path relative to the generated folder (`/`-separated), hash]; hash null = the file did not exist. */
type HashEntry = [string, string | null];
type RecordedDiagnostic = [code: string, severity: string, message: string, file: string, line: number, column: number, endLine: number, endColumn: number, fix?: string];

export interface StateRecord {
  readonly format: number;
  readonly tool: string;
  readonly manifest: string;
  readonly src: string;
  readonly maxFileBytes: number | null;
  readonly inputs: readonly HashEntry[];
  readonly stubs: readonly HashEntry[];
  readonly folders: readonly HashEntry[];
  readonly outputs: readonly HashEntry[];
  /** Members with handler files and the fingerprints of their schemas (renames by schemas; absent in older records). */
  readonly members?: readonly HashEntry[];
  /** Handlers still at their TODO body after the run, as `intc generate` names them (absent in older records). */
  readonly todo?: readonly string[];
  readonly diagnostics: readonly RecordedDiagnostic[];
}

export interface RecordInput {
  readonly layout: ProjectLayout;
  readonly tool: string;
  readonly maxFileBytes: number | undefined;
  /** Every input file and the exact text generation used (undefined: unreadable, so the record never matches). */
  readonly inputs: ReadonlyMap<string, string | undefined>;
  /** Every stub file the planner read, with its content after this run (undefined: absent). */
  readonly stubs: ReadonlyMap<string, string | undefined>;
  /** Every folder the planner listed, with its listing after this run (`folderListing`; undefined: absent). */
  readonly folders: ReadonlyMap<string, string | undefined>;
  readonly outputs: readonly GeneratedFile[];
  /** Member key → fingerprint of its schemas (member-history.ts); none for a bot. */
  readonly members?: ReadonlyMap<string, string>;
  /** Handlers still at the TODO body; none for a bot. */
  readonly todo?: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The record's text: fixed key order, sorted entries, LF, no timestamps. */
export function serializeRecord(input: RecordInput): string {
  const from = input.layout.generatedDir;
  const hashed = (entries: Iterable<[string, string | undefined]>): HashEntry[] =>
    [...entries].map(([path, text]): HashEntry => [toRecordPath(from, path), text === undefined ? null : hashText(text)]).sort(byPath);
  const record: StateRecord = {
    format: RECORD_FORMAT,
    tool: input.tool,
    manifest: toRecordPath(from, input.layout.manifestPath),
    src: toRecordPath(from, input.layout.srcDir),
    maxFileBytes: input.maxFileBytes ?? null,
    inputs: hashed(input.inputs),
    stubs: hashed(input.stubs),
    folders: hashed(input.folders),
    outputs: input.outputs.map((file): HashEntry => [file.path, hashText(file.content)]).sort(byPath),
    members: [...(input.members ?? [])].sort(byPath),
    todo: input.todo ?? [],
    diagnostics: input.diagnostics.map((d): RecordedDiagnostic => {
      const { file, start, end } = d.location;
      const where = [toRecordPath(from, file), start.line, start.column, end.line, end.column] as const;
      return d.fix ? [d.code, d.severity, d.message, ...where, d.fix.message] : [d.code, d.severity, d.message, ...where];
    }),
  };
  const lines = Object.entries(record).map(([key, value]) =>
    Array.isArray(value)
      ? `  ${JSON.stringify(key)}: ${value.length === 0 ? '[]' : `[\n${value.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`}`
      : `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  );
  return `{\n${lines.join(',\n')}\n}\n`;
}

/** What a still-current record gives a run that skips generation. */
export interface CurrentRecord {
  readonly layout: ProjectLayout;
  readonly record: StateRecord;
  /** Input files (absolute paths). */
  readonly inputs: readonly string[];
  /** Generated files (absolute paths), all unchanged. */
  readonly outputs: readonly string[];
  /** The input files' text when there are diagnostics (for their code frames). */
  readonly sources: ReadonlyMap<string, string>;
  readonly diagnostics: readonly Diagnostic[];
  /** Handlers still at their TODO body. */
  readonly todo: readonly string[];
}

/**
 * The record of `layout`'s last run when everything it lists still matches
 * the disk and nothing else is in the generated folder; undefined on any
 * doubt (then the caller generates).
 */
export function currentRecord(layout: ProjectLayout, tool: string, maxFileBytes: number | undefined): CurrentRecord | undefined {
  const folder = layout.generatedDir;
  const record = readRecord(join(folder, STATE_FILE_NAME));
  if (!record || record.format !== RECORD_FORMAT || record.tool !== tool) return undefined;
  if (fromRecordPath(folder, record.manifest) !== layout.manifestPath || fromRecordPath(folder, record.src) !== layout.srcDir) return undefined;
  if (record.maxFileBytes !== (maxFileBytes ?? null)) return undefined;

  // Fingerprints straight from the files; text is read only for code frames, when there are diagnostics to print.
  const inputs: string[] = [];
  const sources = new Map<string, string>();
  for (const [path, hash] of record.inputs) {
    const absolute = fromRecordPath(folder, path);
    if (hash === null || fingerprintFile(absolute, true) !== hash) return undefined;
    inputs.push(absolute);
    if (record.diagnostics.length > 0) sources.set(absolute, withoutByteOrderMark(readText(absolute) ?? ''));
  }
  for (const [path, hash] of record.stubs) {
    if ((fingerprintFile(fromRecordPath(folder, path)) ?? null) !== hash) return undefined;
  }
  for (const [path, hash] of record.folders) {
    const listing = folderListing(fromRecordPath(folder, path));
    if ((listing === undefined ? null : hashText(listing)) !== hash) return undefined;
  }
  const outputs: string[] = [];
  for (const [path, hash] of record.outputs) {
    const absolute = join(folder, path);
    if (hash === null || fingerprintFile(absolute) !== hash) return undefined;
    outputs.push(absolute);
  }
  if (!onlyListedFiles(folder, record.outputs.map(([path]) => path))) return undefined;
  const todo = Array.isArray(record.todo) ? record.todo.filter((name) => typeof name === 'string') : [];
  return { layout, record, inputs, outputs, sources, diagnostics: record.diagnostics.map((d) => toDiagnostic(folder, d)), todo };
}

/** The tool's identity: version plus a stamp of the build, so a rebuilt intc never trusts an old record. */
export function toolIdentity(): string {
  if (cachedToolIdentity === undefined) {
    const file = moduleFile();
    const { version } = JSON.parse(readFileSync(resolve(dirname(file), '..', '..', 'package.json'), 'utf8')) as { version: string };
    const stats = statSync(file);
    cachedToolIdentity = `${version}+${stats.size}.${Math.trunc(stats.mtimeMs)}`;
  }
  return cachedToolIdentity;
}
let cachedToolIdentity: string | undefined;

/** This module's file (in the CLI bundles: dist/cli/main.js); URL parsing only when the URL needs it (it costs the fast path ~0.5 ms). */
function moduleFile(): string {
  const url = import.meta.url;
  return process.platform !== 'win32' && url.startsWith('file:///') && !url.includes('%') ? url.slice('file://'.length) : fileURLToPath(url);
}

/** The fingerprint the record keeps of a text (of its UTF-8 bytes). */
export function hashText(text: string): string {
  return fingerprintText(text);
}


/** One entry of a folder listing, as the stub planner reads folders. */
export interface DirectoryEntry {
  readonly name: string;
  readonly directory: boolean;
}

/** A folder's entries, or undefined when it cannot be listed. */
export function readDirectoryEntries(path: string): DirectoryEntry[] | undefined {
  try {
    return readdirSync(path, { withFileTypes: true }).map((entry) => ({ name: entry.name, directory: entry.isDirectory() }));
  } catch {
    return undefined;
  }
}

/**
 * A folder's listing as text (see `folderEntries`), independent of the order
 * the file system returns entries in.
 */
export function folderListing(path: string): string | undefined {
  return folderEntries(path)
    ?.map((entry) => (entry.directory ? `${entry.name}/` : entry.name))
    .sort()
    .join('\n');
}

/**
 * A folder's entries as the stub planner sees them: empty subfolders left
 * out. They hold no handler, and a run killed between deleting a moved
 * handler's last file and its folder leaves one that the next run should not
 * tell from no folder (its record would differ from an uninterrupted run's).
 */
export function folderEntries(path: string): DirectoryEntry[] | undefined {
  return readDirectoryEntries(path)?.filter((entry) => !entry.directory || !isEmptyFolder(join(path, entry.name)));
}

function isEmptyFolder(path: string): boolean {
  try {
    return readdirSync(path).length === 0;
  } catch {
    return false;
  }
}

function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The file's text, or undefined when it cannot be read as a file. */
export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The generated files the previous run's record lists, with their hashes (empty when there is no record). */
export function previousOutputHashes(generatedDir: string): Map<string, string> {
  const record = readRecord(join(generatedDir, STATE_FILE_NAME));
  const hashes = new Map<string, string>();
  for (const [path, hash] of record?.outputs ?? []) if (typeof path === 'string' && typeof hash === 'string') hashes.set(path, hash);
  return hashes;
}

/** The members the last run's record keeps (member-history.ts); undefined without a record that has them. */
export function recordedMembers(generatedDir: string): Map<string, string> | undefined {
  const members = readRecord(join(generatedDir, STATE_FILE_NAME))?.members;
  if (!Array.isArray(members)) return undefined;
  return new Map(members.filter((entry): entry is [string, string] => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string'));
}

function readRecord(path: string): StateRecord | undefined {
  const text = readText(path);
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as StateRecord;
    const lists = [value.inputs, value.stubs, value.folders, value.outputs, value.diagnostics];
    return typeof value === 'object' && value !== null && lists.every(Array.isArray) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The generated folder holds the listed files, their folders and the record, nothing else. */
function onlyListedFiles(folder: string, listed: readonly string[]): boolean {
  const files = new Set<string>([STATE_FILE_NAME, ...listed]);
  const folders = new Set<string>();
  for (const path of listed) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  // Folder by folder (Node's recursive listing costs more to start), entering only folders the outputs need.
  const fits = (dir: string, prefix: string): boolean => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return false;
    }
    return names.every((name) => files.has(prefix + name) || (folders.has(prefix + name) && fits(join(dir, name), `${prefix}${name}/`)));
  };
  return fits(folder, '');
}

function toDiagnostic(folder: string, [code, severity, message, file, line, column, endLine, endColumn, fix]: RecordedDiagnostic): Diagnostic {
  return {
    code: code as DiagnosticCode,
    severity: severity as Severity,
    message,
    location: { file: fromRecordPath(folder, file), start: { line, column }, end: { line: endLine, column: endColumn } },
    // The fix's sentence is kept for the report; its edit is for `validate --fix`, which never reads records.
    ...(typeof fix === 'string' ? { fix: { message: fix } } : {}),
  };
}

function toRecordPath(from: string, path: string): string {
  const rel = relative(from, path);
  return isAbsolute(rel) ? path : rel.split(sep).join('/');
}

function fromRecordPath(from: string, path: string): string {
  return isAbsolute(path) ? path : resolve(from, path);
}

function byPath(a: HashEntry, b: HashEntry): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
