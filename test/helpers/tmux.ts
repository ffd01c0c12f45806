// Test helper: the real `mucsim tui` in a tmux pane of a given size, read as a person reads the screen, waiting for what is asserted (never sleeping and hoping) — end-to-end tests of the XEP-0045 debugger
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './suite.js';

export const BIN = join(REPO_ROOT, 'dist', 'bin', 'mucsim.js');
export const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;

/** Builds dist/ when a test runs without `npm test`'s build. */
export function ensureBuilt(): void {
  if (!existsSync(BIN)) spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT });
}

/** Polls `read` until `predicate` holds for what it returns; the error shows the last reading. */
export async function waitUntil(
  read: () => string,
  predicate: (text: string) => boolean,
  what: string,
  ms = 30_000,
): Promise<string> {
  const until = Date.now() + ms;
  let text = read();
  while (!predicate(text)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; it was:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    text = read();
  }
  return text;
}

/** One tmux server per test file (its own socket), one window per terminal. */
export class Terminal {
  private static sockets = 0;
  readonly socket = `mucsim-tui-${process.pid}-${Terminal.sockets++}`;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {}

  /** Starts `mucsim <args>` in `cwd`, as in a person's terminal (CI unset: ink draws every frame), with NO_COLOR unless `colour`. */
  start(args: string, cwd = REPO_ROOT, { colour = false } = {}): void {
    const noColour = colour ? '' : ' NO_COLOR=1';
    const command = `cd ${cwd} && env -u CI${noColour} node ${BIN} ${args}; echo "EXITED $?"; sleep 60`;
    this.tmux(
      'new-session',
      '-d',
      '-s',
      'tui',
      '-x',
      String(this.width),
      '-y',
      String(this.height),
      command,
    );
  }

  /** The process of `mucsim` itself (the pane's shell's child), to kill it as a crash would. */
  mucsimPid(): number {
    const shell = this.tmux('list-panes', '-t', 'tui', '-F', '#{pane_pid}').trim();
    const child = spawnSync('pgrep', ['-P', shell], { encoding: 'utf8' }).stdout.trim();
    if (!/^\d+$/.test(child)) throw new Error(`no single mucsim process under the pane: ${child}`);
    return Number(child);
  }

  stop(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'tui');
  }

  /** Key names as tmux knows them (`n`, `Enter`, `Escape`, `BTab`…), one write each. */
  keys(...keys: string[]): void {
    for (const key of keys) this.tmux('send-keys', '-t', 'tui', key);
  }

  /** Text sent in one write, control characters included (a paste, fast typing). */
  paste(text: string): void {
    this.tmux('send-keys', '-t', 'tui', '-l', text);
  }

  /** Polls the screen until `predicate` holds; the error shows the last screen. */
  waitFor(predicate: (text: string) => boolean, what: string, ms = 30_000): Promise<string> {
    return waitUntil(() => this.screen(), predicate, what, ms);
  }

  /** Waits until the screen contains `text` (a string or a pattern). */
  waitForText(text: string | RegExp, ms?: number): Promise<string> {
    const found = (screen: string) =>
      typeof text === 'string' ? screen.includes(text) : text.test(screen);
    return this.waitFor(found, String(text), ms);
  }

  /** Presses `n` until the step counter says `step`, one press per step (the next waits for the counter). */
  async stepTo(step: number): Promise<string> {
    let screen = this.screen();
    for (;;) {
      const at = Number(/step (\d+)\/\d+/.exec(screen)?.[1] ?? 0);
      if (at >= step) return screen;
      this.keys('n');
      screen = await this.waitFor(
        (text) => Number(/step (\d+)\/\d+/.exec(text)?.[1] ?? 0) > at,
        `step ${at + 1}`,
      );
    }
  }

  private tmux(...args: string[]): string {
    const result = spawnSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  }
}

/** The selected row of the Stanzas pane: its sequence number. */
export function selectedSeq(screen: string): number | undefined {
  const found = /[│║]>[◆• ]\s*(\d+) /.exec(screen);
  return found ? Number(found[1]) : undefined;
}
