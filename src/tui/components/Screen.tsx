// The screen: header and the panes laid out for the terminal size, or an overlay in their place — the debugger's views of XEP-0045 (§5, §7)
import { Box } from 'ink';
import { useSession, useUi } from '../contexts.js';
import { doorMark } from '../door-marks.js';
import { layoutFor } from '../layout.js';
import { type PaneBoxProps, useScriptHeading, useSelectedRoom } from '../session-reads.js';
import type { PaneId } from '../ui-state.js';
import { DetailView } from './DetailPane.js';
import { ErrorPanel } from './ErrorPanel.js';
import { Header } from './Header.js';
import { HelpOverlay } from './HelpOverlay.js';
import { LessonMenu } from './LessonMenu.js';
import { RoomPaneView } from './RoomPane.js';
import { ScriptView } from './ScriptPane.js';
import { StanzasView } from './StanzasPane.js';
import { TransitionsView } from './TransitionsPane.js';
import { UsersView } from './UsersPane.js';
import { XmlEditor } from './XmlEditor.js';

export interface ScreenProps {
  width: number;
  height: number;
}

/** Each pane's view, which reads what it shows of the session itself (subscribed). */
const VIEWS: Record<PaneId, (props: PaneBoxProps) => ReturnType<typeof ScriptView>> = {
  script: ScriptView,
  stanzas: StanzasView,
  detail: DetailView,
  room: RoomPaneView,
  transitions: TransitionsView,
  users: UsersView,
};

function Body({ width, height }: ScreenProps) {
  const ui = useUi();
  const layout = layoutFor(ui, width, height);
  const bodyHeight = layout.bodyHeight;
  if (ui.mode === 'help')
    return <HelpOverlay scroll={ui.helpScroll} width={width} height={bodyHeight} />;
  if (ui.mode === 'lessons') return <LessonMenu width={width} height={bodyHeight} />;
  if (ui.mode === 'xml' && ui.xml) {
    const { client, buffer } = ui.xml;
    const props = { client, buffer, candidates: ui.candidates, width, height: bodyHeight };
    return <XmlEditor {...props} />;
  }
  if (ui.failure) {
    const { message, stack } = ui.failure;
    const props = { message, stack, width, height: bodyHeight };
    return <ErrorPanel title="Engine error" {...props} />;
  }
  return (
    <Box flexDirection="row" height={bodyHeight}>
      {layout.columns.map((column) => (
        <Box key={column.panes[0]?.id} flexDirection="column" width={column.width}>
          {column.panes.map((box) => {
            const View = VIEWS[box.id];
            return <View key={box.id} width={column.width} height={box.height} />;
          })}
        </Box>
      ))}
    </Box>
  );
}

/** The header: subscribed to the session itself, so a step redraws it without the panes' layout. */
function SessionHeader({ width }: { width: number }) {
  const session = useSession();
  const ui = useUi();
  const { room } = useSelectedRoom();
  const finished = session.cursor >= session.steps.length && session.steps.length > 0;
  const state = ui.mode === 'running' ? 'running' : finished ? 'finished' : 'paused';
  const door = session.doorway.door;
  return (
    <Header
      room={room}
      step={session.cursor}
      steps={session.steps.length}
      script={useScriptHeading()}
      state={state}
      {...(door && { door: doorMark(door) })}
      width={width}
      extras={session.extras}
    />
  );
}

export function Screen({ width, height }: ScreenProps) {
  return (
    <Box flexDirection="column" width={width}>
      <SessionHeader width={width} />
      <Body width={width} height={height} />
    </Box>
  );
}
