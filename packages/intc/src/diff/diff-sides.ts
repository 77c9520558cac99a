/**
 * `intc diff` as data: compare two loaded sides, place every change in its
 * file, and work out the version bump it requires. Prints nothing.
 */
import { locate } from '../load/source-file.js';
import type { ChangeCode, ChangeSeverity } from './change-codes.js';
import type { ChangeSite } from './change.js';
import { compareDefinitions } from './compare-definitions.js';
import type { DiffSide } from './load-side.js';
import { locateSite } from './locate-change.js';
import { compareVersions, formatVersion, nextVersion, parseVersion, requiredBump, severityOfAll, type Bump } from './semver-bump.js';

export interface LocatedChange {
  readonly code: ChangeCode;
  readonly severity: ChangeSeverity;
  readonly message: string;
  /** As shown: relative to the current folder, or `<ref>:<path>` for a side read from git. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** True when the file is a git revision's, not one in the work tree. */
  readonly fromGit: boolean;
  /** For a removal: the closest place that is still there in the new file (where a pull request can show it). */
  readonly near?: Place;
}

export interface Place {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly fromGit: boolean;
}

export interface DiffReport {
  readonly bump: Bump;
  readonly oldVersion: string;
  readonly newVersion: string;
  /** The lowest version the new manifest may have: the old one with the bump applied. */
  readonly nextVersion: string;
  /** Sorted by file, position and code. */
  readonly changes: readonly LocatedChange[];
  /** --check-version: why the new version is too low, at the new manifest's `version:`. */
  readonly versionProblem?: VersionProblem;
}

export interface VersionProblem {
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly fromGit: boolean;
}

export function diffSides(before: DiffSide, after: DiffSide): DiffReport {
  const seen = new Set<string>();
  const changes: LocatedChange[] = [];
  for (const change of compareDefinitions(before.model, after.model)) {
    const side = change.site.side === 'old' ? before : after;
    const place = placeOf(side, change.site);
    const located: LocatedChange = {
      code: change.code,
      severity: change.severity,
      message: change.message,
      ...place,
      ...(change.site.side === 'old' ? { near: placeOf(after, { ...change.site, side: 'new', part: 'key' }) } : {}),
    };
    const key = JSON.stringify([located.code, located.message, located.file, located.line, located.column]);
    if (seen.has(key)) continue;
    seen.add(key);
    changes.push(located);
  }
  changes.sort(byPlace);
  const from = parseVersion(before.model.version) ?? { major: 0, minor: 0, patch: 0, prerelease: '' };
  const bump = requiredBump(severityOfAll(changes.map((c) => c.severity)), from);
  return { bump, oldVersion: before.model.version, newVersion: after.model.version, nextVersion: formatVersion(nextVersion(from, bump)), changes };
}

/**
 * Why the new manifest's version is too low for the changes (located at its
 * `version:`), or undefined when it is high enough: at least the old version
 * with the bump applied.
 */
export function checkVersion(report: DiffReport, after: DiffSide): VersionProblem | undefined {
  const required = parseVersion(report.nextVersion);
  const actual = parseVersion(report.newVersion);
  if (!required || !actual || compareVersions(actual, required) >= 0) return undefined;
  const why = report.bump === 'none' ? 'it is lower than the old version' : `the changes need a ${report.bump} bump from ${report.oldVersion}`;
  const at = locate(after.manifest.file, ['version']);
  return {
    message: `Version ${report.newVersion} is too low: ${why}. Write \`version: ${report.nextVersion}\` (or higher).`,
    file: after.display(at.file),
    line: at.start.line,
    column: at.start.column,
    fromGit: after.fromGit,
  };
}

function placeOf(side: DiffSide, site: ChangeSite): Place {
  const location = locateSite(side, site);
  return { file: side.display(location.file), line: location.start.line, column: location.start.column, fromGit: side.fromGit };
}

function byPlace(a: LocatedChange, b: LocatedChange): number {
  return compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.code, b.code) || compare(a.message, b.message);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
