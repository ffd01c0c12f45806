// Help overlay generated from the one key table, with the legend of the marks; a section is never split across its two columns — the debugger's controls for stepping through XEP-0045 scenarios (§7–§10)
import { Box, Text } from 'ink';
import { helpColumns } from '../help-lines.js';
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
  const columns = helpColumns(width);
  const rows = innerRows(height);
  const tallest = Math.max(...columns.map((column) => column.length));
  const start = Math.max(0, Math.min(scroll, tallest - rows));
  const columnWidth = Math.floor((width - 2) / columns.length);
  const info = tallest > rows ? `j/k scroll ${start + 1}/${tallest - rows + 1}` : 'esc or ? closes';
  return (
    <Pane title="Help: keys" info={info} focused width={width} height={height}>
      <Box flexDirection="row">
        {visibleRows(columns).map(({ item: column, row: index }) => (
          <Box key={index} flexDirection="column" width={columnWidth}>
            {visibleRows(column, start, rows).map(({ item: line, row }) => (
              <Box key={`${index}-${row}`} height={1}>
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
