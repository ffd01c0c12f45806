// Footer: the message line (outcomes and errors), then the command line or the key hints — the debugger's controls for XEP-0045 scenarios (§7–§10)
import { Box, Text } from 'ink';
import { KEY_BINDINGS, keyLabel } from '../keys.js';
import { useTheme } from '../theme.js';
import type { Message, Mode } from '../ui-state.js';

export interface FooterProps {
  mode: Mode;
  line: string;
  message?: Message;
  candidates: readonly string[];
  speedMs: number;
  width: number;
}

/** `? help  : cmd  / filter  n next …`, generated from the key table's hints. */
export function keyHints(): string {
  return KEY_BINDINGS.filter((binding) => binding.hint && binding.context === 'global')
    .map((binding) => `${keyLabel(binding.keys[0] as string)} ${binding.hint}`)
    .join('  ');
}

export function Footer({ mode, line, message, candidates, speedMs, width }: FooterProps) {
  const theme = useTheme();
  let bottom: string;
  if (mode === 'command') bottom = `:${line}█`;
  else if (mode === 'filter') bottom = `/${line}█  (enter apply, esc clear)`;
  else if (mode === 'running')
    bottom = `running, ${speedMs} ms per step: any key stops, + faster, - slower`;
  else bottom = keyHints();
  const top =
    candidates.length > 0 && mode !== 'xml'
      ? `completions: ${candidates.slice(0, 12).join('  ')}`
      : message
        ? `${message.ok ? '✔' : '✘'} ${message.text}`
        : '';
  return (
    <Box flexDirection="column" width={width} height={2}>
      <Box height={1}>
        <Text wrap="truncate" {...(message && !message.ok ? theme.fail : theme.dim)}>
          {top}
        </Text>
      </Box>
      <Box height={1}>
        <Text
          wrap="truncate"
          {...(mode === 'command' || mode === 'filter' ? theme.strong : theme.dim)}
        >
          {bottom}
        </Text>
      </Box>
    </Box>
  );
}
