// A bordered pane with a title row; the focused one gets a double border and a ▸ marker — the debugger's frame around XEP-0045 views (§5, §7)
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useTheme } from '../theme.js';

export interface PaneProps {
  title: string;
  /** Right-hand part of the title row (counts, filter). */
  info?: string;
  focused: boolean;
  width: number;
  height: number;
  children?: ReactNode;
}

/** Rows available for content inside a pane of `height` (borders and title row excluded). */
export function innerRows(height: number): number {
  return Math.max(0, height - 3);
}

/** Columns available for content inside a pane of `width`. */
export function innerColumns(width: number): number {
  return Math.max(1, width - 2);
}

export function Pane({ title, info, focused, width, height, children }: PaneProps) {
  const theme = useTheme();
  const marker = focused ? '▸ ' : '  ';
  return (
    <Box
      flexDirection="column"
      width={width}
      height={height}
      borderStyle={focused ? 'double' : 'single'}
      borderColor={focused ? theme.focusBorder : undefined}
      // Rows are clipped, columns not: every line is already cut to the width (wrap="truncate"),
      // and a horizontal clip costs ink a measure and a slice of every line on every frame.
      overflowY="hidden"
    >
      <Box width={innerColumns(width)} height={1}>
        <Box flexGrow={1} flexShrink={1}>
          <Text wrap="truncate" {...(focused ? theme.strong : {})}>
            {marker}
            {title}
          </Text>
        </Box>
        {info ? (
          <Box flexShrink={0} marginLeft={1}>
            <Text {...theme.dim}>{info}</Text>
          </Box>
        ) : null}
      </Box>
      <Box flexDirection="column" height={innerRows(height)} overflowY="hidden">
        {children}
      </Box>
    </Box>
  );
}
