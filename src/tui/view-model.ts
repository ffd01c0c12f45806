// What the panes show, derived from the session snapshot and the UI state, cached so a key costs what a screenful costs — views of XEP-0045 rooms and stanzas (§5, §7)
import type { DebugSession } from '../debugger/debug-session.js';
import type { OccupantView, RoomView, SessionStep } from '../debugger/session-api.js';
import { isStanzaEntry, type StanzaRow, stanzaRow } from '../describe/pane.js';
import { rowMatches } from '../describe/search.js';

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

/** Stanza rows matching the filter (any text of the summary or the XML, case-insensitive). */
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

/** The row index of the stanza `seq`, or -1 when the rows (a filter) do not hold it. */
export function rowOfSeq(rows: readonly StanzaRow[], seq: number): number {
  const index = rowAtOrAfter(rows, seq);
  return rows[index]?.seq === seq ? index : -1;
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

/**
 * The stanza a step is about: what a `receives` matched, else the first stanza the step
 * produced (a `sends`' input). The same whether the step was just run or travelled back to.
 */
export function stanzaOfStep(session: DebugSession, step: SessionStep): number | undefined {
  return session.readsOf(step)?.matched ?? step.traceRange?.first;
}
