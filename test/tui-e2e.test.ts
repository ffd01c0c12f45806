// `mucsim tui` end to end: the real binary inside tmux as a person sees it, and the plain transcript without a terminal — XEP-0045 scenarios stepped (§7–§10)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempFiles } from './helpers/cli.js';
import { prosodySuiteDir, REPO_ROOT } from './helpers/suite.js';

const BIN = join(REPO_ROOT, 'dist', 'bin', 'mucsim.js');
const TUTORIAL = join(REPO_ROOT, 'scenarios', 'tutorial', '01-create-and-configure.scs');
const FALLBACK = join(prosodySuiteDir(), 'muc_create_destroy.scs');
const SCRIPT = existsSync(TUTORIAL) ? TUTORIAL : FALLBACK;
const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;
const SOCKET = `mucsim-e2e-${process.pid}`;
const SESSION = 'tui';

if (!HAS_TMUX) {
  console.warn('tui-e2e: tmux is not installed, so the terminal end-to-end test is SKIPPED');
}

function tmux(...args: string[]): string {
  const result = spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function screen(): string {
  return tmux('capture-pane', '-p', '-t', SESSION);
}

/** Polls the screen until it shows what we wait for (a person would wait for it too). */
async function waitFor(
  predicate: (text: string) => boolean,
  what: string,
  ms = 20_000,
): Promise<string> {
  const until = Date.now() + ms;
  let text = screen();
  while (!predicate(text)) {
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}; the screen was:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    text = screen();
  }
  return text;
}

async function press(key: string): Promise<void> {
  tmux('send-keys', '-t', SESSION, key);
  await new Promise((resolve) => setTimeout(resolve, 80));
}

function stepCounter(text: string): string | undefined {
  return /step (\d+\/\d+)/.exec(text)?.[1];
}

describe.skipIf(!HAS_TMUX)('mucsim tui in a terminal (tmux 160×48)', () => {
  beforeAll(() => {
    if (!existsSync(BIN)) spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT });
    // CI=true makes ink draw only the final frame: unset it, as in a person's terminal.
    const command = `env -u CI node ${BIN} tui ${SCRIPT}; echo "EXITED $?"; sleep 30`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '160', '-y', '48', command);
  });

  afterAll(() => {
    // Only this session: a server killed while the next test starts one fails that test
    // ("server exited unexpectedly"); the server exits by itself with its last session.
    spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', SESSION]);
  });

  it('steps forwards and back, shows roles, the help overlay, and restores the screen on q', async () => {
    const first = await waitFor(
      (text) => text.includes('Stanzas') && text.includes('Room'),
      'the first frame',
    );
    const total = stepCounter(first)?.split('/')[1];
    expect(stepCounter(first)).toBe(`0/${total}`);
    expect(first).toContain('▸ Stanzas');
    expect(first).toMatch(/Romeo connects/);

    await press('n');
    await press('n');
    await waitFor((text) => stepCounter(text) === `2/${total}`, 'step 2');
    await press('n');
    const joined = await waitFor((text) => stepCounter(text) === `3/${total}`, 'step 3');
    // Romeo created the room: the Room pane lists him among the moderators, as owner.
    expect(joined).toContain('Moderators (1)');
    expect(joined).toMatch(/~ Romeo {2}owner/);
    expect(joined).toMatch(/Romeo ← presence from \w+\/Romeo: owner\/moderator, 201/);

    await press('b');
    // The footer's message follows the step counter by a frame: wait for both.
    const back = await waitFor(
      (text) => stepCounter(text) === `2/${total}` && text.includes('back to step 2'),
      'back at step 2',
    );
    expect(back).toContain('No room yet.');
    expect(back).toContain('back to step 2');

    await press('?');
    const help = await waitFor((text) => text.includes('Help: keys'), 'the help overlay');
    expect(help).toContain('execute the next step');
    expect(help).toContain('go back one step (time travel)');
    await press('Escape');
    await waitFor((text) => !text.includes('Help: keys'), 'the help to close');

    await press('q');
    const after = await waitFor((text) => text.includes('EXITED'), 'the process to exit');
    expect(after).toContain('EXITED 0');
    // The alternate screen is gone: the panes are no longer on the terminal.
    expect(after).not.toContain('Stanzas');
  }, 90_000);
});

describe.skipIf(!HAS_TMUX)(
  'two typed users in an empty world, saved and replayed (tmux 160×48)',
  () => {
    const TYPED = 'typed';
    const saved = join(tempFiles({}), 'session.scs');

    beforeAll(() => {
      if (!existsSync(BIN)) spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT });
      const command = `env -u CI node ${BIN} tui; echo "EXITED $?"; sleep 30`;
      tmux('new-session', '-d', '-s', TYPED, '-x', '160', '-y', '48', command);
    });

    afterAll(() => {
      spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', TYPED]);
    });

    async function type(line: string, expected: RegExp): Promise<string> {
      tmux('send-keys', '-t', TYPED, ':');
      await new Promise((resolve) => setTimeout(resolve, 80));
      tmux('send-keys', '-t', TYPED, '-l', line);
      tmux('send-keys', '-t', TYPED, 'Enter');
      const until = Date.now() + 20_000;
      for (;;) {
        const text = tmux('capture-pane', '-p', '-t', TYPED);
        if (expected.test(text)) return text;
        if (Date.now() > until) throw new Error(`after ':${line}' the screen was:\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }

    it('lets Romeo and Juliet type commands, then :save writes a script that mucsim run passes', async () => {
      await type('romeo connect', /1\. Romeo connects \[typed\]/);
      await type('romeo join garden/Romeo', /~ Romeo {2}owner/);
      await type('romeo config garden instant', /garden@conference\.localhost {2}\[open\]/);
      await type('juliet connect', /Juliet connects \[typed\]/);
      const joined = await type('juliet join garden/Juliet', /Participants \(1\)/);
      expect(joined).toMatch(/- Juliet {2}none/);
      const said = await type(
        'juliet say garden Hello Romeo',
        /Romeo ← message groupchat from garden\/Juliet: "Hello Romeo"/,
      );
      expect(said).toContain('step 6/6');
      await type(`save ${saved}`, /saved to /);
      tmux('send-keys', '-t', TYPED, 'q');

      const replay = await runCli(['run', '--strict-order', saved]);
      expect(replay.stdout).toContain('1 passed, 0 failed');
      expect(replay.code).toBe(0);
    }, 90_000);
  },
);

describe.skipIf(!HAS_TMUX)('a session killed mid-way loses nothing (tmux)', () => {
  const KILLED = 'killed';
  const recording = join(tempFiles({}), 'recording.scs');

  afterAll(() => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', KILLED]);
  });

  it('leaves a recording that is a valid script and replays green after kill -9', async () => {
    if (!existsSync(BIN)) spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT });
    const command = `exec env -u CI node ${BIN} tui ${SCRIPT} --record ${recording}`;
    tmux('new-session', '-d', '-s', KILLED, '-x', '160', '-y', '48', command);
    const until = Date.now() + 20_000;
    const screenOf = () => tmux('capture-pane', '-p', '-t', KILLED);
    while (!screenOf().includes('Stanzas')) {
      if (Date.now() > until) throw new Error(`the TUI did not start:\n${screenOf()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (let step = 0; step < 5; step += 1) {
      tmux('send-keys', '-t', KILLED, 'n');
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    while (!/step 5\//.test(screenOf())) {
      if (Date.now() > until) throw new Error(`no step 5:\n${screenOf()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const pid = Number(tmux('list-panes', '-t', KILLED, '-F', '#{pane_pid}').trim());
    process.kill(pid, 'SIGKILL');

    const text = readFileSync(recording, 'utf8');
    expect(text).toContain('Romeo connects');
    const replay = await runCli(['run', '--strict-order', recording]);
    expect(replay.stdout).toContain('1 passed, 0 failed');
    expect(replay.code).toBe(0);
  }, 90_000);
});

describe('mucsim tui without a terminal', () => {
  it('prints a plain transcript and exits 0 when every step passed', async () => {
    const run = await runCli(['tui', SCRIPT]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^1\/\d+ Romeo connects — ✔ passed$/m);
    expect(run.stdout).toMatch(/Romeo ← presence from \w+\/Romeo: owner\/moderator/);
    expect(run.stdout).toMatch(/all \d+ steps passed/);
  });

  it('exits 1 when a step fails, and --record writes the recording', async () => {
    const source = readFileSync(SCRIPT, 'utf8').replace("role='moderator'", "role='visitor'");
    const directory = tempFiles({ 'broken.scs': source });
    const record = join(directory, 'recorded.scs');
    const run = await runCli(['tui', join(directory, 'broken.scs'), '--record', record]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✘ failed');
    expect(run.stdout).toMatch(/step \d+ failed; \d+ step\(s\) not run/);
    expect(readFileSync(record, 'utf8')).toContain('Romeo connects');
  });

  it('without a script explains how to use mucsim run, with exit code 2', async () => {
    const run = await runCli(['tui']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('mucsim run <paths...>');
  });

  it('the real binary with no stdin never hangs', () => {
    if (!existsSync(BIN)) return;
    const result = spawnSync('node', [BIN, 'tui', SCRIPT], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 15_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/all \d+ steps passed/);
  });
});
