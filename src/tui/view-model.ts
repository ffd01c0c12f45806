// What the panes show, derived from the session snapshot and the UI state, cached so a key costs what a screenful costs — views of XEP-0045 rooms and stanzas (§5, §7)
import type { DebugSession } from '../debugger/debug-session.js';
import type { OccupantView, RoomView, SessionStep } from '../debugger/session-api.js';
import type { JidNames } from '../describe/names.js';
import { isStanzaEntry, type StanzaEntry, type StanzaRow, stanzaRow } from '../describe/pane.js';
import { rowMatches } from '../describe/search.js';
import type { TraceEntry } from '../muc/trace.js';

/**
 * The Stanzas pane's rows of a trace: the list holds the trace positions of its stanzas, and a
 * row is made only when read, so a million stanzas cost a screenful of rows per frame.
 */
export class StanzaRowList {
  constructor(
    private readonly trace: readonly TraceEntry[],
    /** Positions in `trace`, in order; the list grows as the trace does. */
    private readonly positions: readonly number[],
    private readonly names: () => JidNames,
  ) {}

  get length(): number {
    return this.positions.length;
  }

  /** The row at `index`, made (once per trace entry) when first read. */
  at(index: number): StanzaRow | undefined {
    const entry = this.entryAt(index);
    return entry && stanzaRow(entry, this.names);
  }

  /** The sequence number of the row at `index`, without making the row. */
  seqAt(index: number): number | undefined {
    return this.entryAt(index)?.seq;
  }

  entryAt(index: number): StanzaEntry | undefined {
    const position = this.positions[index];
    return position === undefined ? undefined : (this.trace[position] as StanzaEntry);
  }

  /** The rows from `start` to before `end` (a screenful). */
  slice(start: number, end: number): StanzaRow[] {
    const rows: StanzaRow[] = [];
    for (let index = Math.max(0, start); index < Math.min(end, this.length); index += 1) {
      rows.push(this.at(index) as StanzaRow);
    }
    return rows;
  }
}

interface RowCache {
  /** How many trace entries `positions` covers: new entries are appended, old ones kept. */
  scanned: number;
  trace: readonly TraceEntry[];
  positions: number[];
  all: StanzaRowList;
  filter: string;
  filtered: number[];
  filteredRows: StanzaRowList;
  filteredUpTo: number;
  /** The session's names, which every row of the cache is written in. */
  names: () => JidNames;
}

const rowCaches = new WeakMap<DebugSession, RowCache>();

function cacheFor(session: DebugSession): RowCache {
  let cache = rowCaches.get(session);
  const trace = session.trace;
  if (!cache || cache.trace !== trace || cache.scanned > trace.length) {
    const positions: number[] = [];
    const filtered: number[] = [];
    const names = () => session.names();
    cache = {
      scanned: 0,
      trace,
      positions,
      all: new StanzaRowList(trace, positions, names),
      filter: '',
      filtered,
      filteredRows: new StanzaRowList(trace, filtered, names),
      filteredUpTo: 0,
      names,
    };
    rowCaches.set(session, cache);
  }
  for (; cache.scanned < trace.length; cache.scanned += 1) {
    const entry = trace[cache.scanned];
    if (entry && isStanzaEntry(entry)) cache.positions.push(cache.scanned);
  }
  return cache;
}

/** Stanza rows matching the filter (any text of the summary or the XML, case-insensitive). */
export function stanzaRows(session: DebugSession, filter: string): StanzaRowList {
  const cache = cacheFor(session);
  const needle = filter.trim();
  if (needle === '') return cache.all;
  if (cache.filter !== filter) {
    cache.filter = filter;
    cache.filtered = [];
    cache.filteredRows = new StanzaRowList(cache.trace, cache.filtered, cache.names);
    cache.filteredUpTo = 0;
  }
  for (; cache.filteredUpTo < cache.positions.length; cache.filteredUpTo += 1) {
    const position = cache.positions[cache.filteredUpTo] as number;
    if (rowMatches(cache.trace[position] as StanzaEntry, needle, cache.names)) {
      cache.filtered.push(position);
    }
  }
  return cache.filteredRows;
}

/** The row index of the first stanza at or after `seq` (to follow a step's output). */
export function rowAtOrAfter(rows: StanzaRowList, seq: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((rows.seqAt(middle) as number) < seq) low = middle + 1;
    else high = middle;
  }
  return low === rows.length ? Math.max(0, rows.length - 1) : low;
}

/** The row index of the stanza `seq`, or -1 when the rows (a filter) do not hold it. */
export function rowOfSeq(rows: StanzaRowList, seq: number): number {
  const index = rowAtOrAfter(rows, seq);
  return rows.seqAt(index) === seq ? index : -1;
}

export interface RoomItem {
  room: RoomView;
  occupant?: OccupantView;
}

const ROLE_ORDER = ['moderator', 'participant', 'visitor', 'none'];
/** A room view's occupants in order, sorted once per view (views are made once per change). */
const orderOf = new WeakMap<RoomView, OccupantView[]>();

/** Occupants in the order the Room pane shows them: by role group, then nick. */
export function orderedOccupants(room: RoomView): OccupantView[] {
  let ordered = orderOf.get(room);
  if (!ordered) {
    ordered = [...room.occupants].sort(
      (a, b) =>
        ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.nick.localeCompare(b.nick),
    );
    orderOf.set(room, ordered);
  }
  return ordered;
}

const itemsOf = new WeakMap<readonly RoomView[], RoomItem[]>();

/** The Room pane's selectable items: each room, then its occupants in display order. */
export function roomItems(rooms: readonly RoomView[]): RoomItem[] {
  let items = itemsOf.get(rooms);
  if (!items) {
    items = rooms.flatMap((room) => [
      { room },
      ...orderedOccupants(room).map((occupant) => ({ room, occupant })),
    ]);
    itemsOf.set(rooms, items);
  }
  return items;
}

/**
 * The stanza a step is about: what a `receives` matched, else the first stanza the step
 * produced (a `sends`' input). The same whether the step was just run or travelled back to.
 */
export function stanzaOfStep(session: DebugSession, step: SessionStep): number | undefined {
  return session.readsOf(step)?.matched ?? step.traceRange?.first;
}
