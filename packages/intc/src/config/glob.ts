/**
 * The config's manifest globs: `*` and `?` within one path segment, `**` for
 * any number of folders. Wildcards never match a name starting with `.`
 * (unless the pattern's segment does) and `**` never enters node_modules.
 * Results are absolute, sorted, without duplicates. Node built-ins only.
 */
import { readdirSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';

export function hasGlobCharacters(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/** The files and folders below `base` that `pattern` (relative to it, `/`-separated) matches. */
export function expandGlob(base: string, pattern: string): string[] {
  const segments = pattern.split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.');
  const found = new Set<string>();
  const start = pattern.startsWith('/') ? '/' : base;
  walk(resolve(start), segments, found);
  return [...found].sort();
}

function walk(folder: string, segments: readonly string[], found: Set<string>): void {
  if (segments.length === 0) {
    found.add(folder);
    return;
  }
  const [segment, ...rest] = segments as [string, ...string[]];
  if (segment === '**') {
    walk(folder, rest, found);
    for (const entry of entries(folder)) {
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') walk(join(folder, entry.name), segments, found);
    }
    return;
  }
  if (!hasGlobCharacters(segment)) {
    const path = join(folder, segment);
    if (rest.length === 0 ? entries(folder).some((entry) => entry.name === segment) : true) walk(path, rest, found);
    return;
  }
  const matcher = segmentMatcher(segment);
  for (const entry of entries(folder)) {
    if (!matcher.test(entry.name) || (entry.name.startsWith('.') && !segment.startsWith('.'))) continue;
    if (rest.length === 0 || entry.isDirectory() || entry.isSymbolicLink()) walk(join(folder, entry.name), rest, found);
  }
}

function segmentMatcher(segment: string): RegExp {
  const source = [...segment].map((char) => (char === '*' ? '[^/]*' : char === '?' ? '[^/]' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`);
}

function entries(folder: string): Dirent[] {
  try {
    return readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
}
