// Long lines wrapped, never cut: word breaks, hanging indents, row offsets of a long text — nothing hidden in the views of XEP-0045 (§7–§10)
import { describe, expect, it } from 'vitest';
import { lineOfRow, rowOffsets, wrapLine } from '../../../src/tui/wrap.js';

describe('wrapLine', () => {
  it('breaks at spaces, indents continuation rows, and keeps every character', () => {
    const line = '>◆  13   Juliet ← presence from garden/Romeo: owner/moderator, 110 self-presence';
    const rows = wrapLine(line, 40, 9);
    expect(rows).toEqual([
      '>◆  13   Juliet ← presence from',
      '         garden/Romeo: owner/moderator,',
      '         110 self-presence',
    ]);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(40);
    const words = (text: string) => text.split(/\s+/).filter(Boolean);
    expect(words(rows.join(' '))).toEqual(words(line));
  });

  it('cuts a word longer than a row, and leaves a short line alone', () => {
    expect(wrapLine(`  ${'x'.repeat(30)}`, 12)).toEqual([
      `  ${'x'.repeat(10)}`,
      `    ${'x'.repeat(8)}`,
      `    ${'x'.repeat(8)}`,
      `    ${'x'.repeat(4)}`,
    ]);
    expect(wrapLine('short', 40)).toEqual(['short']);
  });
});

describe('rowOffsets and lineOfRow', () => {
  it('find the line and the piece of any row without wrapping the other lines', () => {
    const lines = ['a', 'b'.repeat(25), 'c'];
    const offsets = rowOffsets(lines, 10);
    // 25 characters at 10 a row: 10, then 8 and 7 behind a two-space indent.
    expect([...offsets]).toEqual([0, 1, 4, 5]);
    expect(lineOfRow(offsets, 0)).toEqual({ line: 0, piece: 0 });
    expect(lineOfRow(offsets, 3)).toEqual({ line: 1, piece: 2 });
    expect(lineOfRow(offsets, 4)).toEqual({ line: 2, piece: 0 });
    expect(rowOffsets(lines, 10)).toBe(offsets);
  });
});
