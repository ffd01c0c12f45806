// Each pane computes its own view from the session snapshot and the UI state, then draws only what is visible, and only when what it reads changed — the debugger's views of XEP-0045 (§5, §7)
import { basename } from 'node:path';
import type { DebugSession } from '../../debugger/debug-session.js';
import type { TransitionView } from '../../debugger/session-api.js';
import { useSession, useUi } from '../contexts.js';
import { detailSections } from '../detail-view.js';
import { heldLines } from '../door-marks.js';
import { useDrawn } from '../drawn.js';
import { fateMark } from '../marks.js';
import { type SearchStatus, searchStatus } from '../search.js';
import type { PaneId, UiState } from '../ui-state.js';
import { usersShown } from '../users-view.js';
import { roomItems, stanzaRows } from '../view-model.js';
import { DetailPane } from './DetailPane.js';
import { RoomPane } from './RoomPane.js';
import { ScriptPane } from './ScriptPane.js';
import { SideBySidePane } from './SideBySidePane.js';
import { StanzasPane } from './StanzasPane.js';
import { TransitionsPane } from './TransitionsPane.js';
import { UsersPane } from './UsersPane.js';

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
function searchOn(session: DebugSession, ui: UiState, pane: PaneId): SearchStatus | undefined {
  const status = searchStatus(session, ui);
  return status?.scope === pane ? status : undefined;
}

function ScriptView({ width, height }: PaneBoxProps) {
  const session = useSession();
  const ui = useUi();
  const name = useScriptName();
  const search = searchOn(session, ui, 'script');
  const selected = ui.selection.script;
  const focused = ui.focus === 'script';
  const inputs = [session, session.version, name, search?.label, search?.counter];
  return useDrawn([...inputs, selected, focused, width, height], () => {
    const breakpoints = new Set(
      session.breakpoints.flatMap((mark) => (mark.kind === 'step' ? [mark.index] : [])),
    );
    const { script } = session;
    return (
      <ScriptPane
        steps={session.steps}
        lesson={{
          ...(script.title !== undefined && { title: script.title }),
          ...(script.description !== undefined && { description: script.description }),
          summary: script.epilogue,
        }}
        skippedBy={(step) => session.readsOf(step)?.skipped.length ?? 0}
        held={heldLines(session.doorway.door?.held() ?? [], session.names())}
        cursor={session.cursor}
        selected={selected}
        breakpoints={breakpoints}
        title={search ? search.label : name}
        {...(search && { info: search.counter })}
        focused={focused}
        width={width}
        height={height}
      />
    );
  });
}

function StanzasView({ width, height }: PaneBoxProps) {
  const session = useSession();
  const ui = useUi();
  const focused = ui.focus === 'stanzas';
  const { sideBySide, filter } = ui;
  const wanted = ui.selection.stanzas;
  const search = searchOn(session, ui, 'stanzas');
  const inputs = [session, session.version, sideBySide, filter, search?.label, search?.counter];
  return useDrawn([...inputs, wanted, focused, width, height], () => {
    if (sideBySide) {
      const props = { columns: sideBySide, selected: wanted, focused, width, height };
      return <SideBySidePane {...props} />;
    }
    const rows = stanzaRows(session, filter);
    const selected = Math.min(wanted, Math.max(0, rows.length - 1));
    const row = rows.at(selected);
    const related = row ? session.related(row.seq) : { cause: undefined, effects: [] };
    return (
      <StanzasPane
        rows={rows}
        selected={selected}
        related={{ cause: related.cause, effects: new Set(related.effects) }}
        fate={(shown) => fateMark(session, shown)}
        filter={filter}
        {...(search && { search })}
        total={rows.length}
        focused={focused}
        width={width}
        height={height}
      />
    );
  });
}

function DetailView({ width, height }: PaneBoxProps) {
  const session = useSession();
  const ui = useUi();
  const { detailSource, filter, selection } = ui;
  const focused = ui.focus === 'detail';
  const inputs = [session, session.version, detailSource, filter, selection.script];
  return useDrawn([...inputs, selection.stanzas, selection.detail, focused, width, height], () => {
    const sections = detailSections(session, ui, stanzaRows(session, filter));
    const props = { sections, scroll: selection.detail, focused, width, height };
    return <DetailPane {...props} />;
  });
}

/** The last room destroyed, read from the end of the transitions (only asked when no room is left). */
function lastDestroyed(
  transitions: readonly TransitionView[],
): { jid: string; seq: number } | undefined {
  for (let index = transitions.length - 1; index >= 0; index -= 1) {
    const { event, seq } = transitions[index] as TransitionView;
    if (event.kind === 'room' && event.to === 'destroyed') return { jid: event.room, seq };
  }
  return undefined;
}

function RoomView({ width, height }: PaneBoxProps) {
  const session = useSession();
  const ui = useUi();
  const focused = ui.focus === 'room';
  const selected = ui.selection.room;
  return useDrawn([session, session.version, selected, focused, width, height], () => {
    const rooms = session.rooms();
    const destroyed = rooms.length === 0 ? lastDestroyed(session.transitions()) : undefined;
    const props = { rooms, selected, focused, width, height };
    return <RoomPane {...props} {...(destroyed && { destroyed })} />;
  });
}

function TransitionsView({ width, height }: PaneBoxProps) {
  const session = useSession();
  const ui = useUi();
  const { room, occupant } = useSelectedRoom();
  const search = searchOn(session, ui, 'transitions');
  const { chart, selection } = ui;
  const focused = ui.focus === 'transitions';
  const inputs = [session, session.version, room, occupant, search?.label, search?.counter, chart];
  return useDrawn([...inputs, selection.transitions, focused, width, height], () => (
    <TransitionsPane
      transitions={session.transitions()}
      chart={chart}
      room={room}
      occupant={occupant}
      {...(search && { search })}
      selected={selection.transitions}
      focused={focused}
      width={width}
      height={height}
    />
  ));
}

function UsersView({ width, height }: PaneBoxProps) {
  const session = useSession();
  const ui = useUi();
  const { user, filter, selection } = ui;
  const focused = ui.focus === 'users';
  const inputs = [session, session.version, user, filter, selection.stanzas, selection.users];
  return useDrawn([...inputs, focused, width, height], () => (
    <UsersPane
      views={usersShown(session, ui, stanzaRows(session, filter))}
      selected={selection.users}
      focused={focused}
      width={width}
      height={height}
    />
  ));
}

const VIEWS: Record<PaneId, (props: PaneBoxProps) => ReturnType<typeof ScriptView>> = {
  script: ScriptView,
  stanzas: StanzasView,
  detail: DetailView,
  room: RoomView,
  transitions: TransitionsView,
  users: UsersView,
};

/** The pane with this id, sized by the layout. */
export function SessionPane({ id, ...box }: PaneBoxProps & { id: PaneId }) {
  const View = VIEWS[id];
  return <View {...box} />;
}
