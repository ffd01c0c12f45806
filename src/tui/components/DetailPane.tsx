// Detail pane: the selected stanza pretty-printed and coloured, or a failing step's expected/closest/diff — XEP-0045 stanzas (§7–§10)
import { Box, Text } from 'ink';
import { visibleRows } from '../rows.js';
import { type TextStyle, useTheme } from '../theme.js';
import type { DetailSection } from '../view-model.js';
import { prettyLines, tokenizeXmlLine, type XmlToken } from '../xml-lines.js';
import { innerRows, Pane } from './Pane.js';

export interface DetailPaneProps {
  sections: readonly DetailSection[];
  scroll: number;
  focused: boolean;
  width: number;
  height: number;
}

type Line =
  | { kind: 'heading' | 'text'; text: string; tone?: 'pass' | 'fail' }
  | { kind: 'xml'; tokens: XmlToken[] };

function sectionLines(sections: readonly DetailSection[]): Line[] {
  const lines: Line[] = [];
  for (const section of sections) {
    lines.push({ kind: 'heading', text: section.heading, tone: section.tone });
    for (const text of section.lines ?? [])
      lines.push({ kind: 'text', text: `  ${text}`, tone: section.tone });
    if (section.stanza) {
      for (const text of prettyLines(section.stanza))
        lines.push({ kind: 'xml', tokens: tokenizeXmlLine(`  ${text}`) });
    }
  }
  return lines;
}

export function DetailPane({ sections, scroll, focused, width, height }: DetailPaneProps) {
  const theme = useTheme();
  const lines = sectionLines(sections);
  const size = innerRows(height);
  const start = Math.max(0, Math.min(scroll, lines.length - size));
  const toneStyle = (tone?: 'pass' | 'fail'): TextStyle =>
    tone === 'fail' ? theme.fail : tone === 'pass' ? theme.pass : {};
  const tokenStyle: Record<XmlToken['kind'], TextStyle> = {
    punct: theme.dim,
    tag: theme.tag,
    attr: theme.attr,
    value: theme.value,
    text: {},
  };
  const info =
    lines.length > size
      ? `${start + 1}-${Math.min(lines.length, start + size)}/${lines.length}`
      : undefined;
  return (
    <Pane title="Detail" info={info} focused={focused} width={width} height={height}>
      {visibleRows(lines, start, size).map(({ item: line, row }) => (
        <Box key={row} height={1}>
          {line.kind === 'xml' ? (
            <Text wrap="truncate">
              {visibleRows(line.tokens).map(({ item: token, row: at }) => (
                <Text key={at} {...tokenStyle[token.kind]}>
                  {token.text}
                </Text>
              ))}
            </Text>
          ) : (
            <Text
              wrap="truncate"
              {...(line.kind === 'heading'
                ? { ...theme.strong, ...toneStyle(line.tone) }
                : toneStyle(line.tone))}
            >
              {line.text}
            </Text>
          )}
        </Box>
      ))}
    </Pane>
  );
}
