/**
 * The version bump a set of changes requires, by semver: breaking → major,
 * feature → minor, patch → patch. Below 1.0.0 the convention of semver §4
 * as Cargo and npm's caret ranges apply it: in 0.y.z the minor number is
 * the breaking one (breaking → 0.(y+1).0, feature or patch → 0.y.(z+1)),
 * and in 0.0.z every change is breaking, so anything → 0.0.(z+1).
 */
import { severityRank, type ChangeSeverity } from './change-codes.js';

export type Bump = 'major' | 'minor' | 'patch' | 'none';

export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** The pre-release part (`beta.1`), or '' for a release. */
  readonly prerelease: string;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseVersion(text: string): Version | undefined {
  const match = SEMVER.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), prerelease: match[4] ?? '' };
}

export function formatVersion(version: Version): string {
  return `${version.major}.${version.minor}.${version.patch}${version.prerelease ? `-${version.prerelease}` : ''}`;
}

/** The most severe change decides; no change needs no bump. */
export function severityOfAll(severities: readonly ChangeSeverity[]): ChangeSeverity | undefined {
  return severities.reduce<ChangeSeverity | undefined>((worst, s) => (worst === undefined || severityRank(s) > severityRank(worst) ? s : worst), undefined);
}

/** The bump `severity` requires from `from`, with the 0.x rules above. */
export function requiredBump(severity: ChangeSeverity | undefined, from: Version): Bump {
  if (severity === undefined) return 'none';
  if (from.major === 0 && from.minor === 0) return 'patch';
  if (from.major === 0) return severity === 'breaking' ? 'minor' : 'patch';
  return severity === 'breaking' ? 'major' : severity === 'feature' ? 'minor' : 'patch';
}

/**
 * The lowest version that makes `bump` from `from`. A pre-release is
 * followed by its own release when that is already such a bump
 * (2.0.0-rc.1 + major → 2.0.0), as `npm version` does.
 */
export function nextVersion(from: Version, bump: Bump): Version {
  const release = { major: from.major, minor: from.minor, patch: from.patch, prerelease: '' };
  const pre = from.prerelease !== '';
  switch (bump) {
    case 'none':
      return from;
    case 'major':
      return pre && from.minor === 0 && from.patch === 0 ? release : { ...release, major: from.major + 1, minor: 0, patch: 0 };
    case 'minor':
      return pre && from.patch === 0 ? release : { ...release, minor: from.minor + 1, patch: 0 };
    case 'patch':
      return pre ? release : { ...release, patch: from.patch + 1 };
  }
}

/** Semver precedence: negative when a < b. */
export function compareVersions(a: Version, b: Version): number {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (core !== 0) return core;
  if (a.prerelease === b.prerelease) return 0;
  if (a.prerelease === '') return 1;
  if (b.prerelease === '') return -1;
  return comparePrerelease(a.prerelease.split('.'), b.prerelease.split('.'));
}

function comparePrerelease(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i]!, b[i]!];
    if (x === y) continue;
    const [xNumeric, yNumeric] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (xNumeric && yNumeric) return Number(x) - Number(y);
    if (xNumeric !== yNumeric) return xNumeric ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
