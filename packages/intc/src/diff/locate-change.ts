/**
 * Where a change shows in the files: its path through a side's resolved
 * definition mapped back to the file the value was written in. A member an
 * interface brought in is written in the interface manifest (under its
 * interface name), unless the integration declares the same place itself
 * (its own member wins a merge) or its `interfaces:` entry overrides it (a
 * title, a tag); what none of them holds is shown at the `interfaces:` entry.
 */
import type { SourceLocation } from '../diagnostics/diagnostic.js';
import type { LoadedManifest } from '../load/load-manifest.js';
import { locate, type PathSegment, type ValuePath } from '../load/source-file.js';
import { INTERFACE_SECTIONS, type InterfaceSection } from '../model/interface-extension.js';
import { isPlainObject } from '../model/values.js';
import type { ChangeSite } from './change.js';
import type { DiffSide } from './load-side.js';

/** A place in one file, and which. */
interface Candidate {
  readonly manifest: LoadedManifest;
  readonly path: ValuePath;
  /** An `interfaces:` entry's override: it counts only where it holds the whole path. */
  readonly override?: boolean;
}

export function locateSite(side: DiffSide, site: ChangeSite): SourceLocation {
  const candidates = candidatesFor(side, site.path);
  const full = candidates.find((candidate) => existingDepth(candidate.manifest.value, candidate.path) === candidate.path.length);
  if (full) return locate(full.manifest.file, full.path, site.part);
  // Nowhere written in full (a removed keyword, a place only the merge made): the deepest existing place, by its key.
  let best: Candidate | undefined;
  let bestDepth = -1;
  for (const candidate of candidates.filter((c) => !c.override)) {
    const depth = existingDepth(candidate.manifest.value, candidate.path);
    if (depth > bestDepth) [best, bestDepth] = [{ ...candidate, path: candidate.path.slice(0, depth) }, depth];
  }
  const fallback = interfaceEntryFor(side, site.path);
  if (fallback && bestDepth < 2) return locate(side.manifest.file, fallback, 'key');
  return locate(best!.manifest.file, best!.path, 'key');
}

/** The places a resolved path may have been written, in precedence order: entry overrides, own, interfaces. */
function candidatesFor(side: DiffSide, path: ValuePath): Candidate[] {
  const own: Candidate = { manifest: side.manifest, path };
  const [section, name, ...rest] = path;
  if (!isInterfaceSection(section) || typeof name !== 'string') return [own];
  const overrides: Candidate[] = [];
  const fromInterfaces: Candidate[] = [];
  for (const extension of side.model.interfaces) {
    const rename = extension.renames[section].find((candidate) => candidate.name === name);
    const iface = side.interfaces.get(extension.alias);
    if (!rename) continue;
    overrides.push({ manifest: side.manifest, path: ['interfaces', extension.alias, section, rename.interfaceName, ...rest], override: true });
    if (iface) fromInterfaces.push({ manifest: iface, path: [section, rename.interfaceName, ...rest] });
  }
  // An entry's override holds metadata and tags only, never the member itself.
  return [...(rest.length > 0 ? overrides : []), own, ...fromInterfaces];
}

/** `interfaces.<alias>` of the first entry that brought the member in, for places no file holds. */
function interfaceEntryFor(side: DiffSide, path: ValuePath): ValuePath | undefined {
  const [section, name] = path;
  if (!isInterfaceSection(section)) return undefined;
  const extension = side.model.interfaces.find((candidate) => candidate.renames[section].some((rename) => rename.name === name));
  return extension && ['interfaces', extension.alias];
}

function isInterfaceSection(segment: PathSegment | undefined): segment is InterfaceSection {
  return (INTERFACE_SECTIONS as readonly unknown[]).includes(segment);
}

/** How many leading segments of `path` exist in `value`. */
function existingDepth(value: unknown, path: ValuePath): number {
  let current = value;
  for (const [index, segment] of path.entries()) {
    if (Array.isArray(current) && typeof segment === 'number' && segment < current.length) current = current[segment];
    else if (isPlainObject(current) && Object.hasOwn(current, String(segment))) current = current[String(segment)];
    else return index;
  }
  return path.length;
}
