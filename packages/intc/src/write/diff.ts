/**
 * A small unified diff (`diff -u` style) for `intc generate --check`:
 * common lines at both ends are set aside, the middle is diffed with
 * Myers' O(ND) algorithm, and a middle that differs in too many places is
 * shown as removed-then-added rather than searched for longer.
 */

export interface DiffOptions {
  readonly oldLabel: string;
  readonly newLabel: string;
  /** Unchanged lines shown around each change (default 3). */
  readonly context?: number;
  /** Diff lines shown before the rest is summarized (default 400). */
  readonly maxLines?: number;
}

/** Past this many edits the middle is shown as one block. */
const MAX_EDIT_DISTANCE = 1000;
/** Marks a last line that has no newline, so `a` and `a⏎` differ. */
const NO_EOL = '\u0000';

type Op = { readonly kind: ' ' | '-' | '+'; readonly text: string };

/** The unified diff from `oldText` to `newText`, or '' when they are equal. */
export function unifiedDiff(oldText: string, newText: string, options: DiffOptions): string {
  if (oldText === newText) return '';
  const ops = diffLines(splitLines(oldText), splitLines(newText));
  const body = formatHunks(ops, options.context ?? 3);
  const maxLines = options.maxLines ?? 400;
  const shown = body.length > maxLines ? [...body.slice(0, maxLines), `... (${body.length - maxLines} more diff lines not shown)`] : body;
  return `--- ${options.oldLabel}\n+++ ${options.newLabel}\n${shown.join('\n')}\n`;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += NO_EOL;
  return lines;
}

function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const oldMiddle = a.slice(prefix, a.length - suffix);
  const newMiddle = b.slice(prefix, b.length - suffix);
  const middle = myers(oldMiddle, newMiddle) ?? [
    ...oldMiddle.map((text): Op => ({ kind: '-', text })),
    ...newMiddle.map((text): Op => ({ kind: '+', text })),
  ];
  const same = (text: string): Op => ({ kind: ' ', text });
  return [...a.slice(0, prefix).map(same), ...middle, ...a.slice(a.length - suffix).map(same)];
}

/** The shortest edit script from a to b, or undefined when it needs more than MAX_EDIT_DISTANCE edits. */
function myers(a: readonly string[], b: readonly string[]): Op[] | undefined {
  const ids = new Map<string, number>();
  const idOf = (line: string) => {
    let id = ids.get(line);
    if (id === undefined) ids.set(line, (id = ids.size));
    return id;
  };
  const x0 = a.map(idOf);
  const y0 = b.map(idOf);
  const n = x0.length;
  const m = y0.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  /** trace[d] = v after round d, for k in [-d, d]. */
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, MAX_EDIT_DISTANCE); d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && x0[x] === y0[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(offset - d, offset + d + 1));
        return backtrack(a, b, trace);
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  return undefined;
}

function backtrack(a: readonly string[], b: readonly string[], trace: readonly Int32Array[]): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d > 0; d--) {
    const previous = trace[d - 1]!;
    const at = (k: number) => previous[k + d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    // The edit led from (previousX, previousY) to (midX, midY); a run of equal lines followed.
    const midX = down ? previousX : previousX + 1;
    const midY = down ? previousY + 1 : previousY;
    while (x > midX && y > midY) {
      ops.push({ kind: ' ', text: a[--x]! });
      y--;
    }
    if (down) ops.push({ kind: '+', text: b[--y]! });
    else ops.push({ kind: '-', text: a[--x]! });
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: ' ', text: a[--x]! });
    y--;
  }
  return ops.reverse();
}

function formatHunks(ops: readonly Op[], context: number): string[] {
  const changes: number[] = [];
  ops.forEach((op, i) => op.kind !== ' ' && changes.push(i));
  const out: string[] = [];
  let i = 0;
  while (i < changes.length) {
    let j = i;
    while (j + 1 < changes.length && changes[j + 1]! - changes[j]! <= 2 * context + 1) j++;
    const start = Math.max(0, changes[i]! - context);
    const end = Math.min(ops.length, changes[j]! + context + 1);
    out.push(...formatHunk(ops, start, end));
    i = j + 1;
  }
  return out;
}

function formatHunk(ops: readonly Op[], start: number, end: number): string[] {
  let oldBefore = 0;
  let newBefore = 0;
  for (let i = 0; i < start; i++) {
    if (ops[i]!.kind !== '+') oldBefore++;
    if (ops[i]!.kind !== '-') newBefore++;
  }
  const lines: string[] = [];
  let oldCount = 0;
  let newCount = 0;
  for (let i = start; i < end; i++) {
    const op = ops[i]!;
    if (op.kind !== '+') oldCount++;
    if (op.kind !== '-') newCount++;
    if (op.text.endsWith(NO_EOL)) lines.push(`${op.kind}${op.text.slice(0, -1)}`, '\\ No newline at end of file');
    else lines.push(`${op.kind}${op.text}`);
  }
  const range = (before: number, count: number) => `${count === 0 ? before : before + 1}${count === 1 ? '' : `,${count}`}`;
  return [`@@ -${range(oldBefore, oldCount)} +${range(newBefore, newCount)} @@`, ...lines];
}
