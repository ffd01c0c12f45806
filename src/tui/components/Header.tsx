// Header: the simulator's extras when on, the door for real clients, the lesson's title (or the script's name), the selected room with its lifecycle and flags, the step counter and whether it runs — XEP-0045 §10.1 (room states)
import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';

export interface HeaderProps {
  room?: { jid: string; lifecycle: string; flags: readonly string[] };
  step: number;
  steps: number;
  /** The lesson's title and the script's file name (or just the file name). */
  script: string;
  state: 'paused' | 'running' | 'finished';
  /** The door for real clients, when open (mucsim serve --tui, :serve): first, the room is cut before it. */
  door?: string;
  width: number;
  /** The simulator's extras that are on: shown, since the room then departs from Prosody. */
  extras?: readonly string[];
}

export function Header({
  room,
  step,
  steps,
  script,
  state,
  door,
  width,
  extras = [],
}: HeaderProps) {
  const theme = useTheme();
  const roomText = room
    ? `${room.jid} [${room.lifecycle}]${room.flags.length ? ` ${room.flags.join(', ')}` : ''}`
    : 'no room';
  return (
    <Box width={width} height={1}>
      <Box flexGrow={1} flexShrink={1}>
        <Text wrap="truncate">
          <Text {...theme.strong}>mucsim</Text>
          {extras.length > 0 && <Text {...theme.warn}> +{extras.join(' +')}</Text>} │{' '}
          {door ? <Text {...theme.accent}>{door} │ </Text> : null}
          <Text {...theme.accent}>{script}</Text> │ {roomText}
        </Text>
      </Box>
      <Box flexShrink={0}>
        <Text>
          {' '}
          │ step {step}/{steps} │{' '}
          <Text {...(state === 'running' ? theme.warn : theme.accent)}>{state}</Text>
        </Text>
      </Box>
    </Box>
  );
}
