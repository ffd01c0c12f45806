// The terminal debugger: one input dispatcher over the key table, the screen inside an error boundary, and the footer — stepping XEP-0045 scenarios (§7–§10)
import { Box, useApp, useInput, useStdin } from 'ink';
import { useMemo, useRef, useState } from 'react';
import type { DebugSessionApi } from '../debugger/session-api.js';
import type { CompareSource } from './compare-streams.js';
import { ErrorBoundary } from './components/ErrorBoundary.js';
import { Footer } from './components/Footer.js';
import { Screen } from './components/Screen.js';
import { TooSmall } from './components/TooSmall.js';
import { createController } from './controller.js';
import { dispatchKey, type KeyFlags, splitChunk } from './input-dispatcher.js';
import { tooSmall } from './layout.js';
import { makeTheme, ThemeContext } from './theme.js';
import { initialUi, type UiState } from './ui-state.js';
import { type Size, useTerminalSize } from './use-terminal-size.js';

export interface AppProps {
  session: DebugSessionApi;
  /** Colour on or off (NO_COLOR / FORCE_COLOR / TTY, decided by the caller). */
  colour: boolean;
  /** Where to rewrite the recording after every step (`--record`). */
  recordPath?: string;
  /** Writes a file; may throw (the error is shown in the message line). */
  persist(path: string, text: string): void;
  /** A fixed size instead of the terminal's (tests). */
  size?: Size;
  /** Called once the user quits. */
  onExit?: () => void;
  /** Only with --server: the simulator's side of the side-by-side view (`d`). */
  compare?: CompareSource;
}

export function App({
  session,
  colour,
  recordPath,
  persist,
  size: fixedSize,
  onExit,
  compare,
}: AppProps) {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const size = useTerminalSize(fixedSize);
  const sizeRef = useRef(size);
  sizeRef.current = size;
  const uiRef = useRef<UiState>(initialUi(recordPath));
  const [ui, setUiState] = useState(uiRef.current);
  const [version, setVersion] = useState(0);
  const theme = useMemo(() => makeTheme(colour), [colour]);

  const controller = useMemo(
    () =>
      createController({
        session,
        getUi: () => uiRef.current,
        setUi: (update) => {
          uiRef.current = update(uiRef.current);
          setUiState(uiRef.current);
        },
        refresh: () => setVersion((value) => value + 1),
        exit: () => {
          onExit?.();
          exit();
        },
        persist,
        size: () => sizeRef.current,
        ...(compare && { compare }),
      }),
    [session, persist, exit, onExit, compare],
  );

  useInput(
    (input, key) => {
      // A pasted block goes into a text input whole; elsewhere each character is a key.
      const textMode = ['command', 'filter', 'xml'].includes(uiRef.current.mode);
      const presses: [string, KeyFlags][] = textMode ? [[input, key]] : splitChunk(input, key);
      for (const [text, flags] of presses) {
        const dispatched = dispatchKey(uiRef.current.mode, uiRef.current.focus, text, flags);
        if (dispatched.kind === 'action') controller.perform(dispatched.action);
        else if (dispatched.kind === 'text') controller.type(dispatched.text);
      }
    },
    // Never ask for raw mode without a TTY (ink throws "Raw mode is not supported").
    { isActive: isRawModeSupported === true },
  );

  const small = tooSmall(size.width, size.height);
  return (
    <ThemeContext.Provider value={theme}>
      {small ? (
        <TooSmall width={size.width} height={size.height} />
      ) : (
        <Box flexDirection="column" width={size.width} height={size.height}>
          <ErrorBoundary resetKey={version} width={size.width} height={size.height - 2}>
            <Screen session={session} ui={ui} width={size.width} height={size.height} />
          </ErrorBoundary>
          <Footer
            mode={ui.mode}
            line={ui.line}
            message={ui.message}
            candidates={ui.candidates}
            speedMs={ui.speedMs}
            width={size.width}
          />
        </Box>
      )}
    </ThemeContext.Provider>
  );
}
