// Raw XML editor: type a stanza as a client, validated as you type, sent with ctrl-s — XEP-0045 stanzas by hand (§7–§10)
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { windowAround } from '../fit.js';
import { bufferText, type TextBuffer } from '../text-buffer.js';
import { useTheme } from '../theme.js';
import { type Verdict, validateStanza } from '../validate-stanza.js';
import { innerRows, Pane } from './Pane.js';

export interface XmlEditorProps {
  client: string;
  buffer: TextBuffer;
  candidates: readonly string[];
  width: number;
  height: number;
}

/** How long typing must pause before the buffer is validated again. */
export const VALIDATE_AFTER_MS = 120;

/**
 * The buffer's verdict, computed once typing pauses: keys and a 1 MB paste stay instant, and
 * the verdict follows a moment later (ctrl-s validates the buffer it sends in any case).
 */
function useVerdict(buffer: TextBuffer): Verdict | undefined {
  const [verdict, setVerdict] = useState<{ buffer: TextBuffer; verdict: Verdict }>();
  useEffect(() => {
    const timer = setTimeout(
      () => setVerdict({ buffer, verdict: validateStanza(bufferText(buffer)) }),
      VALIDATE_AFTER_MS,
    );
    return () => clearTimeout(timer);
  }, [buffer]);
  return verdict?.buffer === buffer ? verdict.verdict : undefined;
}

export function XmlEditor({ client, buffer, candidates, width, height }: XmlEditorProps) {
  const theme = useTheme();
  const verdict = useVerdict(buffer);
  const columns = Math.max(1, width - 8);
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
          const shown = windowAround(line, isCursorRow ? buffer.col : 0, columns);
          const before = isCursorRow ? shown.text.slice(0, shown.at) : shown.text;
          const at = isCursorRow ? (shown.text[shown.at] ?? ' ') : '';
          const after = isCursorRow ? shown.text.slice(shown.at + 1) : '';
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
      {verdict ? (
        <Text wrap="truncate" {...(verdict.ok ? theme.pass : theme.fail)}>
          {verdict.ok ? '✔' : '✘'} {verdict.message.slice(0, 2 * width)}
        </Text>
      ) : (
        <Text {...theme.dim}>… checking</Text>
      )}
      <Text wrap="truncate" {...theme.dim}>
        {candidates.length > 0 ? `completions: ${candidates.slice(0, 10).join('  ')}` : ''}
      </Text>
    </Pane>
  );
}
