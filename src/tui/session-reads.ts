// What several parts of the debugger's screen read of the session: the script's name, the selected room, the search on a list — the debugger's views of XEP-0045 (§5, §7)
import { basename } from 'node:path';
import type { DebugSession } from '../debugger/debug-session.js';
import { useSession, useUi } from './contexts.js';
import { type SearchStatus, searchStatus } from './search.js';
import type { PaneId, UiState } from './ui-state.js';
import { roomItems } from './view-model.js';

export interface PaneBoxProps {
  width: number;
  height: number;
}

/** The lesson's title, else the script's file name, else `(empty world)` when everything is typed. */
export function useScriptName(): string {
  const session = useSession();
  if (session.script.title) return session.script.title;
  return session.script.actions.length > 0 ? basename(session.script.file) : '(empty world)';
}

/** The header's name of the script: the lesson's title and its file, `(empty world)` when typed. */
export function useScriptHeading(): string {
  const session = useSession();
  const { script } = session;
  // Nothing loaded (an empty world, mucsim serve --tui): no file to name.
  if (script.actions.length === 0) return script.title ?? '(empty world)';
  const file = basename(script.file);
  return script.title ? `${script.title} (${file})` : file;
}

/** The room selected in the Room pane (or the first one), and its selected occupant. */
export function useSelectedRoom() {
  const session = useSession();
  const ui = useUi();
  const items = roomItems(session.rooms());
  const item = items[Math.min(ui.selection.room, items.length - 1)];
  return { room: item?.room, occupant: item?.occupant ?? item?.room.occupants[0] };
}

/** The search in force on this list, if it is the one searched. */
export function searchOn(
  session: DebugSession,
  ui: UiState,
  pane: PaneId,
): SearchStatus | undefined {
  const status = searchStatus(session, ui);
  return status?.scope === pane ? status : undefined;
}
