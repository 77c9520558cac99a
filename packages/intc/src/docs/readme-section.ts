/**
 * The generated section of a readme: everything from a line
 * `<!-- intc:docs:start -->` to a line `<!-- intc:docs:end -->`. Only that
 * part is intc's; the author's text around it is kept byte for byte. A new
 * readme gets a title and the section; a readme without markers gets the
 * section appended. Markers inside fenced code blocks are text, not markers.
 */

export const DOCS_START = '<!-- intc:docs:start -->';
export const DOCS_END = '<!-- intc:docs:end -->';

export type SpliceResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: string };

/**
 * The readme with `body` (the generated reference, ending with a newline)
 * as its generated section. `existing` is the readme's text, undefined when
 * there is none yet; `title` heads a new one.
 */
export function spliceSection(existing: string | undefined, body: string, title: string): SpliceResult {
  if (existing === undefined) return { ok: true, text: `# ${title}\n\n${section(body, '\n')}\n` };
  const newline = existing.includes('\r\n') ? '\r\n' : '\n';
  const generated = section(body, newline);
  const markers = findMarkers(existing);
  if (markers.starts.length === 0 && markers.ends.length === 0) {
    const separator = existing === '' ? '' : existing.endsWith('\n') ? newline : `${newline}${newline}`;
    return { ok: true, text: `${existing}${separator}${generated}${newline}` };
  }
  const [start] = markers.starts;
  const [end] = markers.ends;
  if (markers.starts.length !== 1 || markers.ends.length !== 1 || start === undefined || end === undefined || end.start < start.start) {
    return {
      ok: false,
      problem: `it has ${markers.starts.length} '${DOCS_START}' and ${markers.ends.length} '${DOCS_END}' lines; keep exactly one of each, start first, around the generated section`,
    };
  }
  return { ok: true, text: `${existing.slice(0, start.start)}${generated}${existing.slice(end.end)}` };
}

/**
 * Prettier keeps to itself what lies between these (its Markdown range
 * ignore), so `prettier --write` over the readme leaves the section as
 * intc wrote it and `intc docs --check` still passes.
 */
const FORMATTER_OFF = '<!-- prettier-ignore-start -->';
const FORMATTER_ON = '<!-- prettier-ignore-end -->';

/** The markers and the generated text between them, with the file's line endings. */
function section(body: string, newline: string): string {
  return `${DOCS_START}\n${FORMATTER_OFF}\n${body}\n${FORMATTER_ON}\n${DOCS_END}`.replace(/\n/g, newline);
}

interface Marker {
  /** Offset of the marker line's first character. */
  readonly start: number;
  /** Offset just after the marker (before its line break). */
  readonly end: number;
}

function findMarkers(text: string): { starts: Marker[]; ends: Marker[] } {
  const starts: Marker[] = [];
  const ends: Marker[] = [];
  let fence: string | undefined;
  let offset = 0;
  for (const line of text.split('\n')) {
    const content = line.replace(/\r$/, '');
    const trimmed = content.trim();
    const opener = /^(`{3,}|~{3,})/.exec(trimmed)?.[1];
    if (fence !== undefined) {
      if (opener !== undefined && opener[0] === fence[0] && opener.length >= fence.length && trimmed === opener) fence = undefined;
    } else if (opener !== undefined) {
      fence = opener;
    } else if (trimmed === DOCS_START || trimmed === DOCS_END) {
      (trimmed === DOCS_START ? starts : ends).push({ start: offset, end: offset + content.length });
    }
    offset += line.length + 1;
  }
  return { starts, ends };
}
