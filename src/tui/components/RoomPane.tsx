// Room pane: lifecycle, flags, occupants grouped by role with affiliation glyph and word, and the affiliation list — XEP-0045 §5
import { Box, Text } from 'ink';
import type { OccupantView, RoomView, TransitionView } from '../../debugger/session-api.js';
import { AFFILIATION_GLYPH } from '../../muc/model/affiliation.js';
import { useSession, useUi } from '../contexts.js';
import { useDrawn } from '../drawn.js';
import { windowStart } from '../layout.js';
import { visibleRows } from '../rows.js';
import type { PaneBoxProps } from '../session-reads.js';
import { type TextStyle, useTheme } from '../theme.js';
import { orderedOccupants } from '../view-model.js';
import { wrapLine } from '../wrap.js';
import { innerColumns, innerRows, Pane } from './Pane.js';

export interface RoomPaneProps {
  rooms: readonly RoomView[];
  /** With no room left: the last one destroyed (and at which trace entry). */
  destroyed?: { jid: string; seq: number };
  /** Index into the pane's items: each room, then its occupants (see roomItems()). */
  selected: number;
  focused: boolean;
  width: number;
  height: number;
}

interface Line {
  text: string;
  style: 'room' | 'heading' | 'plain' | 'dim';
  item?: number;
}

const GROUPS = [
  { role: 'moderator', title: 'Moderators' },
  { role: 'participant', title: 'Participants' },
  { role: 'visitor', title: 'Visitors' },
] as const;

function occupantLine(occupant: OccupantView): string {
  const glyph = AFFILIATION_GLYPH[occupant.affiliation];
  const sessions = occupant.sessions.length > 0 ? occupant.sessions.join(', ') : occupant.bareJid;
  const state = occupant.state === occupant.role ? '' : ` (${occupant.state})`;
  return `${glyph} ${occupant.nick}  ${occupant.affiliation}${state}  ${sessions}`;
}

function roomLines(rooms: readonly RoomView[]): Line[] {
  const lines: Line[] = [];
  let item = 0;
  for (const room of rooms) {
    lines.push({ text: `${room.jid}  [${room.lifecycle}]`, style: 'room', item: item++ });
    if (room.flags.length > 0) lines.push({ text: `  ${room.flags.join(', ')}`, style: 'dim' });
    if (room.subject) lines.push({ text: `  subject: ${room.subject}`, style: 'dim' });
    const ordered = orderedOccupants(room);
    for (const group of GROUPS) {
      const members = ordered.filter((occupant) => occupant.role === group.role);
      lines.push({ text: ` ${group.title} (${members.length})`, style: 'heading' });
      for (const occupant of members)
        lines.push({ text: `  ${occupantLine(occupant)}`, style: 'plain', item: item++ });
    }
    // Occupants with role none (leaving) still count as items, in display order.
    for (const occupant of ordered.filter((o) => o.role === 'none')) {
      lines.push({ text: `  ${occupantLine(occupant)} (no role)`, style: 'dim', item: item++ });
    }
    lines.push({ text: ' Affiliations', style: 'heading' });
    if (room.affiliations.length === 0) lines.push({ text: '  (none)', style: 'dim' });
    for (const entry of room.affiliations) {
      const nick = entry.reservedNick ? ` nick ${entry.reservedNick}` : '';
      const where = entry.present ? 'present' : 'absent';
      lines.push({
        text: `  ${AFFILIATION_GLYPH[entry.affiliation]} ${entry.affiliation.padEnd(7)} ${entry.jid}${nick}  ${where}`,
        style: 'plain',
      });
    }
  }
  return lines;
}

function emptyText(destroyed: RoomPaneProps['destroyed']): string {
  if (!destroyed) return 'No room yet.';
  return `No room now: ${destroyed.jid} was destroyed (#${destroyed.seq}).`;
}

export function RoomPane({
  rooms,
  destroyed,
  selected: wanted,
  focused,
  width,
  height,
}: RoomPaneProps) {
  const theme = useTheme();
  const lines = roomLines(rooms);
  const items = lines.reduce((count, line) => (line.item === undefined ? count : count + 1), 0);
  // A selection past the end (the room changed under it) stays on the last row.
  const selected = Math.max(0, Math.min(wanted, items - 1));
  const size = innerRows(height);
  // The flags, the subject and the selected row are shown whole; the other rows are cut.
  const rows = lines.flatMap((line) => {
    const isSelected = line.item !== undefined && line.item === selected;
    const text = `${isSelected ? '>' : ' '}${line.text}`;
    const whole = isSelected || line.style === 'dim';
    const pieces = whole ? wrapLine(text, innerColumns(width), 4) : [text];
    return pieces.map((piece) => ({ line, text: piece, isSelected }));
  });
  const anchor = rows.findIndex((row) => row.isSelected);
  const start = windowStart(Math.max(0, anchor), rows.length, size);
  const styles: Record<Line['style'], TextStyle> = {
    room: { ...theme.strong, ...theme.accent },
    heading: theme.strong,
    plain: {},
    dim: theme.dim,
  };
  return (
    <Pane
      title="Room"
      info={`${rooms.length} room${rooms.length === 1 ? '' : 's'}`}
      focused={focused}
      width={width}
      height={height}
    >
      {rooms.length === 0 ? (
        <Text wrap="wrap" {...theme.dim}>
          {emptyText(destroyed)}
        </Text>
      ) : null}
      {visibleRows(rows, start, size).map(({ item: { line, text, isSelected }, row }) => (
        <Box key={row} height={1}>
          <Text wrap="truncate" {...(isSelected && focused ? theme.selected : styles[line.style])}>
            {text}
          </Text>
        </Box>
      ))}
    </Pane>
  );
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

export function RoomPaneView({ width, height }: PaneBoxProps) {
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
