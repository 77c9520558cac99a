/**
 * The three ways `intc diff` prints a report: text for people, JSON for
 * tools, and GitHub Actions workflow commands (annotations on the pull
 * request: breaking → error, feature → warning, patch → notice).
 */
import { annotationPath, workflowCommand as annotation, type AnnotationLevel, type GithubFormatOptions } from '../diagnostics/format-github.js';
import type { ChangeSeverity } from './change-codes.js';
import type { DiffReport, LocatedChange } from './diff-sides.js';

export type ReportFormat = 'text' | 'json' | 'github';

/** `major: 1.4.2 → 2.0.0`, or `none: 1.4.2 stays` when nothing changed. */
export function describeBump(report: DiffReport): string {
  return report.bump === 'none' ? `none: ${report.oldVersion} stays` : `${report.bump}: ${report.oldVersion} → ${report.nextVersion}`;
}

/** `github`: where annotation paths start (the current folder, or GITHUB_WORKSPACE); default: the current folder. */
export function formatReport(report: DiffReport, format: ReportFormat, color = false, github: GithubFormatOptions = { cwd: process.cwd() }): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'github':
      return formatGithub(report, github);
    case 'text':
      return formatText(report, color);
  }
}

/** `file:line:col - breaking CODE: message` per change, then a count and the bump. */
function formatText(report: DiffReport, color: boolean): string {
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const severityColor: Record<ChangeSeverity, number> = { breaking: 31, feature: 33, patch: 36 };
  const lines = report.changes.map(
    (c) => `${paint(36, c.file)}:${paint(33, `${c.line}:${c.column}`)} - ${paint(severityColor[c.severity], c.severity)} ${paint(90, c.code)}: ${c.message}`,
  );
  const counts = (['breaking', 'feature', 'patch'] as const).map((severity) => `${report.changes.filter((c) => c.severity === severity).length} ${severity}`);
  const total = report.changes.length;
  const summary = total === 0 ? 'No changes.' : `${total} change${total === 1 ? '' : 's'}: ${counts.join(', ')}.`;
  const problem = report.versionProblem;
  const check = problem ? `\n${paint(36, problem.file)}:${paint(33, `${problem.line}:${problem.column}`)} - ${paint(31, 'error')} ${paint(90, 'version-too-low')}: ${problem.message}\n` : '';
  return `${lines.length > 0 ? `${lines.join('\n')}\n\n` : ''}${summary}\nRequired bump: ${describeBump(report)}\n${check}`;
}

function formatJson(report: DiffReport): string {
  const json = {
    bump: report.bump,
    oldVersion: report.oldVersion,
    newVersion: report.newVersion,
    nextVersion: report.nextVersion,
    changes: report.changes.map((c) => ({ code: c.code, severity: c.severity, message: c.message, file: c.file, line: c.line, column: c.column })),
    ...(report.versionProblem ? { versionProblem: withoutGitFlag(report.versionProblem) } : {}),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

const GITHUB_COMMAND: Record<ChangeSeverity, AnnotationLevel> = { breaking: 'error', feature: 'warning', patch: 'notice' };

/**
 * One workflow command per change. A removal shown in a file read from git
 * is annotated at the closest place still there in the new file (when that
 * one is checked out), its old place written in the message; any other
 * place in a git revision goes into the message, without file and line.
 */
function formatGithub(report: DiffReport, options: GithubFormatOptions): string {
  const lines = report.changes.map((c) => {
    const title = `${c.severity} ${c.code}`;
    // A removal shown in a git revision is annotated where it was, in the checked-out new file.
    if (c.fromGit && c.near && !c.near.fromGit) return workflowCommand(GITHUB_COMMAND[c.severity], title, { ...c.near, message: `${c.message} (${c.file}:${c.line}:${c.column})` }, options);
    return workflowCommand(GITHUB_COMMAND[c.severity], title, c, options);
  });
  lines.push(annotation('notice', { title: 'intc diff' }, `Required bump: ${describeBump(report)}`));
  if (report.versionProblem) lines.push(workflowCommand('error', 'version-too-low', report.versionProblem, options));
  return `${lines.join('\n')}\n`;
}

interface Placed {
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly fromGit: boolean;
}

/** `::error file=…,line=…,col=…,title=…::message`; a place in a git revision goes into the message instead. */
export function workflowCommand(level: AnnotationLevel, title: string, placed: Placed, options: GithubFormatOptions): string {
  if (placed.fromGit) return annotation(level, { title }, `${placed.message} (${placed.file}:${placed.line}:${placed.column})`);
  return annotation(level, { file: annotationPath(placed.file, options), line: placed.line, col: placed.column, title }, placed.message);
}

function withoutGitFlag({ fromGit: _fromGit, ...rest }: Placed): Omit<Placed, 'fromGit'> {
  return rest;
}
