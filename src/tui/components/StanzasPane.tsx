// Stanzas pane: a virtualised log of every stanza sent and delivered, with its cause and effects marked — XEP-0045 §7.1 (order of events)
import { Box, Text } from 'ink';
import type { StanzaRow } from '../../describe/pane.js';
import { fitText } from '../fit.js';
import { windowStart } from '../layout.js';
import { type TextStyle, useTheme } from '../theme.js';
import { innerRows, Pane } from './Pane.js';

export interface StanzasPaneProps {
  rows: readonly StanzaRow[];
  selected: number;
  /** The input that caused the selected stanza and that input's other effects. */
  related: { cause: number | undefined; effects: ReadonlySet<number> };
  filter: string;
  total: number;
  focused: boolean;
  width: number;
  height: number;
}

export function StanzasPane({
  rows,
  selected,
  related,
  filter,
  total,
  focused,
  width,
  height,
}: StanzasPaneProps) {
  const theme = useTheme();
  const size = innerRows(height);
  const start = windowStart(selected, rows.length, size);
  const visible = rows.slice(start, start + size);
  const counter = rows.length === 0 ? `0/${total}` : `${selected + 1}/${rows.length}`;
  const title = filter ? `Stanzas (filter: ${filter})` : 'Stanzas';
  return (
    <Pane title={title} info={counter} focused={focused} width={width} height={height}>
      {rows.length === 0 ? (
        <Text {...theme.dim}>
          {filter ? 'No stanza matches the filter (esc clears it).' : 'No stanzas yet.'}
        </Text>
      ) : null}
      {visible.map((row, offset) => {
        const index = start + offset;
        const isSelected = index === selected;
        const isCause = row.seq === related.cause;
        const isEffect = !isSelected && related.effects.has(row.seq);
        const mark = isCause ? '◆' : isEffect ? '•' : ' ';
        let style: TextStyle = {};
        if (isSelected) style = focused ? theme.selected : theme.strong;
        else if (isCause || isEffect) style = theme.related;
        return (
          <Box key={row.seq} height={1}>
            <Text wrap="truncate" {...style}>
              {isSelected ? '>' : ' '}
              {mark}
              {String(row.seq).padStart(4)} {fitText(row.text, width)}
            </Text>
          </Box>
        );
      })}
    </Pane>
  );
}
