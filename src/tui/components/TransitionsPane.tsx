// Transitions pane: the timeline of lifecycle, role, affiliation and nick changes (the selected one whole), or the machine charts — XEP-0045 §5.1, §10.1, §10.9
import { Box, Text } from 'ink';
import type { TransitionView } from '../../debugger/session-api.js';
import { useSession, useUi } from '../contexts.js';
import { useDrawn } from '../drawn.js';
import { listWindow } from '../layout.js';
import { occupantChart, roomChart, statePath } from '../machine-chart.js';
import { visibleRows } from '../rows.js';
import { type PaneBoxProps, searchOn, useSelectedRoom } from '../session-reads.js';
import { useTheme } from '../theme.js';
import { wrapLine } from '../wrap.js';
import { innerColumns, innerRows, Pane } from './Pane.js';

export interface TransitionsPaneProps {
  transitions: readonly TransitionView[];
  chart: boolean;
  /** The selected room and occupant whose current states the chart marks. */
  room?: { jid: string; lifecycle: string };
  occupant?: { nick: string; state: string };
  /** The search in force on this pane: its label in the title, its counter on the right. */
  search?: { label: string; counter: string };
  /** Selected transition (timeline) or scroll offset (chart). */
  selected: number;
  focused: boolean;
  width: number;
  height: number;
}

function chartText(room: TransitionsPaneProps['room'], occupant: TransitionsPaneProps['occupant']) {
  return [
    { text: `Room machine: ${statePath('room')}`, current: false, heading: true },
    { text: `  ${room ? room.jid : '(no room selected)'}`, current: false, heading: false },
    ...roomChart(room?.lifecycle).map((line) => ({ ...line, heading: false })),
    { text: `Occupant machine: ${statePath('occupant')}`, current: false, heading: true },
    {
      text: `  ${occupant ? occupant.nick : '(select an occupant in the Room pane)'}`,
      current: false,
      heading: false,
    },
    ...occupantChart(occupant?.state).map((line) => ({ ...line, heading: false })),
  ];
}

export function TransitionsPane(props: TransitionsPaneProps) {
  const { transitions, chart, room, occupant, selected, focused, width, height } = props;
  const theme = useTheme();
  const size = innerRows(height);
  if (chart) {
    const lines = chartText(room, occupant);
    const start = Math.max(0, Math.min(selected, lines.length - size));
    return (
      <Pane title="Machines (m: timeline)" focused={focused} width={width} height={height}>
        {visibleRows(lines, start, size).map(({ item: line, row }) => (
          <Box key={row} height={1}>
            <Text
              wrap="truncate"
              {...(line.current
                ? { ...theme.strong, ...theme.accent }
                : line.heading
                  ? theme.strong
                  : {})}
            >
              {line.text}
            </Text>
          </Box>
        ))}
      </Pane>
    );
  }
  const columns = innerColumns(width);
  const lineOf = (transition: TransitionView, index: number) =>
    `${index === selected ? '>' : ' '}${String(transition.seq).padStart(4)} ${transition.text}`;
  const current = transitions[selected];
  // The selected transition is shown whole, over as many rows as it needs.
  const whole = current ? wrapLine(lineOf(current, selected), columns, 6).slice(0, size) : [];
  const { start, end } = listWindow(transitions.length, selected, size, whole.length);
  const title = `Transitions (m: chart)${props.search ? ` ${props.search.label}` : ''}`;
  return (
    <Pane
      title={title}
      info={props.search?.counter ?? `${transitions.length}`}
      focused={focused}
      width={width}
      height={height}
    >
      {transitions.length === 0 ? <Text {...theme.dim}>No transition yet.</Text> : null}
      {transitions.slice(start, end).flatMap((transition, offset) => {
        const index = start + offset;
        const texts = index === selected ? whole : [lineOf(transition, index)];
        return visibleRows(texts).map(({ item: text, row: piece }) => (
          <Box key={`${transition.seq}-${piece}`} height={1}>
            <Text wrap="truncate" {...(index === selected && focused ? theme.selected : {})}>
              {text}
            </Text>
          </Box>
        ));
      })}
    </Pane>
  );
}

/** The pane's view of the session and the UI state, drawn again only when what it reads changed. */
export function TransitionsView({ width, height }: PaneBoxProps) {
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
