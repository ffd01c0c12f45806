// Each pane computes its own view from the session snapshot and the UI state, then draws only what is visible — the debugger's views of XEP-0045 (§5, §7)
import { basename } from 'node:path';
import { useSession, useUi } from '../contexts.js';
import type { PaneId } from '../ui-state.js';
import { detailSections, roomItems, stanzaRows } from '../view-model.js';
import { DetailPane } from './DetailPane.js';
import { RoomPane } from './RoomPane.js';
import { ScriptPane } from './ScriptPane.js';
import { SideBySidePane } from './SideBySidePane.js';
import { StanzasPane } from './StanzasPane.js';
import { TransitionsPane } from './TransitionsPane.js';

export interface PaneBoxProps {
  width: number;
  height: number;
}

/** The script's file name, or `(empty world)` when everything is typed. */
export function useScriptName(): string {
  const session = useSession();
  return session.script.actions.length > 0 ? basename(session.script.file) : '(empty world)';
}

/** The room selected in the Room pane (or the first one), and its selected occupant. */
export function useSelectedRoom() {
  const session = useSession();
  const ui = useUi();
  const items = roomItems(session.rooms());
  const item = items[Math.min(ui.selection.room, items.length - 1)];
  return { room: item?.room, occupant: item?.occupant ?? item?.room.occupants[0] };
}

function ScriptView({ width, height }: PaneBoxProps) {
  const session = useSession();
  const ui = useUi();
  const breakpoints = new Set(
    session.breakpoints.flatMap((mark) => (mark.kind === 'step' ? [mark.index] : [])),
  );
  return (
    <ScriptPane
      steps={session.steps}
      cursor={session.cursor}
      selected={ui.selection.script}
      breakpoints={breakpoints}
      title={`Script: ${useScriptName()}`}
      focused={ui.focus === 'script'}
      width={width}
      height={height}
    />
  );
}

function StanzasView({ width, height }: PaneBoxProps) {
  const session = useSession();
  const ui = useUi();
  const focused = ui.focus === 'stanzas';
  if (ui.sideBySide) {
    const { sideBySide } = ui;
    const props = { columns: sideBySide, selected: ui.selection.stanzas, focused, width, height };
    return <SideBySidePane {...props} />;
  }
  const rows = stanzaRows(session, ui.filter);
  const selected = Math.min(ui.selection.stanzas, Math.max(0, rows.length - 1));
  const row = rows[selected];
  const related = row ? session.related(row.seq) : { cause: undefined, effects: [] };
  return (
    <StanzasPane
      rows={rows}
      selected={selected}
      related={{ cause: related.cause, effects: new Set(related.effects) }}
      filter={ui.filter}
      total={rows.length}
      focused={focused}
      width={width}
      height={height}
    />
  );
}

function DetailView({ width, height }: PaneBoxProps) {
  const session = useSession();
  const ui = useUi();
  const sections = detailSections(session, ui, stanzaRows(session, ui.filter));
  const focused = ui.focus === 'detail';
  const props = { sections, scroll: ui.selection.detail, focused, width, height };
  return <DetailPane {...props} />;
}

function RoomView({ width, height }: PaneBoxProps) {
  const session = useSession();
  const ui = useUi();
  const focused = ui.focus === 'room';
  const props = { rooms: session.rooms(), selected: ui.selection.room, focused, width, height };
  return <RoomPane {...props} />;
}

function TransitionsView({ width, height }: PaneBoxProps) {
  const session = useSession();
  const ui = useUi();
  const { room, occupant } = useSelectedRoom();
  return (
    <TransitionsPane
      transitions={session.transitions()}
      chart={ui.chart}
      room={room}
      occupant={occupant}
      selected={ui.selection.transitions}
      focused={ui.focus === 'transitions'}
      width={width}
      height={height}
    />
  );
}

const VIEWS: Record<PaneId, (props: PaneBoxProps) => ReturnType<typeof ScriptView>> = {
  script: ScriptView,
  stanzas: StanzasView,
  detail: DetailView,
  room: RoomView,
  transitions: TransitionsView,
};

/** The pane with this id, sized by the layout. */
export function SessionPane({ id, ...box }: PaneBoxProps & { id: PaneId }) {
  const View = VIEWS[id];
  return <View {...box} />;
}
