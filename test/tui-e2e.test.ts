// `mucsim tui` end to end: the real binary inside tmux as a person sees it, and the plain transcript without a terminal — XEP-0045 scenarios stepped (§7–§10)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempFiles } from './helpers/cli.js';
import { prosodySuiteDir, REPO_ROOT } from './helpers/suite.js';
import { BIN, ensureBuilt, HAS_TMUX, Terminal } from './helpers/tmux.js';

const TUTORIAL = join(REPO_ROOT, 'scenarios', 'tutorial', '01-create-and-configure.scs');
const FALLBACK = join(prosodySuiteDir(), 'muc_create_destroy.scs');
const SCRIPT = existsSync(TUTORIAL) ? TUTORIAL : FALLBACK;

if (!HAS_TMUX) {
  console.warn('tui-e2e: tmux is not installed, so the terminal end-to-end test is SKIPPED');
}

/** A key, then a pause before the next (keys sent at once would arrive as one run). */
async function press(term: Terminal, key: string, ms = 80): Promise<void> {
  term.keys(key);
  await new Promise((resolve) => setTimeout(resolve, ms));
}

function stepCounter(text: string): string | undefined {
  return /step (\d+\/\d+)/.exec(text)?.[1];
}

describe.skipIf(!HAS_TMUX)('mucsim tui in a terminal (tmux 160×48)', () => {
  const term = new Terminal(160, 48);
  beforeAll(() => {
    ensureBuilt();
    // In colour, as most people's terminals are.
    term.start(`tui ${SCRIPT}`, REPO_ROOT, { colour: true });
  });
  afterAll(() => term.stop());

  it('steps forwards and back, shows roles, the help overlay, and restores the screen on q', async () => {
    const first = await term.waitFor(
      (text) => text.includes('Stanzas') && text.includes('Room'),
      'the first frame',
    );
    const total = stepCounter(first)?.split('/')[1];
    expect(stepCounter(first)).toBe(`0/${total}`);
    expect(first).toContain('▸ Stanzas');
    expect(first).toMatch(/Romeo connects/);

    await press(term, 'n');
    await press(term, 'n');
    await term.waitFor((text) => stepCounter(text) === `2/${total}`, 'step 2');
    await press(term, 'n');
    const joined = await term.waitFor((text) => stepCounter(text) === `3/${total}`, 'step 3');
    // Romeo created the room: the Room pane lists him among the moderators, as owner.
    expect(joined).toContain('Moderators (1)');
    expect(joined).toMatch(/~ Romeo {2}owner/);
    expect(joined).toMatch(/Romeo ← presence from \w+\/Romeo: owner\/moderator, 201/);

    await press(term, 'b');
    // The footer's message follows the step counter by a frame: wait for both.
    const back = await term.waitFor(
      (text) => stepCounter(text) === `2/${total}` && text.includes('back to step 2'),
      'back at step 2',
    );
    expect(back).toContain('No room yet.');
    expect(back).toContain('back to step 2');

    await press(term, '?');
    const help = await term.waitForText('Help: keys');
    expect(help).toContain('execute the next step');
    expect(help).toContain('go back one step (time travel)');
    await press(term, 'Escape');
    await term.waitFor((text) => !text.includes('Help: keys'), 'the help to close');

    await press(term, 'q');
    const after = await term.waitForText('EXITED');
    expect(after).toContain('EXITED 0');
    // The alternate screen is gone: the panes are no longer on the terminal.
    expect(after).not.toContain('Stanzas');
  }, 90_000);
});

describe.skipIf(!HAS_TMUX)(
  'two typed users in an empty world, saved and replayed (tmux 160×48)',
  () => {
    const term = new Terminal(160, 48);
    const saved = join(tempFiles({}), 'session.scs');

    beforeAll(() => {
      ensureBuilt();
      term.start('tui', REPO_ROOT, { colour: true });
    });
    afterAll(() => term.stop());

    async function type(line: string, expected: RegExp): Promise<string> {
      await press(term, ':');
      term.paste(line);
      term.keys('Enter');
      return term.waitFor((text) => expected.test(text), `${expected} after ':${line}'`, 20_000);
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
      term.keys('q');

      const replay = await runCli(['run', '--strict-order', saved]);
      expect(replay.stdout).toContain('1 passed, 0 failed');
      expect(replay.code).toBe(0);
    }, 90_000);
  },
);

describe.skipIf(!HAS_TMUX)('a session killed mid-way loses nothing (tmux)', () => {
  const term = new Terminal(160, 48);
  const recording = join(tempFiles({}), 'recording.scs');
  afterAll(() => term.stop());

  it('leaves a recording that is a valid script and replays green after kill -9', async () => {
    ensureBuilt();
    term.start(`tui ${SCRIPT} --record ${recording}`, REPO_ROOT, { colour: true });
    await term.waitForText('Stanzas', 20_000);
    for (let step = 0; step < 5; step += 1) await press(term, 'n', 150);
    await term.waitForText(/step 5\//, 20_000);
    process.kill(term.mucsimPid(), 'SIGKILL');

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
    ensureBuilt();
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
