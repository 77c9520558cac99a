import type { Diagnostic, TextEdit } from '../diagnostics/diagnostic.js';
import { validate, type ValidateOptions, type ValidateResult } from '../pipeline.js';
import { applyEdits } from './apply-edits.js';

/** Passes of edit-and-recheck before giving up on reaching a stable text (ESLint uses 10). */
export const MAX_FIX_PASSES = 10;

export interface FixedFile {
  readonly path: string;
  /** The text as read. */
  readonly before: string;
  /** The text with every applied fix. */
  readonly after: string;
}

export interface FixResult extends ValidateResult {
  /** The files whose text changed, in path order (nothing is written: the caller decides). */
  readonly changes: readonly FixedFile[];
  /** How many edits were applied over all passes. */
  readonly applied: number;
}

/**
 * `intc validate --fix` without the disk: validate, apply every mechanical
 * fix that does not overlap another, validate the new texts, and again until
 * nothing is left to apply (at most MAX_FIX_PASSES passes, and never back to a
 * text already seen). The result is the last validation, of the fixed texts.
 */
export function fixManifests(paths: readonly string[], options: ValidateOptions = {}): FixResult {
  const overrides = new Map<string, string>(options.sourceOverrides ?? []);
  const originals = new Map<string, string>();
  const seen = new Map<string, Set<string>>();
  let applied = 0;
  let result = validate(paths, { ...options, sourceOverrides: overrides });
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    let changed = false;
    for (const [file, edits] of editsByFile(result.diagnostics)) {
      const text = result.sources.get(file);
      if (text === undefined) continue;
      const next = applyEdits(text, edits);
      const history = seen.get(file) ?? new Set([text]);
      if (next.text === text || history.has(next.text)) continue;
      history.add(next.text);
      seen.set(file, history);
      if (!originals.has(file)) originals.set(file, text);
      overrides.set(file, next.text);
      applied += next.applied.length;
      changed = true;
    }
    if (!changed) break;
    result = validate(paths, { ...options, sourceOverrides: overrides });
  }
  const changes = [...originals]
    .map(([path, before]) => ({ path, before, after: overrides.get(path)! }))
    .filter((change) => change.before !== change.after)
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  return { ...result, changes, applied };
}

function editsByFile(diagnostics: readonly Diagnostic[]): Map<string, TextEdit[]> {
  const byFile = new Map<string, TextEdit[]>();
  for (const diagnostic of diagnostics) {
    const edit = diagnostic.fix?.edit;
    if (!edit) continue;
    const list = byFile.get(edit.file) ?? [];
    list.push(edit);
    byFile.set(edit.file, list);
  }
  return byFile;
}
