// Pane geometry at the minimum size and on wide terminals; windows of long lists — the debugger's layout of XEP-0045 views (§7–§10)
import { describe, expect, it } from 'vitest';
import { computeLayout, paneOrder, tooSmall, windowStart } from '../../../src/tui/layout.js';

describe('layout', () => {
  it('fills the width and the body height in every layout', () => {
    for (const [width, height] of [
      [80, 24],
      [120, 40],
      [160, 48],
      [230, 70],
    ] as const) {
      for (const chart of [false, true]) {
        const layout = computeLayout(width, height, { chart });
        expect(layout.columns.reduce((sum, column) => sum + column.width, 0)).toBe(width);
        for (const column of layout.columns) {
          expect(column.panes.reduce((sum, pane) => sum + pane.height, 0)).toBe(height - 3);
          for (const pane of column.panes) expect(pane.height).toBeGreaterThanOrEqual(4);
        }
        const panes = layout.columns
          .flatMap((column) => column.panes.map((pane) => pane.id))
          .sort();
        expect(panes).toEqual(['detail', 'room', 'script', 'stanzas', 'transitions']);
      }
    }
  });

  it("v puts the users' views in the Room pane's place, in a column of their own when wide; z zooms one pane", () => {
    const ids = (layout: ReturnType<typeof computeLayout>) =>
      layout.columns.map((column) => column.panes.map((pane) => pane.id));
    expect(ids(computeLayout(80, 24, { users: true }))).toEqual([
      ['script', 'users'],
      ['stanzas', 'detail', 'transitions'],
    ]);
    const wide = computeLayout(160, 48, { users: true });
    expect(ids(wide)).toEqual([['script'], ['stanzas', 'detail'], ['users']]);
    expect(wide.columns[2]?.width).toBe(72);
    expect(paneOrder(wide)).toEqual(['script', 'stanzas', 'detail', 'users']);
    const zoomed = computeLayout(80, 24, { zoom: 'detail', messageRows: 2 });
    expect(zoomed.columns).toEqual([{ width: 80, panes: [{ id: 'detail', height: 19 }] }]);
  });

  it('uses three columns from 150 columns on', () => {
    expect(computeLayout(149, 40).columns).toHaveLength(2);
    expect(computeLayout(150, 40).columns).toHaveLength(3);
  });

  it('knows the minimum size', () => {
    expect(tooSmall(79, 24)).toBe(true);
    expect(tooSmall(80, 23)).toBe(true);
    expect(tooSmall(80, 24)).toBe(false);
  });

  it('keeps the selection inside the visible window', () => {
    expect(windowStart(0, 10_000, 20)).toBe(0);
    expect(windowStart(5000, 10_000, 20)).toBe(4990);
    expect(windowStart(9999, 10_000, 20)).toBe(9980);
    expect(windowStart(3, 5, 20)).toBe(0);
  });
});
