// Detail pane: the selected stanza pretty-printed and coloured, or a failing step's expected/closest/diff — XEP-0045 stanzas (§7–§10)
import { Box, Text } from 'ink';
import { fitText } from '../fit.js';
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
  | { kind: 'xml'; text: string };

/** Every line of the sections, as a count and a way to read one: a stanza's lines are not copied. */
function sectionLines(sections: readonly DetailSection[]): {
  count: number;
  at(row: number): Line;
} {
  const parts: { count: number; at(row: number): Line }[] = [];
  for (const section of sections) {
    const { tone } = section;
    const texts = section.lines ?? [];
    const xml = section.stanza ? prettyLines(section.stanza) : [];
    parts.push({
      count: 1 + texts.length + xml.length,
      at: (row) => {
        if (row === 0) return { kind: 'heading', text: section.heading, tone };
        if (row <= texts.length) return { kind: 'text', text: `  ${texts[row - 1]}`, tone };
        return { kind: 'xml', text: xml[row - 1 - texts.length] ?? '' };
      },
    });
  }
  return {
    count: parts.reduce((sum, part) => sum + part.count, 0),
    at(row) {
      let rest = row;
      for (const part of parts) {
        if (rest < part.count) return part.at(rest);
        rest -= part.count;
      }
      return { kind: 'text', text: '' };
    },
  };
}

export function DetailPane({ sections, scroll, focused, width, height }: DetailPaneProps) {
  const theme = useTheme();
  const all = sectionLines(sections);
  const size = innerRows(height);
  const start = Math.max(0, Math.min(scroll, all.count - size));
  const lines = Array.from(
    { length: Math.max(0, Math.min(size, all.count - start)) },
    (_, offset): Line & { row: number } => ({ ...all.at(start + offset), row: start + offset }),
  );
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
    all.count > size ? `${start + 1}-${Math.min(all.count, start + size)}/${all.count}` : undefined;
  return (
    <Pane title="Detail" info={info} focused={focused} width={width} height={height}>
      {lines.map((line) => (
        <Box key={line.row} height={1}>
          {line.kind === 'xml' ? (
            <Text wrap="truncate">
              {visibleRows(tokenizeXmlLine(fitText(`  ${line.text}`, width))).map(
                ({ item: token, row: at }) => (
                  <Text key={at} {...tokenStyle[token.kind]}>
                    {token.text}
                  </Text>
                ),
              )}
            </Text>
          ) : (
            <Text
              wrap="truncate"
              {...(line.kind === 'heading'
                ? { ...theme.strong, ...toneStyle(line.tone) }
                : toneStyle(line.tone))}
            >
              {fitText(line.text, width)}
            </Text>
          )}
        </Box>
      ))}
    </Pane>
  );
}
