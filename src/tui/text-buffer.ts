// A small multi-line text buffer with a cursor, for the raw XML editor — typing stanzas to a XEP-0045 room (§7–§10)
export interface TextBuffer {
  readonly lines: readonly string[];
  readonly row: number;
  readonly col: number;
}

export function emptyBuffer(): TextBuffer {
  return { lines: [''], row: 0, col: 0 };
}

export function bufferText(buffer: TextBuffer): string {
  return buffer.lines.join('\n');
}

function lineAt(buffer: TextBuffer, row: number): string {
  return buffer.lines[row] ?? '';
}

/** Inserts typed or pasted text at the cursor; `\r\n`, `\r` and `\n` start new lines. */
export function insertText(buffer: TextBuffer, text: string): TextBuffer {
  const pieces = text.replace(/\r\n?/g, '\n').split('\n');
  const line = lineAt(buffer, buffer.row);
  const before = line.slice(0, buffer.col);
  const after = line.slice(buffer.col);
  const inserted =
    pieces.length === 1
      ? [before + pieces[0] + after]
      : [before + pieces[0], ...pieces.slice(1, -1), (pieces.at(-1) ?? '') + after];
  const lines = [
    ...buffer.lines.slice(0, buffer.row),
    ...inserted,
    ...buffer.lines.slice(buffer.row + 1),
  ];
  const row = buffer.row + pieces.length - 1;
  const col = pieces.length === 1 ? buffer.col + text.length : (pieces.at(-1) ?? '').length;
  return { lines, row, col };
}

export function deleteBack(buffer: TextBuffer): TextBuffer {
  if (buffer.col > 0) {
    const line = lineAt(buffer, buffer.row);
    const lines = [...buffer.lines];
    lines[buffer.row] = line.slice(0, buffer.col - 1) + line.slice(buffer.col);
    return { lines, row: buffer.row, col: buffer.col - 1 };
  }
  if (buffer.row === 0) return buffer;
  const previous = lineAt(buffer, buffer.row - 1);
  const lines = [
    ...buffer.lines.slice(0, buffer.row - 1),
    previous + lineAt(buffer, buffer.row),
    ...buffer.lines.slice(buffer.row + 1),
  ];
  return { lines, row: buffer.row - 1, col: previous.length };
}

export function moveCursor(
  buffer: TextBuffer,
  direction: 'left' | 'right' | 'up' | 'down',
): TextBuffer {
  const { row, col } = buffer;
  switch (direction) {
    case 'left':
      if (col > 0) return { ...buffer, col: col - 1 };
      return row > 0 ? { ...buffer, row: row - 1, col: lineAt(buffer, row - 1).length } : buffer;
    case 'right':
      if (col < lineAt(buffer, row).length) return { ...buffer, col: col + 1 };
      return row < buffer.lines.length - 1 ? { ...buffer, row: row + 1, col: 0 } : buffer;
    case 'up':
      return row > 0
        ? { ...buffer, row: row - 1, col: Math.min(col, lineAt(buffer, row - 1).length) }
        : buffer;
    case 'down':
      return row < buffer.lines.length - 1
        ? { ...buffer, row: row + 1, col: Math.min(col, lineAt(buffer, row + 1).length) }
        : buffer;
  }
}

/** The word being typed before the cursor (what tab completes). */
export function wordBeforeCursor(buffer: TextBuffer): string {
  const before = lineAt(buffer, buffer.row).slice(0, buffer.col);
  return /[^\s'"=<>]*$/.exec(before)?.[0] ?? '';
}
