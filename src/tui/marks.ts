// The marks of the Stanzas pane beside each stanza: its fate (read by a receives, passed over, dropped, made by the server) and its cause and effects; the `?` legend is made from the same table — XEP-0045 §7.1 (order of events)
import type { DebugSession } from '../debugger/debug-session.js';
import type { StanzaRow } from '../describe/pane.js';

export const MATCHED_MARK = '✓';
export const SKIPPED_MARK = '↷';
export const DROPPED_MARK = '✗';
export const SERVER_MARK = '✱';
export const CAUSE_MARK = '◆';
export const EFFECT_MARK = '•';

/** Each mark and what it says, in the order the help overlay lists them. */
export const MARK_LEGEND: readonly { mark: string; meaning: string }[] = [
  { mark: '>', meaning: 'the selected row' },
  { mark: CAUSE_MARK, meaning: 'the input that caused the selected stanza' },
  { mark: EFFECT_MARK, meaning: 'another effect of that same input' },
  { mark: MATCHED_MARK, meaning: 'read: a receives step matched it' },
  { mark: SKIPPED_MARK, meaning: 'skipped: a receives step passed over it (count on the step)' },
  { mark: DROPPED_MARK, meaning: 'dropped: nobody could receive it (the reason follows)' },
  {
    mark: SERVER_MARK,
    meaning: 'made by the server for a client (e.g. unavailable on disconnect)',
  },
];

/** The fate of one stanza: what happened to it after it was sent or delivered. */
export function fateMark(session: DebugSession, row: StanzaRow): string {
  const entry = row.entry;
  if (entry.kind === 'dropped') return DROPPED_MARK;
  if (entry.kind === 'input') return entry.origin === 'server' ? SERVER_MARK : ' ';
  const reading = session.readingOf(row.seq);
  if (!reading) return ' ';
  return reading.how === 'matched' ? MATCHED_MARK : SKIPPED_MARK;
}
