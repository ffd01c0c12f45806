// The users' views (`v`): each client's rooms as poezio or profanity would show them, from the stanzas it received only — roster by role with affiliation glyphs, real JIDs only where the room sent them, the subject, and the log — XEP-0045 §7.2, §7.4, §12
import { Box, Text } from 'ink';
import type { ClientView } from '../../describe/client-view.js';
import { useSession, useUi } from '../contexts.js';
import { useDrawn } from '../drawn.js';
import { visibleRows } from '../rows.js';
import type { PaneBoxProps } from '../session-reads.js';
import { type TextStyle, useTheme } from '../theme.js';
import { type UserLineStyle, userColumnRows } from '../user-lines.js';
import { usersShown } from '../users-view.js';
import { stanzaRows } from '../view-model.js';
import { innerColumns, innerRows, Pane } from './Pane.js';

export interface UsersPaneProps {
  /** One view, or two side by side when the pane is wide enough. */
  views: readonly ClientView[];
  /** The selected line of the first view: its roster's lines, then its log's. */
  selected: number;
  focused: boolean;
  width: number;
  height: number;
}

/** Two users side by side from this many columns inside the pane. */
export const SIDE_BY_SIDE_COLUMNS = 60;

interface ColumnProps {
  view: ClientView;
  /** The selected line (roster, then log) of the first column; undefined in the second. */
  selected: number | undefined;
  focused: boolean;
  width: number;
  rows: number;
}

function UserColumn({ view, selected, focused, width, rows }: ColumnProps) {
  const theme = useTheme();
  const styles: Record<UserLineStyle, TextStyle> = {
    heading: theme.strong,
    plain: {},
    dim: theme.dim,
    error: theme.fail,
  };
  const selectedStyle = focused ? theme.selected : theme.strong;
  return (
    <Box flexDirection="column" width={width}>
      {visibleRows(userColumnRows(view, selected, width, rows)).map(({ item: line, row }) => (
        <Box key={row} height={1}>
          <Text wrap="truncate" {...(line.selected ? selectedStyle : styles[line.style])}>
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

/** The pane's view of the session and the UI state, drawn again only when what it reads changed. */
export function UsersView({ width, height }: PaneBoxProps) {
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
