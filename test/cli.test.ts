// The CLI as a user meets it: `mucsim run` and `mucsim check`, reporters and exit codes 0/1/2 (XEP-0045 scenarios)
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempFiles } from './helpers/cli.js';
import { prosodySuiteDir, scriptsIn } from './helpers/suite.js';

const CREATE = `# Create a room
[Client] Romeo
\tjid: romeo@localhost/pda

-----

Romeo connects

Romeo sends:
\t<presence to='room@conference.localhost/Romeo'>
\t\t<x xmlns='http://jabber.org/protocol/muc'/>
\t</presence>

Romeo receives:
\t<presence from='room@conference.localhost/Romeo'>
\t\t<x xmlns='http://jabber.org/protocol/muc#user'>
\t\t\t<status code='201'/>
\t\t\t<item affiliation='owner' role='moderator' jid='romeo@localhost/pda'/>
\t\t\t<status code='110'/>
\t\t</x>
\t</presence>
`;

const WRONG = CREATE.replace("role='moderator'", "role='participant'");
const BROKEN = CREATE.replace('Romeo sends:', 'Romeo shouts:');

describe('mucsim run', () => {
  it('passes a correct script with exit code 0', async () => {
    const directory = tempFiles({ 'create.scs': CREATE });
    const run = await runCli(['run', join(directory, 'create.scs')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✔ .*create\.scs \(3 steps, 0 skipped\)/);
    expect(run.stdout).toContain('1 passed, 0 failed');
  });

  it('fails a wrong expectation with exit code 1, the expected and closest stanzas and a diff', async () => {
    const directory = tempFiles({ 'wrong.scs': WRONG });
    const run = await runCli(['run', join(directory, 'wrong.scs')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('step 3');
    expect(run.stdout).toContain('wrong.scs:14:1: Romeo receives');
    expect(run.stdout).toContain('expected:');
    expect(run.stdout).toContain('closest received:');
    expect(run.stdout).toMatch(/- .*role="participant"/);
    expect(run.stdout).toMatch(/\+ .*role="moderator"/);
  });

  it('reports a broken script at file:line:column with exit code 2', async () => {
    const directory = tempFiles({ 'broken.scs': BROKEN });
    const run = await runCli(['run', join(directory, 'broken.scs')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/broken\.scs:9:\d+: /);
  });

  it('emits one TAP test point per script', async () => {
    const directory = tempFiles({ 'a.scs': CREATE, 'b.scs': WRONG });
    const run = await runCli(['run', '--reporter', 'tap', directory]);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').slice(0, 4)).toEqual([
      'TAP version 14',
      '1..2',
      'ok 1 - a.scs',
      'not ok 2 - b.scs',
    ]);
  });

  it('writes JUnit XML and JSON', async () => {
    const directory = tempFiles({ 'a.scs': CREATE, 'b.scs': WRONG });
    const junit = await runCli(['run', '--reporter', 'junit', directory]);
    expect(junit.stdout).toContain('<testsuite name="mucsim" tests="2" failures="1"');
    expect(junit.stdout).toContain('<testcase classname="mucsim" name="b.scs"');
    const json = await runCli(['run', '--reporter', 'json', directory]);
    const document = JSON.parse(json.stdout);
    expect(document.passed).toBe(1);
    expect(document.failed).toBe(1);
    expect(document.scripts[1].failure.line).toBe(14);
  });

  it('stops after the first failing script with --bail', async () => {
    const directory = tempFiles({ 'a.scs': WRONG, 'b.scs': CREATE });
    const run = await runCli(['run', '--bail', '--reporter', 'tap', directory]);
    expect(run.stdout).toContain('not ok 1 - a.scs');
    expect(run.stdout).not.toContain('ok 2 - b.scs');
  });

  it('gives exit code 2 for a missing file, an unknown option and a bad seed', async () => {
    const missing = await runCli(['run', 'no/such/file.scs']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no/such/file.scs: no such file or directory');
    const unknown = await runCli(['run', '--frobnicate', 'x.scs']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--frobnicate'");
    const seed = await runCli(['run', '--seed', 'abc', 'x.scs']);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toContain('expected a whole number');
  });

  it('fails strict order where a stanza had to be skipped', async () => {
    const suite = scriptsIn(prosodySuiteDir()).find((path) => path.endsWith('muc_register.scs'));
    if (!suite) return;
    const lenient = await runCli(['run', suite]);
    const strict = await runCli(['run', '--strict-order', suite]);
    expect(lenient.code).toBe(0);
    expect(strict.code).toBe(1);
  });
});

describe('mucsim check', () => {
  it('accepts good scripts and reports errors with exit code 2', async () => {
    const directory = tempFiles({ 'good.scs': CREATE, 'bad.scs': BROKEN });
    const good = await runCli(['check', join(directory, 'good.scs')]);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/ok .*good\.scs \(3 steps\)/);
    const bad = await runCli(['check', directory]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.scs:9:\d+: .*\(expected /);
  });
});

describe('mucsim', () => {
  it('prints help with exit code 0 and an unknown command with exit code 2', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('run [options] <paths...>');
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
  });
});
