// Text cut to what a pane can show before ink measures it, so drawing costs the same for a 1 MB stanza as for a small one — the debugger's views of XEP-0045 (§7–§10)

/** The first characters of `text` that can fill `columns` (a wide character takes two). */
export function fitText(text: string, columns: number): string {
  const room = Math.max(1, columns) * 2 + 2;
  return text.length > room ? text.slice(0, room) : text;
}

/** A window of a long line around `at` (the cursor), as wide as `columns`. */
export function windowAround(
  text: string,
  at: number,
  columns: number,
): { text: string; at: number } {
  const width = Math.max(1, columns);
  if (text.length <= width) return { text, at };
  const start = Math.max(0, Math.min(at - Math.floor(width / 2), text.length - width + 1));
  return { text: text.slice(start, start + width), at: at - start };
}
