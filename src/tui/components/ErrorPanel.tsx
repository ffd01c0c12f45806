// Error panel: a bug in the UI or the engine, shown while the session goes on — the debugger keeps stepping XEP-0045 scenarios (§7–§10)
import { Box, Text } from 'ink';
import { visibleRows } from '../rows.js';
import { useTheme } from '../theme.js';
import { innerRows, Pane } from './Pane.js';

export interface ErrorPanelProps {
  title: string;
  message: string;
  stack?: string;
  width: number;
  height: number;
}

export function ErrorPanel({ title, message, stack, width, height }: ErrorPanelProps) {
  const theme = useTheme();
  const stackLines = (stack ?? '').split('\n').slice(1, Math.max(1, innerRows(height) - 4));
  return (
    <Pane title={title} info="esc closes" focused width={width} height={height}>
      <Text wrap="truncate" {...theme.fail}>
        ✘ {message}
      </Text>
      <Text wrap="truncate">
        The session goes on: n/b step, :save file.scs still works, q quits.
      </Text>
      <Box flexDirection="column">
        {visibleRows(stackLines).map(({ item: line, row }) => (
          <Text key={row} wrap="truncate" {...theme.dim}>
            {line}
          </Text>
        ))}
      </Box>
    </Pane>
  );
}
