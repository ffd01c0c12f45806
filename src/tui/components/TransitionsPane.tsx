// Transitions pane: the timeline of lifecycle, role, affiliation and nick changes, or the machine charts — XEP-0045 §5.1, §10.1, §10.9
import { Box, Text } from 'ink';
import type { TransitionView } from '../../debugger/session-api.js';
import { windowStart } from '../layout.js';
import { occupantChart, roomChart, statePath } from '../machine-chart.js';
import { visibleRows } from '../rows.js';
import { useTheme } from '../theme.js';
import { innerRows, Pane } from './Pane.js';

export interface TransitionsPaneProps {
  transitions: readonly TransitionView[];
  chart: boolean;
  /** The selected room and occupant whose current states the chart marks. */
  room?: { jid: string; lifecycle: string };
  occupant?: { nick: string; state: string };
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
  const start = windowStart(selected, transitions.length, size);
  return (
    <Pane
      title="Transitions (m: chart)"
      info={`${transitions.length}`}
      focused={focused}
      width={width}
      height={height}
    >
      {transitions.length === 0 ? <Text {...theme.dim}>No transition yet.</Text> : null}
      {transitions.slice(start, start + size).map((transition, offset) => {
        const isSelected = start + offset === selected;
        return (
          <Box key={transition.seq} height={1}>
            <Text wrap="truncate" {...(isSelected && focused ? theme.selected : {})}>
              {isSelected ? '>' : ' '}
              {String(transition.seq).padStart(4)} {transition.text}
            </Text>
          </Box>
        );
      })}
    </Pane>
  );
}
