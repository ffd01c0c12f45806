// `mucsim fuzz` from the command line: the summary, the determinism check, exit codes (XEP-0045 §5, §7, §17)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFuzzCommand } from '../../../src/cli/commands/fuzz.js';
import { FEATURES } from '../../../src/muc/features/index.js';
import { parseScript } from '../../../src/scansion/parser.js';
import { runScript } from '../../../src/scansion/runner.js';
import { SimTarget } from '../../../src/sim/sim-target.js';
import { runCli, tempFiles } from '../../helpers/cli.js';

/** The service without its ban check: outcasts walk in. */
const withoutBans = FEATURES.filter((feature) => feature.name !== 'banned');

describe('mucsim fuzz', () => {
  it('reports stanzas, steps, checks, time and throughput, and exits 0 without a violation', async () => {
    const run = await runCli([
      'fuzz',
      '--seed',
      '3',
      '--stanzas',
      '1500',
      '--users',
      '5',
      '--rooms',
      '2',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^mucsim fuzz --seed 3: 5 users, 2 rooms\n/);
    expect(run.stdout).toContain(
      '0 violations of 8 invariants (no-crash, occupancy, roles, affiliations, privileges, anonymity, request-reply, delivery)',
    );
    expect(run.stdout).toMatch(
      /1,500 stanzas in 1,5\d\d steps, [\d,]+ invariant checks, \d+\.\d s \([\d,]+ stanzas\/s\)/,
    );
  });

  it('--check-determinism runs twice and compares what was delivered', async () => {
    const run = await runCli(['fuzz', '--stanzas', '800', '--check-determinism']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /deterministic: two runs delivered the same stanzas \(hash [0-9a-f]{8}\)/,
    );
  });
});

describe('mucsim fuzz usage', () => {
  it.each([
    [['--actions', '10'], 'mucsim: --actions needs --server\n'],
    [
      ['--server', 'xmpp://127.0.0.1:1', '--stanzas', '10'],
      'mucsim: with --server, say --actions\n',
    ],
    [
      ['--server', 'xmpp://127.0.0.1:1', '--check-determinism'],
      'mucsim: --check-determinism runs in memory only\n',
    ],
  ])('%j exits 2 with a message', async (args, message) => {
    const run = await runCli(['fuzz', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(message);
    expect(run.stdout).toBe('');
  });

  it('reads --explained as it reads a script, before connecting: a missing file, an endless device, not UTF-8', async () => {
    const directory = tempFiles({});
    writeFileSync(join(directory, 'utf16.md'), Buffer.from([0xff, 0xfe, 0x23, 0x00]));
    const explained = async (file: string) =>
      runCli(['fuzz', '--server', 'xmpp://127.0.0.1:1', '--actions', '1', '--explained', file]);
    const missing = await explained(join(directory, 'missing.md'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      `mucsim: ${join(directory, 'missing.md')}: no such file or directory (ENOENT)\n`,
    );
    const endless = await explained('/dev/zero');
    expect(endless.code).toBe(2);
    expect(endless.stderr).toBe(
      'mucsim: /dev/zero: larger than 16777216 bytes, the most a script may be\n',
    );
    const utf16 = await explained(join(directory, 'utf16.md'));
    expect(utf16.code).toBe(2);
    expect(utf16.stderr).toMatch(
      /^mucsim: .*utf16\.md:1:1: the file is UTF-16LE, but scripts are UTF-8/,
    );
  });

  it('exits 2 when the server cannot be reached', async () => {
    const run = await runCli(['fuzz', '--server', 'xmpp://127.0.0.1:1', '--actions', '10']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mucsim: cannot connect to xmpp:\/\/127\.0\.0\.1:1: /);
  });
});

describe('mucsim fuzz on a service with a bug', () => {
  it('prints the invariant, the step and a minimal script, writes it to --output and exits 1', async () => {
    const directory = tempFiles({});
    const output = join(directory, 'repro.scs');
    let out = '';
    let code = -1;
    const io = {
      out: (text: string) => {
        out += text;
      },
      err: (text: string) => {
        out += text;
      },
      env: {},
      isTTY: false,
      cwd: directory,
    };
    const command = makeFuzzCommand(
      io,
      (exit) => {
        code = exit;
      },
      withoutBans,
    );
    await command.parseAsync(
      ['--stanzas', '20000', '--users', '4', '--rooms', '2', '--output', output],
      { from: 'user' },
    );
    expect(code).toBe(1);
    expect(out).toMatch(/violation of 'occupancy' at step [\d,]+ \(after [\d,]+ stanzas/);
    expect(out).toMatch(/the outcast \w+@localhost entered/);
    expect(out).toMatch(/shrunk [\d,]+ steps to \d+ in [\d,]+ replays/);
    expect(out).toContain('minimal reproducing script (replay with mucsim run):');
    expect(out).toContain(`written to ${output}`);
    const script = readFileSync(output, 'utf8');
    expect(out).toContain(script);
    expect(script).toMatch(
      /^# mucsim fuzz: occupancy violated\n# Shrunk from step \d+ of mucsim fuzz --seed 1 --users 4 --rooms 2/,
    );
    expect(script).toContain('<item affiliation="outcast"');
    const run = await runScript(
      parseScript(script, 'repro.scs'),
      new SimTarget({ features: withoutBans }),
    );
    expect(run.passed).toBe(true);
  });
});
