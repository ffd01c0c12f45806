// Test helpers: render the real debugger with ink-testing-library and drive it with keys — for the XEP-0045 debugger's tests (§7–§10)
import { EventEmitter } from 'node:events';
import { render } from 'ink-testing-library';
import type { DebugSession } from '../../src/debugger/debug-session.js';
import { App, type AppProps } from '../../src/tui/App.js';
import type { Size } from '../../src/tui/use-terminal-size.js';

export const KEY = {
  tab: '\t',
  shiftTab: '\u001b[Z',
  esc: '\u001b',
  enter: '\r',
  up: '\u001b[A',
  down: '\u001b[B',
  backspace: '\u007f',
  ctrlS: '\u0013',
  pageDown: '\u001b[6~',
} as const;

/** A macrotask (and a little more: ink may throttle frames). */
export function settle(ms = 15): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface Rendered {
  frame(): string;
  press(...keys: string[]): Promise<void>;
  type(text: string): Promise<void>;
  files: Map<string, string>;
  exited(): boolean;
  unmount(): void;
}

export async function renderApp(
  session: DebugSession,
  options: {
    size?: Size;
    colour?: boolean;
    recordPath?: string;
    /** Lessons: the script's path and how to open another. */
    lessons?: Pick<AppProps, 'scriptPath' | 'openScript' | 'lessonsFolder'>;
  } = {},
): Promise<Rendered> {
  const files = new Map<string, string>();
  let exited = false;
  const instance = render(
    <App
      session={session}
      colour={options.colour ?? false}
      recordPath={options.recordPath}
      persist={(path, recording) => {
        if (path.startsWith('/forbidden')) throw new Error('EACCES: permission denied');
        files.set(path, recording.text);
      }}
      size={options.size ?? { width: 100, height: 40 }}
      {...options.lessons}
      onExit={() => {
        exited = true;
      }}
    />,
  );
  const frame = () => instance.lastFrame() ?? '';
  /** Waits a macrotask, then until the frame stops changing (slow machines, queued engine work). */
  const stable = async () => {
    await settle();
    let previous = frame();
    for (let waited = 0; waited < 1000; waited += 10) {
      await settle(10);
      const current = frame();
      if (current === previous) return;
      previous = current;
    }
  };
  await stable();
  return {
    frame,
    async press(...keys) {
      for (const key of keys) {
        instance.stdin.write(key);
        await stable();
      }
    },
    async type(text) {
      for (const char of text) instance.stdin.write(char);
      await stable();
    },
    files,
    exited: () => exited,
    unmount: () => instance.unmount(),
  };
}

/** A terminal whose size can change (ink-testing-library's is fixed at 100 columns and no rows). */
export class FakeStdout extends EventEmitter {
  isTTY = true;
  frames: string[] = [];
  onFrame: (() => void) | undefined;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (chunk: string) => {
    this.frames.push(chunk);
    this.onFrame?.();
    return true;
  };
  lastFrame(): string {
    return this.frames.at(-1) ?? '';
  }
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

export class FakeStdin extends EventEmitter {
  isTTY = true;
  data: string | null = null;
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => {
    const { data } = this;
    this.data = null;
    return data;
  };
  press(data: string) {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
}
