// Whose views the users' pane shows: the user `u` chose, else the client of the selected stanza, and the next one beside it — what XEP-0045 clients know (§7.2)

import { clientView } from '../debugger/client-views.js';
import type { DebugSession } from '../debugger/debug-session.js';
import type { ClientView } from '../describe/client-view.js';
import type { StanzaRow } from '../describe/pane.js';
import type { UiAction, UiState } from './ui-state.js';
import { userLineCount } from './user-lines.js';
import type { StanzaRowList } from './view-model.js';

/** The session's users, in the order they were defined (script, then typed connects). */
export function userNames(session: DebugSession): string[] {
  return session.clientNames();
}

/** The client a stanza row is about: the recipient of a delivery, the sender of an input. */
function userOf(session: DebugSession, row: StanzaRow | undefined): string | undefined {
  if (!row) return undefined;
  const entry = row.entry;
  const jid = entry.kind === 'input' ? entry.sender : entry.to;
  const names = session.names();
  return names.exact(jid) ?? names.client(jid);
}

/**
 * The users' views to draw, first the chosen (or selected) user, then the next user: the pane
 * shows one, or two side by side when it is wide enough.
 */
export function usersShown(session: DebugSession, ui: UiState, rows: StanzaRowList): ClientView[] {
  const names = userNames(session);
  if (names.length === 0) return [];
  const chosen = ui.user ?? userOf(session, rows.at(ui.selection.stanzas)) ?? names[0];
  const first = names.includes(chosen as string) ? (chosen as string) : (names[0] as string);
  const second = names[(names.indexOf(first) + 1) % names.length] as string;
  const shown = second === first ? [first] : [first, second];
  return shown.map((name) => clientView(session, name));
}

/** Keeps the users' view on its last line (the newest thing the client received), when it is shown. */
export function followUsers(
  session: DebugSession,
  ui: UiState,
  rows: StanzaRowList,
): UiAction | undefined {
  if (!ui.users) return undefined;
  const view = usersShown(session, ui, rows)[0];
  const count = view ? userLineCount(view) : 0;
  return { type: 'select', pane: 'users', index: count - 1, count };
}
