// The help overlay: every binding and mark listed whole, and no section split between the two columns — the debugger's controls for XEP-0045 scenarios (§7–§10)
import { describe, expect, it } from 'vitest';
import { helpColumns, helpSections } from './help-lines.js';
import { KEY_BINDINGS } from './keys.js';
import { MARK_LEGEND } from './marks.js';

const words = (text: string) => text.split(/\s+/).filter(Boolean).join(' ');

describe('help', () => {
  it('lists every binding of the key table and every mark, whole, at any width', () => {
    for (const width of [80, 160]) {
      const text = words(
        helpColumns(width)
          .flat()
          .map((line) => line.text)
          .join(' '),
      );
      for (const binding of KEY_BINDINGS) expect(text).toContain(words(binding.description));
      for (const { meaning } of MARK_LEGEND) expect(text).toContain(words(meaning));
    }
  });

  it('puts each section whole in one column', () => {
    const columns = helpColumns(160);
    expect(columns).toHaveLength(2);
    for (const section of helpSections()) {
      const holding = columns.filter((column) =>
        column.some((line) => line.heading && line.text === section.title),
      );
      expect(holding, section.title).toHaveLength(1);
      const column = holding[0] ?? [];
      const at = column.findIndex((line) => line.heading && line.text === section.title);
      const body = column.slice(at + 1, at + 1 + section.lines.length).map((line) => line.text);
      expect(words(body.join(' '))).toContain(words(section.lines[0] ?? ''));
    }
    const [left, right] = columns;
    expect(Math.abs((left?.length ?? 0) - (right?.length ?? 0))).toBeLessThan(40);
  });
});
