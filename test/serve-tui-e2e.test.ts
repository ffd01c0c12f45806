// `mucsim serve --tui` and `:serve` end to end: the real binary in tmux, a real client (@xmpp/client in a child process) joins, a typed virtual moderator kicks it, time travel is refused, pausing holds its message, and the saved session replays green — XEP-0045 §7.2, §7.4, §8.2 with a real client
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempFiles } from './helpers/cli.js';
import { REPO_ROOT } from './helpers/suite.js';
import { ensureBuilt, HAS_TMUX, Terminal, waitUntil } from './helpers/tmux.js';

const REAL_CLIENT = join(REPO_ROOT, 'test', 'helpers', 'real-client.mjs');
const ROOM = 'garden@conference.localhost';

if (!HAS_TMUX) {
  console.warn('serve-tui-e2e: tmux is not installed, so the terminal end-to-end test is SKIPPED');
}

/** Types a line into the debugger (`:` opens its command line) and waits for the outcome. */
async function command(terminal: Terminal, line: string, outcome: string): Promise<string> {
  terminal.keys(':');
  await terminal.waitForText(':█');
  terminal.paste(line);
  terminal.keys('Enter');
  return terminal.waitForText(outcome);
}

/** Romeo: @xmpp/client in a child process, joining the garden; what it prints is kept. */
function realRomeo(port: number): { child: ChildProcess; output: () => string } {
  const child = spawn(
    process.execPath,
    [REAL_CLIENT, String(port), 'romeo', 'balcony', ROOM, 'Romeo'],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { child, output: () => output };
}

const children: ChildProcess[] = [];
const terminals: Terminal[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const terminal of terminals.splice(0)) terminal.stop();
});

/** A person's 160×48 terminal. */
function openTerminal(args: string, cwd: string): Terminal {
  ensureBuilt();
  const terminal = new Terminal(160, 48);
  terminals.push(terminal);
  terminal.start(args, cwd);
  return terminal;
}

const PORTS = /tcp:(\d+) ws:(\d+) · (\d+) clients?/;

describe.skipIf(!HAS_TMUX)('mucsim serve --tui in a terminal (tmux 160×48)', () => {
  it('a real client joins, is held while paused, is kicked by a typed moderator, and the session replays green', async () => {
    const dir = tempFiles({});
    const terminal = openTerminal('serve --tui --port 0 --ws-port 0 --record recorded.scs', dir);
    const first = await terminal.waitForText(PORTS);
    const port = Number(PORTS.exec(first)?.[1]);
    expect(first).toMatch(
      /mucsim │ door tcp:\d+ ws:\d+ · 0 clients │ mucsim serve --tui: real clients .*│ step 0\/0/,
    );
    expect(first).not.toContain('session.scs');

    await command(terminal, 'nurse connect', 'step 1: Nurse connects');
    await command(terminal, 'nurse join garden/Nurse', 'step 2: Nurse sent');
    await command(terminal, 'nurse config garden instant', 'step 3: Nurse sent');
    // Before a real client acts, time travel works as usual.
    terminal.keys('b');
    await terminal.waitForText('back to step 2');
    terminal.keys('n');
    await terminal.waitFor((text) => /step 3\/3/.test(text), 'step 3 again');

    const romeo = realRomeo(port);
    children.push(romeo.child);
    const joined = await terminal.waitFor(
      (text) => text.includes('5. Romeo sends [tcp]') && text.includes('· 1 client │'),
      "Romeo's join in the Script pane",
    );
    expect(joined).toContain('4. Romeo connects [tcp]');
    expect(joined).toMatch(/Romeo → presence to garden\/Romeo: join/);
    expect(joined).toMatch(/- Romeo +none +romeo@localhost\/balcony/);
    await waitUntil(
      romeo.output,
      (text) => text.includes('status code="110"'),
      'the self-presence',
    );

    terminal.keys('p');
    await terminal.waitForText('door paused, 0 held · tcp:');
    romeo.child.stdin?.write('Where is Juliet?\n');
    const held = await terminal.waitForText('door paused, 1 held');
    // The Script pane is narrow at 160 columns: the summary is cut there.
    expect(held).toContain('⏸ held: Romeo → message groupchat to');
    expect(held).not.toContain('6. Romeo sends');
    expect(romeo.output()).not.toContain('Where is Juliet?');
    terminal.keys('p');
    const resumed = await terminal.waitForText('door resumed: 1 held action ran');
    expect(resumed).toContain('6. Romeo sends [tcp]');
    expect(resumed).not.toContain('⏸ held');
    await waitUntil(romeo.output, (text) => text.includes('Where is Juliet?'), 'the echo');

    await command(terminal, 'nurse kick garden Romeo Too loud', 'step 7: Nurse sent');
    await waitUntil(romeo.output, (text) => text.includes('<status code="307"/>'), 'the kick');
    await terminal.waitFor((text) => !/- Romeo +none/.test(text), 'Romeo out of the Room pane');

    terminal.keys('b');
    const refused = await terminal.waitForText('no time travel: Romeo, a real client, has acted');
    expect(refused).toMatch(/step 7\/7/);
    terminal.keys('R');
    await terminal.waitFor((text) => /✘ no time travel/.test(text), 'R refused too');

    await command(terminal, 'save saved.scs', 'saved to saved.scs');
    terminal.keys('q');
    await terminal.waitForText('EXITED 0');

    for (const file of ['saved.scs', 'recorded.scs']) {
      const replay = await runCli(['run', join(dir, file)]);
      expect(replay.stdout).toContain('1 passed, 0 failed');
      expect(replay.code).toBe(0);
    }
  }, 120_000);
});

describe.skipIf(!HAS_TMUX)(':serve in an open mucsim tui (tmux 160×48)', () => {
  it('opens the door there, says where it is when asked again, and counts the clients', async () => {
    const terminal = openTerminal('tui', tempFiles({}));
    await terminal.waitForText('Stanzas');
    expect(terminal.screen()).not.toContain('door tcp:');
    terminal.keys('p');
    await terminal.waitForText('no door is open: :serve opens one');
    const opened = await command(terminal, 'serve --port 0 --ws-port 0', 'door open: TCP');
    const port = Number(PORTS.exec(opened)?.[1]);
    expect(opened).toMatch(/door open: TCP 127\.0\.0\.1:\d+, WebSocket ws:\/\/127\.0\.0\.1:\d+/);
    await command(terminal, 'serve', `the door is already open: TCP 127.0.0.1:${port}`);

    const romeo = realRomeo(port);
    children.push(romeo.child);
    await terminal.waitForText('· 1 client │');
    await terminal.waitFor((text) => text.includes('2. Romeo sends [tcp]'), "Romeo's join");
    romeo.child.stdin?.end();
    await terminal.waitForText('3. Romeo disconnects [tcp]');
    expect(terminal.screen()).toContain('· 0 clients │');
    terminal.keys('q');
    await terminal.waitForText('EXITED 0');
  }, 120_000);
});

describe('mucsim serve --tui without a terminal', () => {
  it('says it needs one and exits 2 without opening the door', async () => {
    const run = await runCli(['serve', '--tui', '--port', '0', '--ws-port', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'mucsim serve --tui needs a terminal (stdin and stdout must be a TTY).\n' +
        'Without one, serve and record the session:  mucsim serve --record session.scs\n',
    );
    expect(run.stdout).toBe('');
  });

  it('refuses --script-timeout, which the debugger has no use for', async () => {
    const run = await runCli(['serve', '--tui', '--script-timeout', '5s']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '--script-timeout does not apply with --tui: the debugger steps the --script (n, r)',
    );
  });
});
