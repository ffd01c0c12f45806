// mucsim's extras from the command line: off by default (the simulator answers as Prosody 13), on with --extra, and said so in every report — XEP-0045 §7.2.9, §7.8.2, §10.2
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { REPO_ROOT } from './helpers/suite.js';

const MAX_USERS = join(REPO_ROOT, 'test/fixtures/extras/max-users.scs');
const NOTIFY_322 = join(REPO_ROOT, 'test/fixtures/extras/notify-322.scs');
const INVITE_GUARD = join(REPO_ROOT, 'test/fixtures/extras/outside-invite-guard.scs');

describe('mucsim run --extra', () => {
  it.each([
    ['max-users', MAX_USERS],
    ['notify-322', NOTIFY_322],
    ['outside-invite-guard', INVITE_GUARD],
  ])(
    '%s: the script fails as Prosody behaves, and passes with the extra on',
    async (extra, script) => {
      const faithful = await runCli(['run', script]);
      expect(faithful.code).toBe(1);
      expect(faithful.stdout).not.toContain('mucsim extras on');

      const extended = await runCli(['run', '--extra', extra, script]);
      expect(extended.code).toBe(0);
      expect(extended.stdout).toContain(
        `mucsim extras on: ${extra} (beyond Prosody 13: a script that relies on them fails on Prosody)`,
      );
    },
  );

  it('says which extras were on in the TAP, JUnit and JSON reports', async () => {
    const args = ['run', '--extra', 'max-users', '--extra', 'notify-322', '--reporter'];
    const tap = await runCli([...args, 'tap', MAX_USERS]);
    expect(tap.stdout).toContain('# mucsim extras on: max-users, notify-322');
    const junit = await runCli([...args, 'junit', MAX_USERS]);
    expect(junit.stdout).toContain('<property name="mucsim.extras" value="max-users notify-322"/>');
    const json = await runCli([...args, 'json', MAX_USERS]);
    expect(JSON.parse(json.stdout).extras).toEqual(['max-users', 'notify-322']);
    const plain = await runCli(['run', '--reporter', 'json', MAX_USERS]);
    expect(JSON.parse(plain.stdout).extras).toEqual([]);
  });

  it('takes several extras at once, comma-separated', async () => {
    const run = await runCli(['run', '--extra', 'notify-322,max-users', MAX_USERS]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('mucsim extras on: notify-322, max-users');
  });

  it('refuses an unknown extra, and any extra with --server, as usage errors', async () => {
    const unknown = await runCli(['run', '--extra', 'teleport', MAX_USERS]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      "'teleport' is not an extra; the extras are max-users, notify-322, outside-invite-guard",
    );
    const live = await runCli([
      'run',
      '--extra',
      'max-users',
      '--server',
      'xmpp://127.0.0.1:9',
      MAX_USERS,
    ]);
    expect(live.code).toBe(2);
    expect(live.stderr).toContain(
      '--extra changes the simulator only; it cannot apply with --server',
    );
  });
});
