const MAX_NAME_LENGTH = 128;

/**
 * Picks the candidate closest to a misspelt name, or nothing when no
 * candidate is close enough to be a likely typo.
 */
export function closestMatch(name: string, candidates: Iterable<string>): string | undefined {
  // Names are short; a long value (a pasted blob in an enum field) is not a typo of one.
  if (name.length > MAX_NAME_LENGTH) return undefined;
  const lowered = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === name || Math.abs(candidate.length - name.length) > Math.max(1, Math.floor(Math.max(name.length, candidate.length) / 3))) continue;
    const distance = candidate.toLowerCase() === lowered ? 0.5 : editDistance(lowered, candidate.toLowerCase());
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // One or two letters differ from most short names by one edit: only a difference of case is a likely typo there.
  const longest = Math.max(name.length, best?.length ?? 0);
  const allowed = longest < 3 ? 0.5 : Math.max(1, Math.floor(longest / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** Levenshtein distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[i - 2]![j - 2]! + 1);
      d[i]![j] = value;
    }
  }
  return d[a.length]![b.length]!;
}
