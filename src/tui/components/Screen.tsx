// The screen: header and the panes laid out for the terminal size, or an overlay in their place — the debugger's views of XEP-0045 (§5, §7)
import { basename } from 'node:path';
import { Box } from 'ink';
import type { ReactNode } from 'react';
import type { DebugSessionApi } from '../../debugger/session-api.js';
import { computeLayout } from '../layout.js';
import type { PaneId, UiState } from '../ui-state.js';
import { detailSections, roomItems, stanzaRows } from '../view-model.js';
import { DetailPane } from './DetailPane.js';
import { ErrorPanel } from './ErrorPanel.js';
import { Header } from './Header.js';
import { HelpOverlay } from './HelpOverlay.js';
import { RoomPane } from './RoomPane.js';
import { ScriptPane } from './ScriptPane.js';
import { SideBySidePane } from './SideBySidePane.js';
import { StanzasPane } from './StanzasPane.js';
import { TransitionsPane } from './TransitionsPane.js';
import { XmlEditor } from './XmlEditor.js';

export interface ScreenProps {
  session: DebugSessionApi;
  ui: UiState;
  width: number;
  height: number;
}

export function Screen({ session, ui, width, height }: ScreenProps) {
  const layout = computeLayout(width, height, ui.chart);
  const rows = stanzaRows(session, ui.filter);
  const rooms = session.rooms();
  const items = roomItems(rooms);
  const item = items[Math.min(ui.selection.room, items.length - 1)];
  const occupant = item?.occupant ?? item?.room.occupants[0];
  const selectedRow = rows[Math.min(ui.selection.stanzas, rows.length - 1)];
  const related = selectedRow
    ? session.related(selectedRow.seq)
    : { cause: undefined, effects: [] };
  const stepBreakpoints = new Set(
    session.breakpoints.flatMap((b) => (b.kind === 'step' ? [b.index] : [])),
  );
  const scriptName =
    session.script.actions.length > 0 ? basename(session.script.file) : '(empty world)';
  const finished = session.cursor >= session.steps.length && session.steps.length > 0;
  const bodyHeight = layout.bodyHeight;

  const pane = (id: PaneId, paneWidth: number, paneHeight: number) => {
    const focused = ui.focus === id;
    switch (id) {
      case 'script':
        return (
          <ScriptPane
            key={id}
            steps={session.steps}
            cursor={session.cursor}
            selected={ui.selection.script}
            breakpoints={stepBreakpoints}
            title={`Script: ${scriptName}`}
            focused={focused}
            width={paneWidth}
            height={paneHeight}
          />
        );
      case 'stanzas':
        if (ui.sideBySide)
          return (
            <SideBySidePane
              key={id}
              columns={ui.sideBySide}
              selected={ui.selection.stanzas}
              focused={focused}
              width={paneWidth}
              height={paneHeight}
            />
          );
        return (
          <StanzasPane
            key={id}
            rows={rows}
            selected={Math.min(ui.selection.stanzas, Math.max(0, rows.length - 1))}
            related={{ cause: related.cause, effects: new Set(related.effects) }}
            filter={ui.filter}
            total={rows.length}
            focused={focused}
            width={paneWidth}
            height={paneHeight}
          />
        );
      case 'detail':
        return (
          <DetailPane
            key={id}
            sections={detailSections(session, ui, rows)}
            scroll={ui.selection.detail}
            focused={focused}
            width={paneWidth}
            height={paneHeight}
          />
        );
      case 'room':
        return (
          <RoomPane
            key={id}
            rooms={rooms}
            selected={ui.selection.room}
            focused={focused}
            width={paneWidth}
            height={paneHeight}
          />
        );
      case 'transitions':
        return (
          <TransitionsPane
            key={id}
            transitions={session.transitions()}
            chart={ui.chart}
            room={item?.room}
            occupant={occupant}
            selected={ui.selection.transitions}
            focused={focused}
            width={paneWidth}
            height={paneHeight}
          />
        );
    }
  };

  let body: ReactNode;
  if (ui.mode === 'help')
    body = <HelpOverlay scroll={ui.helpScroll} width={width} height={bodyHeight} />;
  else if (ui.mode === 'xml' && ui.xml)
    body = (
      <XmlEditor
        client={ui.xml.client}
        buffer={ui.xml.buffer}
        candidates={ui.candidates}
        width={width}
        height={bodyHeight}
      />
    );
  else if (ui.failure)
    body = (
      <ErrorPanel
        title="Engine error"
        message={ui.failure.message}
        stack={ui.failure.stack}
        width={width}
        height={bodyHeight}
      />
    );
  else {
    body = (
      <Box flexDirection="row" height={layout.bodyHeight}>
        {layout.columns.map((column) => (
          <Box key={column.panes[0]?.id} flexDirection="column" width={column.width}>
            {column.panes.map((box) => pane(box.id, column.width, box.height))}
          </Box>
        ))}
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      <Header
        room={item?.room}
        step={session.cursor}
        steps={session.steps.length}
        script={scriptName}
        state={ui.mode === 'running' ? 'running' : finished ? 'finished' : 'paused'}
        width={width}
      />
      {body}
    </Box>
  );
}
