// The raw XML editor's buffer: typing, pasting, deleting and moving across lines — hand-written XEP-0045 stanzas (§7–§10)
import { describe, expect, it } from 'vitest';
import {
  bufferText,
  deleteBack,
  emptyBuffer,
  insertText,
  moveCursor,
  wordBeforeCursor,
} from '../../../src/tui/text-buffer.js';

describe('text buffer', () => {
  it('inserts text and pasted lines at the cursor', () => {
    let buffer = insertText(emptyBuffer(), '<presence/>');
    buffer = moveCursor(buffer, 'left');
    buffer = moveCursor(buffer, 'left');
    buffer = insertText(buffer, ' a\r\nb');
    expect(bufferText(buffer)).toBe('<presence a\nb/>');
    expect([buffer.row, buffer.col]).toEqual([1, 1]);
  });

  it('backspace joins lines at a line start', () => {
    let buffer = insertText(emptyBuffer(), 'ab\ncd');
    buffer = moveCursor(moveCursor(buffer, 'left'), 'left');
    buffer = deleteBack(buffer);
    expect(bufferText(buffer)).toBe('abcd');
    expect([buffer.row, buffer.col]).toEqual([0, 2]);
    expect(deleteBack(emptyBuffer())).toEqual(emptyBuffer());
  });

  it('moves up and down keeping the column within the line', () => {
    const buffer = insertText(emptyBuffer(), 'long line\nab');
    const up = moveCursor(buffer, 'up');
    expect([up.row, up.col]).toEqual([0, 2]);
    expect(moveCursor(up, 'down')).toEqual({ ...buffer });
  });

  it('finds the word being typed for completion', () => {
    expect(wordBeforeCursor(insertText(emptyBuffer(), "<message to='gar"))).toBe('gar');
    expect(wordBeforeCursor(insertText(emptyBuffer(), '<presence '))).toBe('');
  });
});
