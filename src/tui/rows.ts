// The visible window of a long list, each row with its position (a stable key) — virtualised panes of XEP-0045 traces (§7–§10)
export interface Row<T> {
  item: T;
  /** Position in the whole list: the row's key. */
  row: number;
}

/** Only the rows from `start` that fit in `size`: the rest of the list is never drawn. */
export function visibleRows<T>(items: readonly T[], start = 0, size = items.length): Row<T>[] {
  return items.slice(start, start + size).map((item, offset) => ({ item, row: start + offset }));
}
