// The message shown instead of the panes when the terminal is below the minimum size — the debugger's XEP-0045 views need room (§7–§10)
import { Box, Text } from 'ink';
import { tooSmallMessage } from '../layout.js';
import { useTheme } from '../theme.js';

export function TooSmall({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="wrap" {...theme.warn}>
        {tooSmallMessage(width, height)}
      </Text>
      <Text wrap="wrap">Enlarge the window, or press q to quit.</Text>
    </Box>
  );
}
