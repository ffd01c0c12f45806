// What the panes show, derived from the session snapshot and the UI state, cached so a key costs what a screenful costs — views of XEP-0045 rooms and stanzas (§5, §7)
import type { Element } from 'ltx';
import type { DebugSession } from '../debugger/debug-session.js';
import type { OccupantView, RoomView } from '../debugger/session-api.js';
import { isStanzaEntry, type StanzaRow, stanzaRow } from '../describe/pane.js';
import { rowMatches } from '../describe/search.js';
import { explanationsFor } from '../describe/status-words.js';
import type { UiState } from './ui-state.js';
import { prettyLines } from './xml-lines.js';

interface RowCache {
  /** How many trace entries `all` covers: new entries are appended, old rows reused. */
  scanned: number;
  trace: readonly unknown[];
  all: StanzaRow[];
  filter: string;
  filtered: StanzaRow[];
  filteredUpTo: number;
}

const rowCaches = new WeakMap<DebugSession, RowCache>();

function cacheFor(session: DebugSession): RowCache {
  let cache = rowCaches.get(session);
  const trace = session.trace;
  if (!cache || cache.trace !== trace || cache.scanned > trace.length) {
    cache = { scanned: 0, trace, all: [], filter: '', filtered: [], filteredUpTo: 0 };
    rowCaches.set(session, cache);
  }
  const names = () => session.names();
  for (; cache.scanned < trace.length; cache.scanned += 1) {
    const entry = trace[cache.scanned];
    if (entry && isStanzaEntry(entry)) cache.all.push(stanzaRow(entry, names));
  }
  return cache;
}

/** Stanza rows matching the filter (client, kind or any text of the summary, case-insensitive). */
export function stanzaRows(session: DebugSession, filter: string): StanzaRow[] {
  const cache = cacheFor(session);
  const needle = filter.trim();
  if (needle === '') return cache.all;
  if (cache.filter !== filter) {
    cache.filter = filter;
    cache.filtered = [];
    cache.filteredUpTo = 0;
  }
  const names = () => session.names();
  for (; cache.filteredUpTo < cache.all.length; cache.filteredUpTo += 1) {
    const row = cache.all[cache.filteredUpTo] as StanzaRow;
    if (rowMatches(row.entry, needle, names)) cache.filtered.push(row);
  }
  return cache.filtered;
}

/** The row index of the first stanza at or after `seq` (to follow a step's output). */
export function rowAtOrAfter(rows: readonly StanzaRow[], seq: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((rows[middle] as StanzaRow).seq < seq) low = middle + 1;
    else high = middle;
  }
  return low === rows.length ? Math.max(0, rows.length - 1) : low;
}

export interface RoomItem {
  room: RoomView;
  occupant?: OccupantView;
}

const ROLE_ORDER = ['moderator', 'participant', 'visitor', 'none'];

/** Occupants in the order the Room pane shows them: by role group, then nick. */
export function orderedOccupants(room: RoomView): OccupantView[] {
  return [...room.occupants].sort(
    (a, b) =>
      ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.nick.localeCompare(b.nick),
  );
}

/** The Room pane's selectable items: each room, then its occupants in display order. */
export function roomItems(rooms: readonly RoomView[]): RoomItem[] {
  return rooms.flatMap((room) => [
    { room },
    ...orderedOccupants(room).map((occupant) => ({ room, occupant })),
  ]);
}

export interface DetailSection {
  heading: string;
  /** Plain lines, or a stanza to pretty-print and colour. */
  lines?: string[];
  stanza?: Element;
  tone?: 'pass' | 'fail';
}

function stepSections(session: DebugSession, index: number): DetailSection[] | undefined {
  const step = session.steps[index];
  const result = step?.result;
  if (!step || !result) return undefined;
  const sections: DetailSection[] = [];
  const mark = result.status === 'failed' ? '✘ failed' : '✔ passed';
  const lines = [`step ${step.index + 1}: ${step.action.client} ${step.action.kind} — ${mark}`];
  if (result.reason) lines.push(`reason: ${result.reason}`);
  if (result.note) lines.push(`note: ${result.note}`);
  sections.push({ heading: 'Step', lines, tone: result.status === 'failed' ? 'fail' : 'pass' });
  if (result.expected) sections.push({ heading: 'Expected', stanza: result.expected });
  if (result.closest) sections.push({ heading: 'Closest received', stanza: result.closest });
  if (result.diff) sections.push({ heading: 'Diff', lines: result.diff.split('\n'), tone: 'fail' });
  if (result.status === 'passed' && (result.matched ?? result.sent)) {
    sections.push({
      heading: result.matched ? 'Matched' : 'Sent',
      stanza: result.matched ?? result.sent,
    });
  }
  return sections;
}

/** What the Detail pane shows: a failing step's expected/closest/diff, or the selected stanza. */
export function detailSections(
  session: DebugSession,
  ui: UiState,
  rows: readonly StanzaRow[],
): DetailSection[] {
  if (ui.detailSource === 'script') {
    const sections = stepSections(session, ui.selection.script);
    if (sections) return sections;
  }
  const row = rows[ui.selection.stanzas];
  if (!row)
    return [{ heading: 'No stanza', lines: ['Step with n or space; the stanzas appear here.'] }];
  const entry = row.entry;
  const meta = [
    `#${row.seq} ${entry.kind} at ${new Date(entry.time).toISOString().slice(11, 19)} (simulated clock)`,
  ];
  if (entry.kind === 'delivery') meta.push(`decided by: ${entry.by}`);
  if (entry.kind === 'dropped') meta.push(`dropped: ${entry.reason}`);
  if (row.cause) meta.push(`caused by #${row.cause}`);
  const sections: DetailSection[] = [{ heading: row.text, lines: meta }];
  sections.push({ heading: 'XML', stanza: entry.stanza });
  const explained = explanationsFor(entry.stanza);
  if (explained.length > 0) sections.push({ heading: 'Explained', lines: explained });
  return sections;
}

/** How many lines the Detail pane has for what is selected (for scrolling). */
export function detailLineCount(
  session: DebugSession,
  ui: UiState,
  rows: readonly StanzaRow[],
): number {
  return detailSections(session, ui, rows).reduce(
    (sum, section) =>
      sum +
      1 +
      (section.lines?.length ?? 0) +
      (section.stanza ? prettyLines(section.stanza).length : 0),
    0,
  );
}
