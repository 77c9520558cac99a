/**
 * The three ways `intc diff` prints a report: text for people, JSON for
 * tools, and GitHub Actions workflow commands (annotations on the pull
 * request: breaking → error, feature → warning, patch → notice).
 */
import type { ChangeSeverity } from './change-codes.js';
import type { DiffReport, LocatedChange } from './diff-sides.js';

export type ReportFormat = 'text' | 'json' | 'github';

/** `major: 1.4.2 → 2.0.0`, or `none: 1.4.2 stays` when nothing changed. */
export function describeBump(report: DiffReport): string {
  return report.bump === 'none' ? `none: ${report.oldVersion} stays` : `${report.bump}: ${report.oldVersion} → ${report.nextVersion}`;
}

export function formatReport(report: DiffReport, format: ReportFormat, color = false): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'github':
      return formatGithub(report);
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

const GITHUB_COMMAND: Record<ChangeSeverity, string> = { breaking: 'error', feature: 'warning', patch: 'notice' };

/**
 * One workflow command per change. A removal shown in a file read from git
 * is annotated at the closest place still there in the new file (when that
 * one is checked out), its old place written in the message; any other
 * place in a git revision goes into the message, without file and line.
 */
function formatGithub(report: DiffReport): string {
  const lines = report.changes.map((c) => {
    const title = `${c.severity} ${c.code}`;
    // A removal shown in a git revision is annotated where it was, in the checked-out new file.
    if (c.fromGit && c.near && !c.near.fromGit) return workflowCommand(GITHUB_COMMAND[c.severity], title, { ...c.near, message: `${c.message} (${c.file}:${c.line}:${c.column})` });
    return workflowCommand(GITHUB_COMMAND[c.severity], title, c);
  });
  lines.push(`::notice title=${property('intc diff')}::${data(`Required bump: ${describeBump(report)}`)}`);
  if (report.versionProblem) lines.push(workflowCommand('error', 'version-too-low', report.versionProblem));
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
export function workflowCommand(command: string, title: string, placed: Placed): string {
  if (placed.fromGit) return `::${command} title=${property(title)}::${data(`${placed.message} (${placed.file}:${placed.line}:${placed.column})`)}`;
  return `::${command} file=${property(placed.file)},line=${placed.line},col=${placed.column},title=${property(title)}::${data(placed.message)}`;
}

function withoutGitFlag({ fromGit: _fromGit, ...rest }: Placed): Omit<Placed, 'fromGit'> {
  return rest;
}

/** A workflow command's message: `%`, CR and LF escaped. */
export function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: also `:` and `,`. */
function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
