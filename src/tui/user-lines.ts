// The lines of one user's view (`v`), whole: the roster that client knows and its log, one selectable list, laid out in a column so that every line can be reached — what a XEP-0045 client knows (§7.2, §7.4, §12)
import type { ClientView, KnownOccupant, KnownRoom, LogLine } from '../describe/client-view.js';
import { AFFILIATION_GLYPH } from '../muc/model/affiliation.js';
import { wrapLine } from './wrap.js';

export type UserLineStyle = 'heading' | 'plain' | 'dim' | 'error';

/** One item of a user's view: a line of the roster or of the log, and the stanza behind it. */
export interface UserLine {
  text: string;
  style: UserLineStyle;
  /** The stanza this line comes from (`enter` goes there). */
  seq?: number;
}

/** One row on screen: a piece of a wrapped line. */
export interface UserRow {
  text: string;
  style: UserLineStyle;
  selected: boolean;
}

const ROLE_GROUPS = [
  ['moderator', 'Moderators'],
  ['participant', 'Participants'],
  ['visitor', 'Visitors'],
] as const;

function occupantLine(room: KnownRoom, occupant: KnownOccupant): UserLine {
  const glyph = AFFILIATION_GLYPH[occupant.affiliation as keyof typeof AFFILIATION_GLYPH] ?? '?';
  const you = occupant.nick === room.nick ? ' (you)' : '';
  const jid = occupant.jid ?? 'real JID not sent to you';
  return {
    text: `  ${glyph} ${occupant.nick}${you} ${occupant.affiliation} · ${jid}`,
    style: 'plain',
    seq: occupant.seq,
  };
}

function anonymityText(room: KnownRoom): string {
  if (room.anonymity === 'non-anonymous') return ' everyone sees real JIDs (status 100 or 172)';
  if (room.anonymity === 'semi-anonymous')
    return ' only moderators see real JIDs (no 100 on entering, or 173)';
  return ' who sees real JIDs: not known yet';
}

function roomLines(room: KnownRoom): UserLine[] {
  const where = room.present ? `as ${room.nick}` : 'not in it';
  const lines: UserLine[] = [
    { text: `${room.jid} (${where})`, style: 'heading' },
    { text: anonymityText(room), style: 'dim' },
  ];
  if (room.subject) {
    const by = room.subject.by ? ` (by ${room.subject.by})` : '';
    lines.push({ text: ` subject: ${room.subject.text}${by}`, style: 'dim' });
  }
  for (const [role, title] of ROLE_GROUPS) {
    const members = [...room.occupants.values()].filter((occupant) => occupant.role === role);
    if (members.length === 0) continue;
    lines.push({ text: ` ${title} (${members.length})`, style: 'plain' });
    for (const occupant of members) lines.push(occupantLine(room, occupant));
  }
  return lines;
}

/** The head of a user's view: whose client, then each room it knows with its roster by role. */
export function rosterLines(view: ClientView): UserLine[] {
  const received = `${view.received} ${view.received === 1 ? 'stanza' : 'stanzas'} received`;
  const lines: UserLine[] = [{ text: `${view.name}'s client: ${received}`, style: 'heading' }];
  for (const room of view.rooms.values()) lines.push(...roomLines(room));
  if (lines.length === 1)
    lines.push({ text: 'in no room: no presence from a room yet', style: 'dim' });
  return lines;
}

/** How many items the view has: the roster's lines, then the log's. */
export function userLineCount(view: ClientView): number {
  return rosterLines(view).length + view.log.length;
}

/** Item `index` of the view (roster first, then the log). */
export function userLineAt(view: ClientView, index: number): UserLine | undefined {
  const roster = rosterLines(view);
  if (index < roster.length) return roster[index];
  const line = view.log[index - roster.length];
  return line && logLine(line);
}

function wrapped(line: UserLine, selected: boolean, width: number): UserRow[] {
  const texts = wrapLine(`${selected ? '>' : ' '}${line.text}`, width, 4);
  return texts.map((text) => ({ text, style: line.style, selected }));
}

/** The roster's rows: from its top, or around the selected line; a last row says what is below. */
function rosterRows(
  roster: readonly UserLine[],
  selected: number | undefined,
  hint: string,
  width: number,
  rows: number,
): UserRow[] {
  const all = roster.flatMap((line, index) => wrapped(line, index === selected, width));
  if (all.length <= rows) return all;
  const at = all.findIndex((row) => row.selected);
  if (at !== -1) {
    const start = Math.max(0, Math.min(at - Math.floor(rows / 2), all.length - rows));
    return all.slice(start, start + rows);
  }
  const more = all.length - rows + 1;
  return [
    ...all.slice(0, rows - 1),
    { text: ` … ${more} more lines (${hint})`, style: 'dim', selected: false },
  ];
}

function logLine(line: LogLine): UserLine {
  return { text: line.text, style: line.kind === 'error' ? 'error' : 'plain', seq: line.seq };
}

/** The log's rows, as a chat client shows them: the selected line (else the newest) at the bottom. */
function logRows(
  log: readonly LogLine[],
  at: number,
  selected: boolean,
  width: number,
  rows: number,
): UserRow[] {
  const shown: UserRow[] = [];
  for (let index = at; index >= 0 && shown.length < rows; index -= 1)
    shown.unshift(...wrapped(logLine(log[index] as LogLine), selected && index === at, width));
  // The rows up to the end of line `at` are kept whole at the bottom; later lines fill what is left.
  const end = shown.length;
  for (let index = at + 1; index < log.length && shown.length < rows; index += 1)
    shown.push(...wrapped(logLine(log[index] as LogLine), false, width));
  const keep = Math.max(Math.min(rows, shown.length), end);
  return shown.slice(keep - Math.min(rows, keep), keep);
}

/**
 * The rows of one user's column: the roster (as much as fits, the log keeping a third), a
 * `Log (n)` row, then the log. `selected` indexes the roster then the log; undefined for the
 * second column, which shows the roster's top and the newest lines of the log.
 */
export function userColumnRows(
  view: ClientView,
  selected: number | undefined,
  width: number,
  rows: number,
): UserRow[] {
  const roster = rosterLines(view);
  const { log } = view;
  const room = rows - 1;
  const logMin = log.length === 0 ? 0 : Math.max(1, Math.floor(room / 3));
  const rosterNeed = roster.reduce(
    (sum, line) => sum + wrapLine(` ${line.text}`, width, 4).length,
    0,
  );
  const rosterRoom = Math.max(1, Math.min(rosterNeed, room - logMin));
  const inRoster = selected !== undefined && selected < roster.length;
  const hint = selected === undefined ? 'u: this user first' : 'k: up into them';
  const head = rosterRows(roster, inRoster ? selected : undefined, hint, width, rosterRoom);
  const inLog = selected !== undefined && selected >= roster.length;
  const at = inLog ? selected - roster.length : log.length - 1;
  const title: UserRow = { text: `Log (${log.length})`, style: 'heading', selected: false };
  const rest = at < 0 ? [] : logRows(log, at, inLog, width, room - head.length);
  return [...head, title, ...rest];
}
