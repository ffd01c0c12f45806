// Stanzas pane: a virtualised log of every stanza sent and delivered, each with its fate (matched, skipped, dropped, server-made), its cause and effects marked, and the selected one shown whole — XEP-0045 §7.1 (order of events)
import { Box, Text } from 'ink';
import type { StanzaRow } from '../../describe/pane.js';
import { useSession, useUi } from '../contexts.js';
import { useDrawn } from '../drawn.js';
import { fitText } from '../fit.js';
import { listWindow } from '../layout.js';
import { CAUSE_MARK, EFFECT_MARK, fateMark } from '../marks.js';
import { visibleRows } from '../rows.js';
import { type PaneBoxProps, searchOn } from '../session-reads.js';
import { type TextStyle, useTheme } from '../theme.js';
import { type StanzaRowList, stanzaRows } from '../view-model.js';
import { wrapLine } from '../wrap.js';
import { innerColumns, innerRows, Pane } from './Pane.js';
import { SideBySidePane } from './SideBySidePane.js';

export interface StanzasPaneProps {
  rows: StanzaRowList;
  selected: number;
  /** The input that caused the selected stanza and that input's other effects. */
  related: { cause: number | undefined; effects: ReadonlySet<number> };
  /** The fate mark of a row (see marks.ts); a blank when nothing happened to it. */
  fate?: (row: StanzaRow) => string;
  filter: string;
  /** The search in force on this pane: its label in the title, its counter on the right. */
  search?: { label: string; counter: string };
  total: number;
  focused: boolean;
  width: number;
  height: number;
}

function titleOf(filter: string, search: string | undefined): string {
  const parts = ['Stanzas'];
  if (filter) parts.push(`(filter: ${filter})`);
  if (search) parts.push(search);
  return parts.join(' ');
}

export function StanzasPane(props: StanzasPaneProps) {
  const { rows, selected, related, fate, filter, search, total, focused, width, height } = props;
  const theme = useTheme();
  const size = innerRows(height);
  const columns = innerColumns(width);
  const lineOf = (row: StanzaRow, index: number, text: string) => {
    const isSelected = index === selected;
    const mark =
      row.seq === related.cause
        ? CAUSE_MARK
        : !isSelected && related.effects.has(row.seq)
          ? EFFECT_MARK
          : ' ';
    return `${isSelected ? '>' : ' '}${mark}${String(row.seq).padStart(4)} ${fate?.(row) ?? ' '} ${text}`;
  };
  const current = rows.at(selected);
  // The selected stanza is shown whole, over as many rows as it needs.
  const whole = current
    ? wrapLine(lineOf(current, selected, current.text), columns, 9).slice(0, size)
    : [];
  const { start, end } = listWindow(rows.length, selected, size, whole.length);
  const counter =
    search?.counter ?? (rows.length === 0 ? `0/${total}` : `${selected + 1}/${rows.length}`);
  const styleOf = (row: StanzaRow, index: number): TextStyle => {
    if (index === selected) return focused ? theme.selected : theme.strong;
    if (row.seq === related.cause || related.effects.has(row.seq)) return theme.related;
    return {};
  };
  return (
    <Pane
      title={titleOf(filter, search?.label)}
      info={counter}
      focused={focused}
      width={width}
      height={height}
    >
      {rows.length === 0 ? (
        <Text {...theme.dim}>
          {filter ? 'No stanza matches the filter (esc clears it).' : 'No stanzas yet.'}
        </Text>
      ) : null}
      {rows.slice(start, end).flatMap((row, offset) => {
        const index = start + offset;
        const texts = index === selected ? whole : [lineOf(row, index, fitText(row.text, width))];
        return visibleRows(texts).map(({ item: text, row: piece }) => (
          <Box key={`${row.seq}-${piece}`} height={1}>
            <Text wrap="truncate" {...styleOf(row, index)}>
              {text}
            </Text>
          </Box>
        ));
      })}
    </Pane>
  );
}

/** The pane's view of the session and the UI state, drawn again only when what it reads changed. */
export function StanzasView({ width, height }: PaneBoxProps) {
  const session = useSession();
  const ui = useUi();
  const focused = ui.focus === 'stanzas';
  const { sideBySide, filter } = ui;
  const wanted = ui.selection.stanzas;
  const search = searchOn(session, ui, 'stanzas');
  const inputs = [session, session.version, sideBySide, filter, search?.label, search?.counter];
  return useDrawn([...inputs, wanted, focused, width, height], () => {
    if (sideBySide) {
      const props = { columns: sideBySide, selected: wanted, focused, width, height };
      return <SideBySidePane {...props} />;
    }
    const rows = stanzaRows(session, filter);
    const selected = Math.min(wanted, Math.max(0, rows.length - 1));
    const row = rows.at(selected);
    const related = row ? session.related(row.seq) : { cause: undefined, effects: [] };
    return (
      <StanzasPane
        rows={rows}
        selected={selected}
        related={{ cause: related.cause, effects: new Set(related.effects) }}
        fate={(shown) => fateMark(session, shown)}
        filter={filter}
        {...(search && { search })}
        total={rows.length}
        focused={focused}
        width={width}
        height={height}
      />
    );
  });
}
