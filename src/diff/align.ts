// Aligning two ordered streams of stanzas (what one client received from each service) by their longest common subsequence — comparing XEP-0045 services
export type AlignedEntry =
  | { kind: 'same'; left: number; right: number }
  | { kind: 'left-only'; left: number }
  | { kind: 'right-only'; right: number };

/**
 * The longest common subsequence of `left` and `right` (compared with `===`), as a merged list
 * of entries in stream order. Where both sides have unmatched entries between two matches,
 * the left ones come first.
 */
export function alignStreams(left: readonly string[], right: readonly string[]): AlignedEntry[] {
  const n = left.length;
  const m = right.length;
  // lengths[i][j]: LCS length of left[i..] and right[j..]
  const lengths: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    const row = lengths[i] as Uint32Array;
    const below = lengths[i + 1] as Uint32Array;
    for (let j = m - 1; j >= 0; j -= 1) {
      row[j] =
        left[i] === right[j]
          ? (below[j + 1] as number) + 1
          : Math.max(below[j] as number, row[j + 1] as number);
    }
  }
  const entries: AlignedEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (left[i] === right[j]) {
      entries.push({ kind: 'same', left: i, right: j });
      i += 1;
      j += 1;
    } else if ((lengths[i + 1] as Uint32Array)[j]! >= (lengths[i] as Uint32Array)[j + 1]!) {
      entries.push({ kind: 'left-only', left: i });
      i += 1;
    } else {
      entries.push({ kind: 'right-only', right: j });
      j += 1;
    }
  }
  for (; i < n; i += 1) entries.push({ kind: 'left-only', left: i });
  for (; j < m; j += 1) entries.push({ kind: 'right-only', right: j });
  return entries;
}

export interface Difference {
  /** `moved`: the same stanza is on both sides, at a different place in the stream. */
  kind: 'left-only' | 'right-only' | 'moved-left' | 'moved-right';
  index: number;
}

/**
 * The unmatched entries of an alignment. An entry whose value also sits unmatched on the
 * other side (same stanza, another position) is reported as moved rather than missing.
 */
export function differences(
  entries: readonly AlignedEntry[],
  left: readonly string[],
  right: readonly string[],
): Difference[] {
  const unmatchedRight = new Map<string, number>();
  for (const entry of entries) {
    if (entry.kind === 'right-only') {
      const value = right[entry.right] as string;
      unmatchedRight.set(value, (unmatchedRight.get(value) ?? 0) + 1);
    }
  }
  const unmatchedLeft = new Map<string, number>();
  for (const entry of entries) {
    if (entry.kind === 'left-only') {
      const value = left[entry.left] as string;
      unmatchedLeft.set(value, (unmatchedLeft.get(value) ?? 0) + 1);
    }
  }
  const take = (counts: Map<string, number>, value: string): boolean => {
    const count = counts.get(value) ?? 0;
    if (count === 0) return false;
    counts.set(value, count - 1);
    return true;
  };
  const result: Difference[] = [];
  for (const entry of entries) {
    if (entry.kind === 'left-only') {
      const moved = take(unmatchedRight, left[entry.left] as string);
      result.push({ kind: moved ? 'moved-left' : 'left-only', index: entry.left });
    } else if (entry.kind === 'right-only') {
      const moved = take(unmatchedLeft, right[entry.right] as string);
      result.push({ kind: moved ? 'moved-right' : 'right-only', index: entry.right });
    }
  }
  return result;
}
