import { isAbsolute, relative, resolve } from 'node:path';
import type { Diagnostic } from './diagnostic.js';
import { displayPath } from './format-text.js';

/**
 * `--format github`: GitHub Actions workflow commands, which GitHub shows as
 * annotations on the file and line of a pull request. One place for the
 * escaping GitHub's toolkit applies, shared by every command that prints
 * them (validate, generate, status, diff).
 */
export type AnnotationLevel = 'error' | 'warning' | 'notice';

/** Where an annotation goes and its title; properties left undefined are not written. */
export interface AnnotationProperties {
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly title?: string;
}

export interface GithubFormatOptions {
  /** Paths are relative to this folder… */
  readonly cwd: string;
  /** …or, when set and the file is inside it, to the repository's root (GITHUB_WORKSPACE), which GitHub expects. */
  readonly workspace?: string | undefined;
}

/** `::error file=…,line=…,col=…,title=…::message`, each part escaped. */
export function workflowCommand(level: AnnotationLevel, properties: AnnotationProperties, message: string): string {
  const written = Object.entries(properties)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
  return `::${level}${written.length > 0 ? ` ${written.join(',')}` : ''}::${escapeData(message)}`;
}

/**
 * One workflow command per diagnostic
 * (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=intc <code>::<message>`),
 * the fix on a second line of the message (`help: …`), as the text format shows it.
 */
export function formatDiagnosticGithub(diagnostic: Diagnostic, options: GithubFormatOptions): string {
  const { file, start, end } = diagnostic.location;
  return workflowCommand(
    diagnostic.severity,
    { file: annotationPath(file, options), line: start.line, col: start.column, endLine: end.line, endColumn: end.column, title: annotationTitle(diagnostic) },
    annotationMessage(diagnostic),
  );
}

/** `intc <code>`: the title of a diagnostic's annotation. */
export function annotationTitle(diagnostic: Diagnostic): string {
  return `intc ${diagnostic.code}`;
}

/** The message, then the fix on a `help:` line, as the text format shows it. */
export function annotationMessage(diagnostic: Diagnostic): string {
  return diagnostic.fix ? `${diagnostic.message}\nhelp: ${diagnostic.fix.message}` : diagnostic.message;
}

/** A file as an annotation names it: relative to the workspace when it is inside it, else as shown elsewhere. */
export function annotationPath(file: string, options: GithubFormatOptions): string {
  const absolute = resolve(options.cwd, file);
  if (options.workspace) {
    const inWorkspace = relative(resolve(options.workspace), absolute);
    if (inWorkspace !== '' && !inWorkspace.startsWith('..') && !isAbsolute(inWorkspace)) return inWorkspace.split('\\').join('/');
  }
  return displayPath(absolute, options.cwd);
}

/** A command's message: `%`, CR and LF escaped, as GitHub's toolkit does. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: also `:` and `,`, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
