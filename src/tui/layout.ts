// Pane geometry for a terminal size, reflowed on resize — the debugger's view of XEP-0045 rooms (§5, §7)
import type { PaneId } from './ui-state.js';

export const MIN_WIDTH = 80;
export const MIN_HEIGHT = 24;
/** Header, message line and footer. */
export const CHROME_ROWS = 3;

export interface PaneBox {
  id: PaneId;
  height: number;
}

export interface Column {
  width: number;
  panes: PaneBox[];
}

export interface Layout {
  width: number;
  height: number;
  bodyHeight: number;
  columns: Column[];
}

export function tooSmall(width: number, height: number): boolean {
  return width < MIN_WIDTH || height < MIN_HEIGHT;
}

export function tooSmallMessage(width: number, height: number): string {
  return `Terminal too small: need ${MIN_WIDTH}×${MIN_HEIGHT}, have ${width}×${height}`;
}

/** Splits `total` rows by weights; the last pane takes the rounding remainder. */
function split(total: number, ids: PaneId[], weights: number[]): PaneBox[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  let used = 0;
  return ids.map((id, index) => {
    const last = index === ids.length - 1;
    const height = last
      ? total - used
      : Math.max(4, Math.floor((total * (weights[index] ?? 1)) / sum));
    used += height;
    return { id, height };
  });
}

/**
 * Three columns on wide terminals (Script | Stanzas over Detail | Room over Transitions),
 * two below 150 columns (Script over Room | Stanzas, Detail, Transitions). The chart view
 * gives the Transitions pane more room.
 */
export function computeLayout(width: number, height: number, chart = false): Layout {
  const bodyHeight = height - CHROME_ROWS;
  if (width >= 150) {
    const left = Math.floor(width * 0.26);
    const right = Math.floor(width * 0.3);
    return {
      width,
      height,
      bodyHeight,
      columns: [
        { width: left, panes: [{ id: 'script', height: bodyHeight }] },
        {
          width: width - left - right,
          panes: split(bodyHeight, ['stanzas', 'detail'], [55, 45]),
        },
        {
          width: right,
          panes: split(bodyHeight, ['room', 'transitions'], chart ? [40, 60] : [60, 40]),
        },
      ],
    };
  }
  const left = Math.floor(width * 0.38);
  return {
    width,
    height,
    bodyHeight,
    columns: [
      { width: left, panes: split(bodyHeight, ['script', 'room'], [50, 50]) },
      {
        width: width - left,
        panes: split(
          bodyHeight,
          ['stanzas', 'detail', 'transitions'],
          chart ? [30, 20, 50] : [45, 30, 25],
        ),
      },
    ],
  };
}

/** The first row of a window of `size` rows that keeps `selected` visible, near the middle. */
export function windowStart(selected: number, count: number, size: number): number {
  if (count <= size) return 0;
  const start = selected - Math.floor(size / 2);
  return Math.max(0, Math.min(start, count - size));
}
