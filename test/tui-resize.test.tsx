// Resizing the terminal reflows the panes, and below 80×24 a clear message replaces them — the debugger's layout of XEP-0045 views (§7–§10)
import { render } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/tui/App.js';
import { FakeStdin, FakeStdout, settle } from './helpers/tui-render.js';
import { gardenSession } from './helpers/tui-session.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('resize', () => {
  it('follows the terminal size on every resize event', async () => {
    const stdout = new FakeStdout(100, 30);
    const stdin = new FakeStdin();
    const instance = render(<App session={gardenSession()} colour={false} persist={() => {}} />, {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    });
    unmount = instance.unmount;
    await settle(30);
    expect(stdout.lastFrame()).toContain('Stanzas');
    expect(stdout.lastFrame().split('\n')[1]).toHaveLength(100);

    stdout.resize(70, 20);
    await settle(30);
    expect(stdout.lastFrame()).toContain('Terminal too small: need 80×24, have 70×20');

    stdout.resize(160, 40);
    await settle(30);
    const wide = stdout.lastFrame();
    expect(wide.split('\n')[1]).toHaveLength(160);
    // Three columns now: the Script pane (the script's title), Stanzas and Room side by side.
    expect(wide.split('\n').find((row) => row.includes('Stanzas'))).toMatch(
      /The garden.*Stanzas.*Room/,
    );
  });
});
