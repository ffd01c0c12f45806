// The users' views (`v`): each client's rooms as poezio or profanity would show them, from the stanzas it received only — roster by role with affiliation glyphs, real JIDs only where the room sent them, the subject, and the log — XEP-0045 §7.2, §7.4, §12
import { Box, Text } from 'ink';
import type { ClientView, KnownOccupant, KnownRoom } from '../../describe/client-view.js';
import { AFFILIATION_GLYPH } from '../../muc/model/affiliation.js';
import { listWindow } from '../layout.js';
import { visibleRows } from '../rows.js';
import { type TextStyle, useTheme } from '../theme.js';
import { wrapLine } from '../wrap.js';
import { innerColumns, innerRows, Pane } from './Pane.js';

export interface UsersPaneProps {
  /** One view, or two side by side when the pane is wide enough. */
  views: readonly ClientView[];
  /** The selected line of the first view's log. */
  selected: number;
  focused: boolean;
  width: number;
  height: number;
}

/** Two users side by side from this many columns inside the pane. */
export const SIDE_BY_SIDE_COLUMNS = 60;

const ROLE_GROUPS = [
  ['moderator', 'Moderators'],
  ['participant', 'Participants'],
  ['visitor', 'Visitors'],
] as const;

interface Line {
  text: string;
  style: 'heading' | 'plain' | 'dim';
}

function occupantLine(room: KnownRoom, occupant: KnownOccupant): string {
  const glyph = AFFILIATION_GLYPH[occupant.affiliation as keyof typeof AFFILIATION_GLYPH] ?? '?';
  const you = occupant.nick === room.nick ? ' (you)' : '';
  const jid = occupant.jid ?? 'real JID not sent to you';
  return `  ${glyph} ${occupant.nick}${you} ${occupant.affiliation} · ${jid}`;
}

function anonymityLine(room: KnownRoom): string {
  if (room.anonymity === 'non-anonymous') return ' everyone sees real JIDs (status 100 or 172)';
  if (room.anonymity === 'semi-anonymous')
    return ' only moderators see real JIDs (no 100 on entering, or 173)';
  return ' who sees real JIDs: not known yet';
}

/** The rooms this client knows: where it is, the subject, who is there by role. */
function rosterLines(view: ClientView): Line[] {
  const lines: Line[] = [];
  for (const room of view.rooms.values()) {
    const where = room.present ? `as ${room.nick}` : 'not in it';
    lines.push({ text: `${room.jid} (${where})`, style: 'heading' });
    lines.push({ text: anonymityLine(room), style: 'dim' });
    if (room.subject)
      lines.push({
        text: ` subject: ${room.subject.text}${room.subject.by ? ` (by ${room.subject.by})` : ''}`,
        style: 'dim',
      });
    for (const [role, title] of ROLE_GROUPS) {
      const members = [...room.occupants.values()].filter((occupant) => occupant.role === role);
      if (members.length === 0) continue;
      lines.push({ text: ` ${title} (${members.length})`, style: 'plain' });
      for (const occupant of members)
        lines.push({ text: occupantLine(room, occupant), style: 'plain' });
    }
  }
  if (lines.length === 0)
    lines.push({ text: 'in no room: no presence from a room yet', style: 'dim' });
  return lines;
}

interface ColumnProps {
  view: ClientView;
  selected: number | undefined;
  focused: boolean;
  width: number;
  rows: number;
}

/** The title and the roster, wrapped, taking at most half the rows (the log gets the rest). */
function headRows(view: ClientView, width: number, rows: number): Line[] {
  const title: Line = {
    text: `${view.name}'s client: ${view.received} stanzas received`,
    style: 'heading',
  };
  const wrapped = [title, ...rosterLines(view)].flatMap((line) =>
    wrapLine(line.text, width, 4).map((text) => ({ text, style: line.style })),
  );
  const most = Math.max(2, Math.floor((rows - 1) / 2));
  if (wrapped.length <= most) return wrapped;
  const more: Line = { text: ` … ${wrapped.length - most + 1} more lines (z: zoom)`, style: 'dim' };
  return [...wrapped.slice(0, most - 1), more];
}

function UserColumn({ view, selected, focused, width, rows }: ColumnProps) {
  const theme = useTheme();
  const styles: Record<Line['style'], TextStyle> = {
    heading: theme.strong,
    plain: {},
    dim: theme.dim,
  };
  const head = headRows(view, width, rows);
  const log = view.log;
  const logRows = Math.max(0, rows - 1 - head.length);
  const at = Math.min(selected ?? log.length - 1, log.length - 1);
  // As in a chat client, every line is wrapped; the window ends at the selected line.
  const { start, end } = listWindow(log.length, at, logRows, 1);
  const wrapped = log.slice(start, end).flatMap((line, offset) => {
    const index = start + offset;
    const isSelected = index === selected;
    const style = isSelected
      ? focused
        ? theme.selected
        : theme.strong
      : line.kind === 'error'
        ? theme.fail
        : {};
    const texts = wrapLine(`${isSelected ? '>' : ' '}${line.text}`, width, 4);
    return texts.map((text) => ({ text, style, index }));
  });
  const last = wrapped.findLastIndex((row) => row.index === at);
  const first = wrapped.findIndex((row) => row.index === at);
  const from = Math.min(first === -1 ? 0 : first, Math.max(0, last - logRows + 1));
  const logLines = wrapped.slice(from, from + logRows);
  return (
    <Box flexDirection="column" width={width}>
      {visibleRows(head).map(({ item: line, row }) => (
        <Box key={`h${row}`} height={1}>
          <Text wrap="truncate" {...styles[line.style]}>
            {line.text}
          </Text>
        </Box>
      ))}
      <Box height={1}>
        <Text wrap="truncate" {...theme.strong}>
          Log ({log.length})
        </Text>
      </Box>
      {visibleRows(logLines).map(({ item: line, row }) => (
        <Box key={`l${row}`} height={1}>
          <Text wrap="truncate" {...line.style}>
            {line.text}
          </Text>
        </Box>
      ))}
    </Box>
  );
}

export function UsersPane({ views, selected, focused, width, height }: UsersPaneProps) {
  const theme = useTheme();
  const columns = innerColumns(width);
  const two = views.length > 1 && columns >= SIDE_BY_SIDE_COLUMNS;
  const shown = two ? views.slice(0, 2) : views.slice(0, 1);
  const columnWidth = two ? Math.floor((columns - 1) / 2) : columns;
  const names = shown.map((view) => view.name).join(' | ');
  return (
    <Pane
      title={`Users: ${names || 'none'} (u: next)`}
      focused={focused}
      width={width}
      height={height}
    >
      {shown.length === 0 ? <Text {...theme.dim}>No user yet.</Text> : null}
      <Box flexDirection="row">
        {visibleRows(shown).map(({ item: view, row }) => (
          <Box key={view.name} flexDirection="row">
            {row > 0 ? <Box width={1} /> : null}
            <UserColumn
              view={view}
              selected={row === 0 ? selected : undefined}
              focused={focused}
              width={columnWidth}
              rows={innerRows(height)}
            />
          </Box>
        ))}
      </Box>
    </Pane>
  );
}
