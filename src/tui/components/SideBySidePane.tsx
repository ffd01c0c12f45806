// Side-by-side pane: per client, what the simulator and the real server delivered, aligned, each row marked by a symbol — comparing two XEP-0045 services
import { Box, Text } from 'ink';
import { windowStart } from '../layout.js';
import { type ClientColumns, MARKS, type SideMark, sideBySideLines } from '../side-by-side.js';
import { type TextStyle, useTheme } from '../theme.js';
import { innerColumns, innerRows, Pane } from './Pane.js';

export interface SideBySidePaneProps {
  columns: readonly ClientColumns[];
  selected: number;
  focused: boolean;
  width: number;
  height: number;
}

const LEGEND = (Object.keys(MARKS) as SideMark[])
  .map((mark) => `${MARKS[mark].symbol} ${MARKS[mark].word}`)
  .join('  ');

function padColumn(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text.padEnd(width);
  return `${text.slice(0, Math.max(0, width - 1))}…`;
}

export function SideBySidePane({ columns, selected, focused, width, height }: SideBySidePaneProps) {
  const theme = useTheme();
  const lines = sideBySideLines(columns);
  // The first inner row is the column heading and legend.
  const size = Math.max(0, innerRows(height) - 1);
  const current = Math.min(selected, Math.max(0, lines.length - 1));
  const start = windowStart(current, lines.length, size);
  const visible = lines.slice(start, start + size);
  // "> " + mark + " " on the left, " │ " between the columns.
  const half = Math.max(1, Math.floor((innerColumns(width) - 6) / 2));
  const differing = columns.reduce(
    (sum, client) => sum + client.rows.filter((row) => row.mark !== 'same').length,
    0,
  );
  const info = differing === 0 ? 'streams agree' : `${differing} rows differ`;
  return (
    <Pane
      title={`Side by side: ${LEGEND}`}
      info={info}
      focused={focused}
      width={width}
      height={height}
    >
      <Box height={1}>
        <Text wrap="truncate" {...theme.strong}>
          {'    '}
          {padColumn('simulator', half)} │ server
        </Text>
      </Box>
      {lines.length === 0 ? <Text {...theme.dim}>No stanzas yet (or still comparing).</Text> : null}
      {visible.map((line, offset) => {
        const index = start + offset;
        const isSelected = index === current;
        const cursor = isSelected ? '>' : ' ';
        let style: TextStyle = isSelected ? (focused ? theme.selected : theme.strong) : {};
        if (line.kind === 'client') {
          const diff = line.differences === 0 ? 'same' : `${line.differences} differ`;
          return (
            <Box key={`c${index}`} height={1}>
              <Text wrap="truncate" {...(isSelected ? style : theme.strong)}>
                {cursor} {line.name}: simulator {line.simulator}, server {line.server} ({diff})
              </Text>
            </Box>
          );
        }
        const { row } = line;
        if (!isSelected && row.mark !== 'same') style = theme.related;
        return (
          <Box key={`r${index}`} height={1}>
            <Text wrap="truncate" {...style}>
              {cursor} {MARKS[row.mark].symbol} {padColumn(row.left ?? '', half)} │{' '}
              {row.right ?? ''}
            </Text>
          </Box>
        );
      })}
    </Pane>
  );
}
