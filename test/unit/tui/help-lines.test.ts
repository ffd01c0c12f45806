// The help overlay: every binding and mark listed whole, and no section split between the two columns — the debugger's controls for XEP-0045 scenarios (§7–§10)
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/tui/command-line.js';
import { helpColumns, helpSections } from '../../../src/tui/help-lines.js';
import { KEY_BINDINGS } from '../../../src/tui/keys.js';
import { MARK_LEGEND } from '../../../src/tui/marks.js';

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

  it("wraps a command's description under its description, and a mark's meaning under the meaning", () => {
    const [rows = []] = helpColumns(60);
    const start = rows.findIndex((line) => line.heading && line.text.startsWith('Commands'));
    const commands = rows.slice(start + 1).map((line) => line.text);
    const serve = commands.findIndex((text) => text.startsWith('  :serve'));
    const [description = '', continuation = ''] = commands.slice(serve + 1);
    expect(description).toMatch(/^ {6}open the door/);
    expect(continuation).toMatch(/^ {6}\S/);
    expect(COMMANDS.map((spec) => spec.usage)).toContain(commands[serve]?.trim());
    const marks = rows.findIndex((line) => line.heading && line.text.startsWith('Marks'));
    const legend = rows.slice(marks + 1).map((line) => line.text);
    for (const text of legend.slice(0, legend.indexOf(''))) expect(text).toMatch(/^ {2}\S|^ {5}\S/);
  });
});
