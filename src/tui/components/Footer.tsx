// Footer: the message line (outcomes and errors, whole over up to three rows), then the command or search line, or the key hints — the debugger's controls for XEP-0045 scenarios (§7–§10)
import { Box, Text } from 'ink';
import { KEY_BINDINGS, keyLabel } from '../keys.js';
import { messageRows } from '../message-line.js';
import { visibleRows } from '../rows.js';
import { useTheme } from '../theme.js';
import type { UiState } from '../ui-state.js';

export interface FooterProps {
  ui: UiState;
  /** The search in force and where the selection is among its matches (`3/17`). */
  search?: { label: string; counter: string };
  width: number;
}

/** `? help  n next  b back …`, generated from the key table's hints. */
export function keyHints(): string {
  return KEY_BINDINGS.filter((binding) => binding.hint)
    .map((binding) => `${keyLabel(binding.keys[0] as string)} ${binding.hint}`)
    .join('  ');
}

function bottomLine(ui: UiState, search: FooterProps['search']): string {
  switch (ui.mode) {
    case 'command':
      return `:${ui.line}█`;
    case 'search':
      return `/${ui.line}█  (enter: keep the search, esc: end it)`;
    case 'running':
      return `running, ${ui.speedMs} ms per step: any key stops, + faster, - slower`;
    default:
      return search
        ? `${search.label} ${search.counter}: n/N next/previous match  f filter  esc end  enter cause  space step`
        : keyHints();
  }
}

export function Footer({ ui, search, width }: FooterProps) {
  const theme = useTheme();
  const top = messageRows(ui, width);
  const failed = ui.message !== undefined && !ui.message.ok && ui.candidates.length === 0;
  const typing = ui.mode === 'command' || ui.mode === 'search';
  return (
    <Box flexDirection="column" width={width} height={top.length + 1}>
      {visibleRows(top).map(({ item: text, row }) => (
        <Box key={row} height={1}>
          <Text wrap="truncate" {...(failed ? theme.fail : theme.dim)}>
            {text}
          </Text>
        </Box>
      ))}
      <Box height={1}>
        <Text wrap="truncate" {...(typing ? theme.strong : theme.dim)}>
          {bottomLine(ui, search)}
        </Text>
      </Box>
    </Box>
  );
}
