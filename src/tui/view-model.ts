// What the panes show, derived from the session and the UI state (summaries made when first shown, then cached) — views of XEP-0045 rooms and stanzas (§5, §7)
import type { Element } from 'ltx';
import type { DebugSessionApi, OccupantView, RoomView } from '../debugger/session-api.js';
import type { TraceEntry } from '../muc/trace.js';
import { ClientLabels, isStanzaEntry, lazySummary, type StanzaRow } from './stanza-summary.js';
import { explanationsFor } from './status-words.js';
import type { UiState } from './ui-state.js';
import { prettyLines } from './xml-lines.js';

const summaries = new WeakMap<TraceEntry, StanzaRow>();
const filtered = new WeakMap<
  DebugSessionApi,
  { length: number; last: TraceEntry | undefined; filter: string; rows: StanzaRow[] }
>();

function allRows(session: DebugSessionApi): StanzaRow[] {
  let labels: ClientLabels | undefined;
  const labelsNow = () => {
    labels ??= new ClientLabels(session);
    return labels;
  };
  const rows: StanzaRow[] = [];
  for (const entry of session.trace) {
    if (!isStanzaEntry(entry)) continue;
    let row = summaries.get(entry);
    if (!row) {
      row = lazySummary(entry, labelsNow);
      summaries.set(entry, row);
    }
    rows.push(row);
  }
  return rows;
}

/** Stanza rows matching the filter (client, kind or any text of the summary, case-insensitive). */
export function stanzaRows(session: DebugSessionApi, filter: string): StanzaRow[] {
  const last = session.trace.at(-1);
  const cached = filtered.get(session);
  if (
    cached &&
    cached.length === session.trace.length &&
    cached.last === last &&
    cached.filter === filter
  ) {
    return cached.rows;
  }
  const needle = filter.trim().toLowerCase();
  const rows = allRows(session).filter(
    (row) => needle === '' || row.text.toLowerCase().includes(needle) || String(row.seq) === needle,
  );
  filtered.set(session, { length: session.trace.length, last, filter, rows });
  return rows;
}

/** The row index of the first stanza at or after `seq` (to follow a step's output). */
export function rowAtOrAfter(rows: readonly StanzaRow[], seq: number): number {
  const index = rows.findIndex((row) => row.seq >= seq);
  return index === -1 ? Math.max(0, rows.length - 1) : index;
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

/** What the Detail pane shows: a failing step's expected/closest/diff, or the selected stanza. */
export function detailSections(
  session: DebugSessionApi,
  ui: UiState,
  rows: readonly StanzaRow[],
): DetailSection[] {
  if (ui.detailSource === 'script') {
    const step = session.steps[ui.selection.script];
    const result = step?.result;
    if (step && result) {
      const sections: DetailSection[] = [];
      const mark = result.status === 'failed' ? '✘ failed' : '✔ passed';
      const lines = [`step ${step.index + 1}: ${step.action.client} ${step.action.kind} — ${mark}`];
      if (result.reason) lines.push(`reason: ${result.reason}`);
      if (result.note) lines.push(`note: ${result.note}`);
      sections.push({ heading: 'Step', lines, tone: result.status === 'failed' ? 'fail' : 'pass' });
      if (result.expected) sections.push({ heading: 'Expected', stanza: result.expected });
      if (result.closest) sections.push({ heading: 'Closest received', stanza: result.closest });
      if (result.diff)
        sections.push({ heading: 'Diff', lines: result.diff.split('\n'), tone: 'fail' });
      if (result.status === 'passed' && (result.matched ?? result.sent)) {
        sections.push({
          heading: result.matched ? 'Matched' : 'Sent',
          stanza: result.matched ?? result.sent,
        });
      }
      return sections;
    }
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
  const stanza = isStanzaEntry(entry) ? entry.stanza : undefined;
  const sections: DetailSection[] = [{ heading: row.text, lines: meta }];
  if (stanza) sections.push({ heading: 'XML', stanza });
  const explained = stanza ? explanationsFor(stanza) : [];
  if (explained.length > 0) sections.push({ heading: 'Explained', lines: explained });
  return sections;
}

/** How many lines the Detail pane needs for these sections (for scrolling). */
export function detailLineCount(sections: readonly DetailSection[]): number {
  return sections.reduce(
    (sum, section) =>
      sum +
      1 +
      (section.lines?.length ?? 0) +
      (section.stanza ? prettyLines(section.stanza).length : 0),
    0,
  );
}
