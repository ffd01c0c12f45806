// `mucsim serve --tui` and `:serve` end to end: the real binary in tmux, a real client (@xmpp/client in a child process) joins, a typed virtual moderator kicks it, time travel is refused, pausing holds its message, and the saved session replays green — XEP-0045 §7.2, §7.4, §8.2 with a real client
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runCli, tempFiles } from './helpers/cli.js';
import { REPO_ROOT } from './helpers/suite.js';

const BIN = join(REPO_ROOT, 'dist', 'bin', 'mucsim.js');
const REAL_CLIENT = join(REPO_ROOT, 'test', 'helpers', 'real-client.mjs');
const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;
const SOCKET = `mucsim-serve-tui-${process.pid}`;
const ROOM = 'garden@conference.localhost';

if (!HAS_TMUX) {
  console.warn('serve-tui-e2e: tmux is not installed, so the terminal end-to-end test is SKIPPED');
}

function tmux(...args: string[]): string {
  const result = spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** Polls until `read` satisfies `predicate` (a loaded machine is slow, never wrong). */
async function waitFor(
  read: () => string,
  predicate: (text: string) => boolean,
  what: string,
): Promise<string> {
  const until = Date.now() + 30_000;
  for (;;) {
    const text = read();
    if (predicate(text)) return text;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Opens the debugger in a tmux session of its own, as a person's 160×48 terminal. */
function openTerminal(session: string, command: string, cwd: string): () => string {
  // CI=true makes ink draw only the final frame: unset it, as in a person's terminal.
  const line = `cd ${cwd} && env -u CI node ${BIN} ${command}; echo "EXITED $?"; sleep 30`;
  tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '48', line);
  return () => tmux('capture-pane', '-p', '-t', session);
}

/** Types a line into the debugger (`:` opens its command line) and waits for the outcome. */
async function command(session: string, screen: () => string, line: string, outcome: string) {
  tmux('send-keys', '-t', session, ':');
  await waitFor(screen, (text) => text.includes(':█'), 'the command line');
  tmux('send-keys', '-t', session, '-l', line);
  tmux('send-keys', '-t', session, 'Enter');
  return waitFor(screen, (text) => text.includes(outcome), outcome);
}

function press(session: string, key: string): void {
  tmux('send-keys', '-t', session, key);
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
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(() => {
  spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
});

const PORTS = /tcp:(\d+) ws:(\d+) · (\d+) clients?/;

describe.skipIf(!HAS_TMUX)('mucsim serve --tui in a terminal (tmux 160×48)', () => {
  it('a real client joins, is held while paused, is kicked by a typed moderator, and the session replays green', async () => {
    if (!existsSync(BIN)) spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: REPO_ROOT });
    const dir = tempFiles({});
    const session = 'served';
    const screen = openTerminal(
      session,
      'serve --tui --port 0 --ws-port 0 --record recorded.scs',
      dir,
    );
    const first = await waitFor(screen, (text) => PORTS.test(text), 'the door in the header');
    const port = Number(PORTS.exec(first)?.[1]);
    expect(first).toMatch(
      /mucsim │ door tcp:\d+ ws:\d+ · 0 clients │ mucsim serve --tui: real clients .*│ step 0\/0/,
    );
    expect(first).not.toContain('session.scs');

    await command(session, screen, 'nurse connect', 'step 1: Nurse connects');
    await command(session, screen, 'nurse join garden/Nurse', 'step 2: Nurse sent');
    await command(session, screen, 'nurse config garden instant', 'step 3: Nurse sent');
    // Before a real client acts, time travel works as usual.
    press(session, 'b');
    await waitFor(screen, (text) => text.includes('back to step 2'), 'back to step 2');
    press(session, 'n');
    await waitFor(screen, (text) => /step 3\/3/.test(text), 'step 3 again');

    const romeo = realRomeo(port);
    children.push(romeo.child);
    const joined = await waitFor(
      screen,
      (text) => text.includes('5. Romeo sends [tcp]') && text.includes('· 1 client │'),
      "Romeo's join in the Script pane",
    );
    expect(joined).toContain('4. Romeo connects [tcp]');
    expect(joined).toMatch(/Romeo → presence to garden\/Romeo: join/);
    expect(joined).toMatch(/- Romeo +none +romeo@localhost\/balcony/);
    await waitFor(romeo.output, (text) => text.includes('status code="110"'), 'the self-presence');

    press(session, 'p');
    await waitFor(screen, (text) => text.includes('door paused, 0 held · tcp:'), 'the paused door');
    romeo.child.stdin?.write('Where is Juliet?\n');
    const held = await waitFor(
      screen,
      (text) => text.includes('door paused, 1 held'),
      'a held stanza',
    );
    // The Script pane is narrow at 160 columns: the summary is cut there.
    expect(held).toContain('⏸ held: Romeo → message groupchat to');
    expect(held).not.toContain('6. Romeo sends');
    expect(romeo.output()).not.toContain('Where is Juliet?');
    press(session, 'p');
    const resumed = await waitFor(
      screen,
      (text) => text.includes('door resumed: 1 held action ran'),
      'the resume',
    );
    expect(resumed).toContain('6. Romeo sends [tcp]');
    expect(resumed).not.toContain('⏸ held');
    await waitFor(romeo.output, (text) => text.includes('Where is Juliet?'), 'the echo');

    await command(session, screen, 'nurse kick garden Romeo Too loud', 'step 7: Nurse sent');
    await waitFor(romeo.output, (text) => text.includes('<status code="307"/>'), 'the kick');
    await waitFor(screen, (text) => !/- Romeo +none/.test(text), 'Romeo out of the Room pane');

    press(session, 'b');
    const refused = await waitFor(
      screen,
      (text) => text.includes('no time travel: Romeo, a real client, has acted'),
      'the refusal',
    );
    expect(refused).toMatch(/step 7\/7/);
    press(session, 'R');
    await waitFor(screen, (text) => /✘ no time travel/.test(text), 'R refused too');

    await command(session, screen, 'save saved.scs', 'saved to saved.scs');
    press(session, 'q');
    await waitFor(screen, (text) => text.includes('EXITED 0'), 'the exit');

    for (const file of ['saved.scs', 'recorded.scs']) {
      const replay = await runCli(['run', join(dir, file)]);
      expect(replay.stdout).toContain('1 passed, 0 failed');
      expect(replay.code).toBe(0);
    }
  }, 120_000);
});

describe.skipIf(!HAS_TMUX)(':serve in an open mucsim tui (tmux 160×48)', () => {
  it('opens the door there, says where it is when asked again, and counts the clients', async () => {
    if (!existsSync(BIN)) spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: REPO_ROOT });
    const session = 'typed';
    const screen = openTerminal(session, 'tui', tempFiles({}));
    await waitFor(screen, (text) => text.includes('Stanzas'), 'the first frame');
    expect(screen()).not.toContain('door tcp:');
    press(session, 'p');
    await waitFor(screen, (text) => text.includes('no door is open: :serve opens one'), 'p alone');
    const opened = await command(session, screen, 'serve --port 0 --ws-port 0', 'door open: TCP');
    const port = Number(PORTS.exec(opened)?.[1]);
    expect(opened).toMatch(/door open: TCP 127\.0\.0\.1:\d+, WebSocket ws:\/\/127\.0\.0\.1:\d+/);
    await command(session, screen, 'serve', `the door is already open: TCP 127.0.0.1:${port}`);

    const romeo = realRomeo(port);
    children.push(romeo.child);
    await waitFor(screen, (text) => text.includes('· 1 client │'), 'one client in the header');
    await waitFor(screen, (text) => text.includes('2. Romeo sends [tcp]'), "Romeo's join");
    romeo.child.stdin?.end();
    await waitFor(screen, (text) => text.includes('3. Romeo disconnects [tcp]'), 'the goodbye');
    expect(screen()).toContain('· 0 clients │');
    press(session, 'q');
    await waitFor(screen, (text) => text.includes('EXITED 0'), 'the exit');
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
