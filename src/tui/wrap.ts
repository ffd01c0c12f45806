// Long lines wrapped to a pane's width instead of cut, with the row count of a long text kept per width so a 1 MB stanza scrolls as fast as a small one — nothing hidden in the views of XEP-0045 (§7–§10)

/** How far continuation rows are indented: `hang`, else the line's own indentation plus two. */
function hangOf(line: string, width: number, hang: number | undefined): number {
  const own = (/^\s*/.exec(line)?.[0].length ?? 0) + 2;
  return Math.min(hang ?? own, Math.floor(width / 2));
}

/** Where a wrapped line's rows start in it: `[0, 37, 74…]` for a width of 37 without spaces. */
export function breakPoints(line: string, width: number, hang?: number): number[] {
  const size = Math.max(8, width);
  if (line.length <= size) return [0];
  const indent = hangOf(line, size, hang);
  const starts = [0];
  let at = 0;
  let room = size;
  while (line.length - at > room) {
    const limit = at + room;
    const space = line.lastIndexOf(' ', limit);
    const next = space > at + Math.floor(room / 2) ? space + 1 : limit;
    starts.push(next);
    at = next;
    // Continuation rows are indented, so the shape of the line stays readable.
    room = size - indent;
  }
  return starts;
}

/** The rows of one line wrapped to `width`, continuation rows indented by `hang` (default: its own indentation plus two). */
export function wrapLine(line: string, width: number, hang?: number): string[] {
  const starts = breakPoints(line, width, hang);
  const indent = ' '.repeat(hangOf(line, Math.max(8, width), hang));
  return starts.map((start, index) => {
    const end = starts[index + 1] ?? line.length;
    const piece = line.slice(start, end).trimEnd();
    return index === 0 ? piece : `${indent}${piece}`;
  });
}

const counts = new WeakMap<readonly string[], Map<number, Int32Array>>();

/**
 * Row offsets of many lines wrapped to `width`: `offsets[i]` is the first row of line i and
 * `offsets[lines.length]` the row count. Kept per array and width.
 */
export function rowOffsets(lines: readonly string[], width: number): Int32Array {
  let byWidth = counts.get(lines);
  if (!byWidth) {
    byWidth = new Map();
    counts.set(lines, byWidth);
  }
  const known = byWidth.get(width);
  if (known) return known;
  const offsets = new Int32Array(lines.length + 1);
  for (let index = 0; index < lines.length; index += 1) {
    offsets[index + 1] =
      (offsets[index] as number) + breakPoints(lines[index] as string, width).length;
  }
  byWidth.set(width, offsets);
  return offsets;
}

/** The line holding row `row`, and which of its rows it is (binary search over the offsets). */
export function lineOfRow(offsets: Int32Array, row: number): { line: number; piece: number } {
  let low = 0;
  let high = offsets.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((offsets[middle] as number) <= row) low = middle;
    else high = middle - 1;
  }
  return { line: low, piece: row - (offsets[low] as number) };
}
