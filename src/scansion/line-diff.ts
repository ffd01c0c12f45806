// A longest-common-subsequence line diff, to show how a received XEP-0045 stanza differs from the expected one (§7–§10)

/** Lines of `a` and `b` marked `- ` (only in a), `+ ` (only in b) or `  ` (both), in order. */
export function diffLines(a: readonly string[], b: readonly string[]): string[] {
  const width = b.length + 1;
  const common = new Array<number>((a.length + 1) * width).fill(0);
  const at = (i: number, j: number): number => common[i * width + j] as number;
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      common[i * width + j] =
        a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push(`  ${a[i]}`);
      i += 1;
      j += 1;
    } else if (j >= b.length || (i < a.length && at(i + 1, j) >= at(i, j + 1))) {
      out.push(`- ${a[i]}`);
      i += 1;
    } else {
      out.push(`+ ${b[j]}`);
      j += 1;
    }
  }
  return out;
}
