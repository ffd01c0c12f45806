// Detail pane: the selected stanza pretty-printed and coloured with its cause and effect, or a failing step's expected/closest/diff; long lines wrap, nothing is cut — XEP-0045 stanzas (§7–§10)
import { Box, Text } from 'ink';
import { useSession, useUi } from '../contexts.js';
import type { DetailSection } from '../detail-view.js';
import { detailSections } from '../detail-view.js';
import { useDrawn } from '../drawn.js';
import { visibleRows } from '../rows.js';
import type { PaneBoxProps } from '../session-reads.js';
import { type TextStyle, useTheme } from '../theme.js';
import { stanzaRows } from '../view-model.js';
import { lineOfRow, rowOffsets, wrapLine } from '../wrap.js';
import { prettyLines, tokenizeXmlLine, type XmlToken } from '../xml-lines.js';
import { innerColumns, innerRows, Pane } from './Pane.js';

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

interface Block {
  count: number;
  at(row: number): Line;
}

/** A list of lines wrapped to `width`, read row by row without wrapping the others. */
function wrappedBlock(
  lines: readonly string[],
  width: number,
  make: (text: string) => Line,
): Block {
  const offsets = rowOffsets(lines, width);
  return {
    count: offsets[lines.length] as number,
    at(row) {
      const { line, piece } = lineOfRow(offsets, row);
      return make(wrapLine(lines[line] as string, width)[piece] ?? '');
    },
  };
}

/** Each section as blocks of rows at this width: heading, text lines, then the stanza's XML. */
function sectionBlocks(sections: readonly DetailSection[], columns: number): Block[] {
  const blocks: Block[] = [];
  for (const section of sections) {
    const { tone } = section;
    const toned = tone ? { tone } : {};
    blocks.push(
      wrappedBlock([section.heading], columns, (text) => ({ kind: 'heading', text, ...toned })),
    );
    const texts = (section.lines ?? []).map((line) => `  ${line}`);
    if (texts.length > 0)
      blocks.push(wrappedBlock(texts, columns, (text) => ({ kind: 'text', text, ...toned })));
    if (section.stanza) {
      const xml = prettyLines(section.stanza);
      blocks.push(wrappedBlock(xml, columns - 2, (text) => ({ kind: 'xml', text: `  ${text}` })));
    }
  }
  return blocks;
}

/** How many rows the sections take in a Detail pane of `width` (for scrolling). */
export function detailRowCount(sections: readonly DetailSection[], width: number): number {
  return sectionBlocks(sections, innerColumns(width)).reduce((sum, block) => sum + block.count, 0);
}

function rowAt(blocks: readonly Block[], row: number): Line {
  let rest = row;
  for (const block of blocks) {
    if (rest < block.count) return block.at(rest);
    rest -= block.count;
  }
  return { kind: 'text', text: '' };
}

export function DetailPane({ sections, scroll, focused, width, height }: DetailPaneProps) {
  const theme = useTheme();
  const blocks = sectionBlocks(sections, innerColumns(width));
  const count = blocks.reduce((sum, block) => sum + block.count, 0);
  const size = innerRows(height);
  const start = Math.max(0, Math.min(scroll, count - size));
  const rows = Array.from({ length: Math.max(0, Math.min(size, count - start)) }, (_, offset) => ({
    ...rowAt(blocks, start + offset),
    row: start + offset,
  }));
  const toneStyle = (tone?: 'pass' | 'fail'): TextStyle =>
    tone === 'fail' ? theme.fail : tone === 'pass' ? theme.pass : {};
  const tokenStyle: Record<XmlToken['kind'], TextStyle> = {
    punct: theme.dim,
    tag: theme.tag,
    attr: theme.attr,
    value: theme.value,
    text: {},
  };
  const info = count > size ? `${start + 1}-${Math.min(count, start + size)}/${count}` : undefined;
  return (
    <Pane title="Detail" info={info} focused={focused} width={width} height={height}>
      {rows.map((line) => (
        <Box key={line.row} height={1}>
          {line.kind === 'xml' ? (
            <Text wrap="truncate">
              {visibleRows(tokenizeXmlLine(line.text)).map(({ item: token, row: at }) => (
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

/** The pane's view of the session and the UI state, drawn again only when what it reads changed. */
export function DetailView({ width, height }: PaneBoxProps) {
  const session = useSession();
  const ui = useUi();
  const { detailSource, filter, selection } = ui;
  const focused = ui.focus === 'detail';
  const inputs = [session, session.version, detailSource, filter, selection.script];
  return useDrawn([...inputs, selection.stanzas, selection.detail, focused, width, height], () => {
    const sections = detailSections(session, ui, stanzaRows(session, filter));
    const props = { sections, scroll: selection.detail, focused, width, height };
    return <DetailPane {...props} />;
  });
}
