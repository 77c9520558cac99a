import type { TextEdit } from '../diagnostics/diagnostic.js';

export interface AppliedEdits {
  readonly text: string;
  /** The edits applied, in order. */
  readonly applied: readonly TextEdit[];
  /** Edits that overlapped one applied before them: left for the next pass, which re-checks the new text. */
  readonly deferred: readonly TextEdit[];
}

/**
 * Applies the edits of one file that do not overlap (ESLint's rule: sorted by
 * range, an edit touching one already taken waits for the next pass), each
 * at most once.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): AppliedEdits {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const applied: TextEdit[] = [];
  const deferred: TextEdit[] = [];
  const seen = new Set<string>();
  let last: TextEdit | undefined;
  for (const edit of sorted) {
    const key = `${edit.start}:${edit.end}:${edit.replacement}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (last && (edit.start < last.end || (edit.start === last.start && edit.start === edit.end))) {
      deferred.push(edit);
      continue;
    }
    applied.push(edit);
    last = edit;
  }
  let result = '';
  let cursor = 0;
  for (const edit of applied) {
    result += text.slice(cursor, edit.start) + edit.replacement;
    cursor = edit.end;
  }
  return { text: result + text.slice(cursor), applied, deferred };
}
