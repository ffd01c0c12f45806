// Help overlay generated from the one key table — the debugger's controls for stepping through XEP-0045 scenarios (§7–§10)
import { Box, Text } from 'ink';
import { helpLines } from '../help-lines.js';
import { visibleRows } from '../rows.js';
import { useTheme } from '../theme.js';
import { innerRows, Pane } from './Pane.js';

export interface HelpOverlayProps {
  scroll: number;
  width: number;
  height: number;
}

export function HelpOverlay({ scroll, width, height }: HelpOverlayProps) {
  const theme = useTheme();
  const lines = helpLines();
  const rows = innerRows(height);
  // Two columns when wide enough, so the whole table fits more often.
  const columns = width >= 120 ? 2 : 1;
  const perColumn = columns === 2 ? Math.max(rows, Math.ceil(lines.length / 2)) : lines.length;
  const start = Math.max(0, Math.min(scroll, perColumn - rows));
  const columnWidth = Math.floor((width - 2) / columns);
  const slices = Array.from({ length: columns }, (_, column) =>
    lines.slice(column * perColumn, (column + 1) * perColumn).slice(start, start + rows),
  );
  const info =
    perColumn > rows ? `j/k scroll ${start + 1}/${perColumn - rows + 1}` : 'esc or ? closes';
  return (
    <Pane title="Help: keys" info={info} focused width={width} height={height}>
      <Box flexDirection="row">
        {visibleRows(slices).map(({ item: slice, row: column }) => (
          <Box key={column} flexDirection="column" width={columnWidth}>
            {visibleRows(slice).map(({ item: line, row }) => (
              <Box key={`${column}-${start + row}`} height={1}>
                <Text wrap="truncate" {...(line.heading ? theme.strong : {})}>
                  {line.text}
                </Text>
              </Box>
            ))}
          </Box>
        ))}
      </Box>
    </Pane>
  );
}
