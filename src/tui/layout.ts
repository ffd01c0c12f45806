// Pane geometry for a terminal size, reflowed on resize — the debugger's view of XEP-0045 rooms (§5, §7)
import { messageRows } from './message-line.js';
import type { PaneId, UiState } from './ui-state.js';

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

export interface LayoutOptions {
  /** The machine charts (`m`) give the Transitions pane more room. */
  chart?: boolean;
  /** The users' views (`v`) take the Room pane's place (and the Transitions pane's on wide terminals). */
  users?: boolean;
  /** `z`: only this pane, on the whole body. */
  zoom?: PaneId;
  /** Rows the message line takes beyond its one (a long message is shown whole, up to 3 rows). */
  messageRows?: number;
}

/** Widths from 150 columns on: Script | Stanzas over Detail | Room over Transitions (or the users). */
function wideColumns(width: number, body: number, options: LayoutOptions): Column[] {
  const left = Math.floor(width * (options.users ? 0.2 : 0.26));
  const right = Math.floor(width * (options.users ? 0.45 : 0.3));
  const rightPanes: PaneBox[] = options.users
    ? [{ id: 'users', height: body }]
    : split(body, ['room', 'transitions'], options.chart ? [40, 60] : [60, 40]);
  return [
    { width: left, panes: [{ id: 'script', height: body }] },
    { width: width - left - right, panes: split(body, ['stanzas', 'detail'], [55, 45]) },
    { width: right, panes: rightPanes },
  ];
}

/**
 * Three columns on wide terminals (Script | Stanzas over Detail | Room over Transitions),
 * two below 150 columns (Script over Room | Stanzas, Detail, Transitions). The chart view
 * gives the Transitions pane more room; the users' views replace the Room pane; a zoomed
 * pane takes the whole body.
 */
export function computeLayout(width: number, height: number, options: LayoutOptions = {}): Layout {
  const bodyHeight = height - CHROME_ROWS - (options.messageRows ?? 0);
  const base = { width, height, bodyHeight };
  if (options.zoom)
    return { ...base, columns: [{ width, panes: [{ id: options.zoom, height: bodyHeight }] }] };
  if (width >= 150) return { ...base, columns: wideColumns(width, bodyHeight, options) };
  const left = Math.floor(width * 0.38);
  const chart = options.chart ?? false;
  return {
    ...base,
    columns: [
      {
        width: left,
        panes: split(bodyHeight, ['script', options.users ? 'users' : 'room'], [50, 50]),
      },
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

/** The panes on screen, in the order tab visits them. */
export function paneOrder(layout: Layout): PaneId[] {
  const order: PaneId[] = ['script', 'stanzas', 'detail', 'room', 'users', 'transitions'];
  const shown = new Set(layout.columns.flatMap((column) => column.panes.map((pane) => pane.id)));
  return order.filter((id) => shown.has(id));
}

/** The size of a pane in this layout, if it is on screen. */
export function paneSize(
  layout: Layout,
  id: PaneId,
): { width: number; height: number } | undefined {
  for (const column of layout.columns) {
    const pane = column.panes.find((box) => box.id === id);
    if (pane) return { width: column.width, height: pane.height };
  }
  return undefined;
}

/** The first row of a window of `size` rows that keeps `selected` visible, near the middle. */
export function windowStart(selected: number, count: number, size: number): number {
  if (count <= size) return 0;
  const start = selected - Math.floor(size / 2);
  return Math.max(0, Math.min(start, count - size));
}

/** The layout the UI state asks for: chart, users' views, zoom, and the message line's rows. */
export function layoutFor(ui: UiState, width: number, height: number): Layout {
  return computeLayout(width, height, {
    chart: ui.chart,
    users: ui.users,
    ...(ui.zoom && { zoom: ui.focus }),
    messageRows: messageRows(ui, width).length - 1,
  });
}

/**
 * The items of a list window of `size` rows whose selected item takes `selectedRows` rows
 * (shown whole): the others make room around it.
 */
export function listWindow(
  count: number,
  selected: number,
  size: number,
  selectedRows: number,
): { start: number; end: number } {
  const extra = Math.max(0, Math.min(selectedRows, size) - 1);
  const items = Math.max(1, size - extra);
  const start = windowStart(selected, count, items);
  return { start, end: Math.min(count, start + items) };
}
