// Starts the ink app on the alternate screen and restores the terminal on exit and on crash — the interactive XEP-0045 debugger (§7–§10)
import { type Instance, render } from 'ink';
import type { DebugSession } from '../debugger/debug-session.js';
import type { RecordingText } from '../debugger/growing-recording.js';
import { App, type AppProps } from './App.js';
import type { CompareSource } from './compare-streams.js';

export interface StartOptions {
  session: DebugSession;
  colour: boolean;
  recordPath?: string;
  persist(path: string, recording: RecordingText): void;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  /** With --server: the simulator's side of the side-by-side view (`d`). */
  compare?: CompareSource;
  /** The script being debugged, and how to open another (`o`, `]`, `[`, `:open`). */
  scriptPath?: string;
  openScript?: AppProps['openScript'];
  lessonsFolder?: string;
}

const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';

/** Runs the debugger until the user quits. Console output is held back while the screen is ours. */
export async function startTui(options: StartOptions): Promise<void> {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  let restored = false;
  let instance: Instance | undefined;
  /** Unmounts ink first (it draws a last frame), then leaves the alternate screen. */
  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      instance?.unmount();
    } catch {
      // Already unmounted or broken: the screen still has to be restored.
    }
    stdout.write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
  };
  const onCrash = (error: unknown) => {
    restore();
    process.stderr.write(
      `mucsim tui crashed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(70);
  };
  const held: string[] = [];
  const saved = { log: console.log, warn: console.warn, error: console.error };
  const hold = (...args: unknown[]) => {
    held.push(args.map(String).join(' '));
  };
  console.log = hold;
  console.warn = hold;
  console.error = hold;
  const onSignal = (signal: NodeJS.Signals) => {
    restore();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  stdout.write(ENTER_ALTERNATE_SCREEN);
  try {
    instance = render(
      <App
        session={options.session}
        colour={options.colour}
        recordPath={options.recordPath}
        persist={options.persist}
        compare={options.compare}
        scriptPath={options.scriptPath}
        openScript={options.openScript}
        lessonsFolder={options.lessonsFolder}
      />,
      { stdout, stdin, exitOnCtrlC: false, patchConsole: false },
    );
    // After ink's own exit hook, so a process.exit() elsewhere still restores the screen last.
    process.on('exit', restore);
    await instance.waitUntilExit();
  } finally {
    instance = undefined;
    restore();
    Object.assign(console, saved);
    process.off('exit', restore);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    if (process.env.MUCSIM_DEBUG && held.length > 0) process.stderr.write(`${held.join('\n')}\n`);
  }
}
