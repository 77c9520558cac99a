import type { PathSegment } from '../load/source-file.js';

/** `/actions/send~1x/0` → ['actions', 'send/x', '0'] (Ajv instance paths and `$ref` fragments). */
export function decodePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '#' || pointer === '/' || pointer === '#/') return [];
  const body = pointer.startsWith('#') ? safeDecodeUri(pointer.slice(1)) : pointer;
  return body
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Turns numeric segments into indices where the value at that point is an array. */
export function toValuePath(root: unknown, segments: readonly string[]): PathSegment[] {
  const path: PathSegment[] = [];
  let current = root;
  for (const segment of segments) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) {
      path.push(Number(segment));
      current = current[Number(segment)];
    } else {
      path.push(segment);
      current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

/** The value at `path`, following own properties only (`toString` is not in a manifest). */
export function valueAtPath(root: unknown, path: readonly PathSegment[]): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment as string];
  }
  return current;
}

/** Percent-decoding that leaves malformed input as it is. */
export function safeDecodeUri(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The prefix of a `$ref` to one of the manifest's entities (`#/entities/<name>`). */
export const ENTITY_REF_PREFIX = '#/entities/';

export function isEntityRef(ref: string): boolean {
  return ref.startsWith(ENTITY_REF_PREFIX);
}

/** A `$ref` to a place inside the same embedded schema (`#/definitions/x`). */
export function isLocalRef(ref: string): boolean {
  return ref.startsWith('#') && !isEntityRef(ref);
}
