// One session's debugger: the session and the UI store behind split contexts, one key queue over the key table, the screen inside an error boundary — stepping XEP-0045 scenarios (§7–§10)
import { Box, useApp, useInput, useStdin } from 'ink';
import { type ReactNode, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { DebugSession } from '../debugger/debug-session.js';
import type { RecordingText } from '../debugger/growing-recording.js';
import { createUiActions, type UiActions } from './actions.js';
import type { CompareSource } from './compare-streams.js';
import { ErrorBoundary } from './components/ErrorBoundary.js';
import { Footer } from './components/Footer.js';
import { Screen } from './components/Screen.js';
import { TooSmall } from './components/TooSmall.js';
import { SessionContext, UiActionsContext, UiStateContext, useSession } from './contexts.js';
import { dispatchKey, type KeyFlags, splitChunk, TEXT_MODES } from './input-dispatcher.js';
import { createKeyQueue } from './key-queue.js';
import { tooSmall } from './layout.js';
import type { LessonLibrary } from './lessons.js';
import { messageRows } from './message-line.js';
import { searchStatus } from './search.js';
import { makeTheme, ThemeContext } from './theme.js';
import { createUiStore, initialUi, type Message, type UiState, type UiStore } from './ui-state.js';
import { type Size, useTerminalSize } from './use-terminal-size.js';

export interface SessionAppProps {
  session: DebugSession;
  /** The lessons to move between (`o`, `]`, `[`, `:open`). */
  lessons?: LessonLibrary;
  /** The first message (after opening a lesson). */
  greeting?: Message;
  /** Colour on or off (NO_COLOR / FORCE_COLOR / TTY, decided by the caller). */
  colour: boolean;
  /** Where to rewrite the recording after every step (`--record`). */
  recordPath?: string;
  /** Writes a file; may throw (the error is shown in the message line). */
  persist(path: string, recording: RecordingText): void;
  /** A fixed size instead of the terminal's (tests). */
  size?: Size;
  /** Called once the user quits. */
  onExit?: () => void;
  /** Only with --server: the simulator's side of the side-by-side view (`d`). */
  compare?: CompareSource;
}

/** The terminal's keys, one at a time through the key queue, dispatched on the key table. */
function useKeys(store: UiStore, actions: UiActions, quit: () => void): void {
  const { isRawModeSupported } = useStdin();
  const keys = useMemo(
    () =>
      createKeyQueue(([text, flags]: [string, KeyFlags]) => {
        const { mode, focus, search } = store.getState();
        // Outside a text input, each character of a run is a key of its own.
        if (text.length > 1 && !TEXT_MODES.has(mode)) {
          const chars = [...text].map((char): [string, KeyFlags] => [
            char,
            { shift: /[A-Z]/.test(char) },
          ]);
          keys.pushFront(chars);
          return;
        }
        const dispatched = dispatchKey(mode, focus, text, flags, search !== undefined);
        if (dispatched.kind === 'action') return actions.perform(dispatched.action);
        if (dispatched.kind === 'text') actions.type(dispatched.text);
      }),
    [store, actions],
  );
  useInput(
    (input, key) => {
      // ctrl-c never waits behind a step.
      if (key.ctrl && input === 'c') return quit();
      keys.push(splitChunk(input, key, true));
    },
    // Never ask for raw mode without a TTY (ink throws "Raw mode is not supported").
    { isActive: isRawModeSupported === true },
  );
}

/** Clears a drawing error when the session changes; subscribed itself, so the screen inside is redrawn by its own subscribers. */
function SessionBoundary(props: { width: number; height: number; children: ReactNode }) {
  const { version } = useSession();
  return <ErrorBoundary resetKey={version} {...props} />;
}

/** The footer, with the search's counter as the session's trace grows. */
function SessionFooter({ ui, width }: { ui: UiState; width: number }) {
  const search = searchStatus(useSession(), ui);
  return <Footer ui={ui} width={width} {...(search && { search })} />;
}

export function SessionApp(props: SessionAppProps) {
  const { session, colour, recordPath, persist, size: fixedSize, onExit, compare, lessons } = props;
  const { exit } = useApp();
  const size = useTerminalSize(fixedSize);
  const sizeRef = useRef(size);
  sizeRef.current = size;
  const greeting = props.greeting;
  const store = useMemo(
    () => createUiStore({ ...initialUi(recordPath), ...(greeting && { message: greeting }) }),
    [recordPath, greeting],
  );
  // The app redraws on a change of the UI state; a change of the session reaches the components
  // that read it, each subscribed (useSession).
  const ui = useSyncExternalStore(store.subscribe, store.getState);
  const theme = useMemo(() => makeTheme(colour), [colour]);

  const quit = useMemo(
    () => () => {
      // Real clients leave their rooms while the recording still follows the session (the
      // command line awaits the same close, and reports what fails).
      session.doorway.close().catch(() => undefined);
      onExit?.();
      exit();
    },
    [session, onExit, exit],
  );
  const actions = useMemo(
    () =>
      createUiActions({
        session,
        store,
        exit: quit,
        persist,
        size: () => sizeRef.current,
        ...(compare && { compare }),
        ...(lessons && { lessons }),
      }),
    [session, store, persist, quit, compare, lessons],
  );
  useKeys(store, actions, quit);
  useEffect(() => session.doorway.onAdmit(actions.realClientStep), [session, actions]);

  if (tooSmall(size.width, size.height)) {
    return (
      <ThemeContext.Provider value={theme}>
        <TooSmall width={size.width} height={size.height} />
      </ThemeContext.Provider>
    );
  }
  return (
    <ThemeContext.Provider value={theme}>
      <SessionContext.Provider value={session}>
        <UiActionsContext.Provider value={actions}>
          <UiStateContext.Provider value={ui}>
            <Box flexDirection="column" width={size.width} height={size.height}>
              <SessionBoundary
                width={size.width}
                height={size.height - 1 - messageRows(ui, size.width).length}
              >
                <Screen width={size.width} height={size.height} />
              </SessionBoundary>
              <SessionFooter ui={ui} width={size.width} />
            </Box>
          </UiStateContext.Provider>
        </UiActionsContext.Provider>
      </SessionContext.Provider>
    </ThemeContext.Provider>
  );
}
