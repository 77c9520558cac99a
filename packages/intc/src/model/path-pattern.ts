import type { PathSegment } from '../load/source-file.js';
import { entriesOf, propertyOf } from './values.js';

/** A path through a manifest where `*` stands for every key of the object at that point. */
export type PathPattern = readonly string[];

/** Calls `found` with the path and value of every place in `value` that matches `pattern`. */
export function matchPathPattern(
  value: unknown,
  pattern: PathPattern,
  found: (path: PathSegment[], node: unknown) => void,
  path: PathSegment[] = [],
): void {
  if (value === undefined) return;
  if (pattern.length === 0) {
    found(path, value);
    return;
  }
  const [head, ...rest] = pattern as [string, ...string[]];
  if (head === '*') {
    for (const [key, child] of entriesOf(value)) matchPathPattern(child, rest, found, [...path, key]);
  } else {
    matchPathPattern(propertyOf(value, head), rest, found, [...path, head]);
  }
}

/** True when `path` starts with `prefix` (a path equals itself). */
export function isPathPrefix(prefix: readonly PathSegment[], path: readonly PathSegment[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));
}
