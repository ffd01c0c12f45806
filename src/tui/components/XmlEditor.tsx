// Raw XML editor: type a stanza as a client, validated as you type, sent with ctrl-s — XEP-0045 stanzas by hand (§7–§10)
import { Box, Text } from 'ink';
import type { TextBuffer } from '../text-buffer.js';
import { useTheme } from '../theme.js';
import { validateStanza } from '../validate-stanza.js';
import { innerRows, Pane } from './Pane.js';

export interface XmlEditorProps {
  client: string;
  buffer: TextBuffer;
  candidates: readonly string[];
  width: number;
  height: number;
}

export function XmlEditor({ client, buffer, candidates, width, height }: XmlEditorProps) {
  const theme = useTheme();
  const text = buffer.lines.join('\n');
  const verdict = validateStanza(text);
  const rows = Math.max(1, innerRows(height) - 4);
  const start = Math.max(0, Math.min(buffer.row - rows + 1, buffer.lines.length - rows));
  return (
    <Pane
      title={`Raw XML as ${client}`}
      info="ctrl-s send · esc cancel · tab complete"
      focused
      width={width}
      height={height}
    >
      <Text {...theme.dim} wrap="truncate">
        e.g. {"<message to='room@conference.localhost' type='groupchat'><body>hi</body></message>"}
      </Text>
      <Box flexDirection="column" height={rows}>
        {buffer.lines.slice(start, start + rows).map((line, offset) => {
          const row = start + offset;
          const isCursorRow = row === buffer.row;
          const before = isCursorRow ? line.slice(0, buffer.col) : line;
          const at = isCursorRow ? (line[buffer.col] ?? ' ') : '';
          const after = isCursorRow ? line.slice(buffer.col + 1) : '';
          return (
            <Box key={`${row}`} height={1}>
              <Text wrap="truncate">
                {String(row + 1).padStart(3)} {before}
                {isCursorRow ? <Text inverse>{at === ' ' ? '█' : at}</Text> : null}
                {after}
              </Text>
            </Box>
          );
        })}
      </Box>
      <Text wrap="truncate" {...(verdict.ok ? theme.pass : theme.fail)}>
        {verdict.ok ? '✔' : '✘'} {verdict.message}
      </Text>
      <Text wrap="truncate" {...theme.dim}>
        {candidates.length > 0 ? `completions: ${candidates.slice(0, 10).join('  ')}` : ''}
      </Text>
    </Pane>
  );
}
