// `mucsim run --server` and `mucsim diff`: exit codes and output, against a real Prosody when it is installed — XEP-0045 scripts on a real server
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { describeOnProsody } from './helpers/on-prosody.js';
import { type ProsodyServer, startProsody } from './helpers/prosody.js';
import { prosodySuiteDir, REPO_ROOT, scriptsIn } from './helpers/suite.js';

const DEREGISTER = join(prosodySuiteDir(), 'muc_members_only_deregister.scs');
const hasSuite = scriptsIn(prosodySuiteDir()).includes(DEREGISTER);
const SCENARIO = join(REPO_ROOT, 'scenarios/xep0045/13-subject.scs');
/** Relies on the max-users extra: Prosody 13 has no occupant limit, so it disagrees at line 85. */
const MAX_USERS = join(REPO_ROOT, 'test/fixtures/extras/max-users.scs');

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

describe('live options without a server', () => {
  it('exits 2 with the address when nothing listens there', async () => {
    const port = await closedPort();
    const run = await runCli(['run', '--server', `xmpp://127.0.0.1:${port}`, SCENARIO]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `mucsim: cannot connect to xmpp://127.0.0.1:${port}: connection refused: is the server running and listening there? (ECONNREFUSED)\n`,
    );
    const diff = await runCli(['diff', SCENARIO, '--server', `xmpp://127.0.0.1:${port}`]);
    expect(diff.code).toBe(2);
    expect(diff.stderr).toContain(`cannot connect to xmpp://127.0.0.1:${port}`);
  });

  it('rejects a bad --server, --timeout or --domain as usage errors', async () => {
    const badServer = await runCli(['run', '--server', 'http://localhost', SCENARIO]);
    expect(badServer.code).toBe(2);
    expect(badServer.stderr).toContain("expected xmpp://HOST:PORT, got 'http://localhost'");
    for (const timeout of ['soon', '0', '2m', '-1s']) {
      const run = await runCli(['run', '--timeout', timeout, SCENARIO]);
      expect(run.code, timeout).toBe(2);
      expect(run.stderr).toContain('expected a duration');
    }
    const badDomain = await runCli(['run', '--domain', 'a@b', SCENARIO]);
    expect(badDomain.code).toBe(2);
  });

  it('accepts 2s, 500ms and 2000 as durations (the simulator ignores them)', async () => {
    for (const timeout of ['2s', '500ms', '2000', '1.5s']) {
      const run = await runCli(['run', '--timeout', timeout, SCENARIO]);
      expect(run.code, timeout).toBe(0);
    }
  });

  it('tui --server exits 2 with the address when nothing listens there', async () => {
    const port = await closedPort();
    const run = await runCli(['tui', '--server', `xmpp://127.0.0.1:${port}`, SCENARIO]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot connect to xmpp://127.0.0.1:${port}`);
  });

  it('diff needs --server', async () => {
    const run = await runCli(['diff', SCENARIO]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("required option '--server <xmpp://host:port>' not specified");
  });
});

describeOnProsody('against a real Prosody 13', () => {
  let server: ProsodyServer;
  beforeAll(async () => {
    server = await startProsody();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('run --server passes a scenario and exits 0', async () => {
    const run = await runCli(['run', '--server', server.service, '--reporter', 'tap', SCENARIO]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('ok 1 - 13-subject.scs');
    expect(run.code).toBe(0);
  });

  it('run --server exits 1 and shows the failed step when the server disagrees', async () => {
    const run = await runCli(['run', '--server', server.service, '--timeout', '300ms', MAX_USERS]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/step \d+ .*max-users\.scs:85:1: Mercutio receives/);
  });

  it('run --server exits 2 when the server refuses the login (an unknown --domain)', async () => {
    const run = await runCli([
      'run',
      '--server',
      server.service,
      '--domain',
      'example.org',
      SCENARIO,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(
        `^mucsim: cannot log in \\w+@example\\.org at xmpp://127\\.0\\.0\\.1:${server.port}: failed while opening the stream: stream error host-unknown`,
      ),
    );
  });

  it.skipIf(!hasSuite)(
    'diff prints no difference for muc_members_only_deregister (a fresh server)',
    async () => {
      const fresh = await startProsody();
      try {
        const text = await runCli(['diff', DEREGISTER, '--server', fresh.service]);
        expect(text.stderr).toBe('');
        expect(text.stdout).toContain('Romeo: agree');
        expect(text.stdout).toContain('Juliet: agree');
        expect(text.stdout.trimEnd().endsWith('no difference')).toBe(true);
        expect(text.code).toBe(0);
      } finally {
        await fresh.stop();
      }
      const again = await startProsody();
      try {
        const json = await runCli([
          'diff',
          DEREGISTER,
          '--server',
          again.service,
          '--format',
          'json',
        ]);
        const report = JSON.parse(json.stdout);
        expect(report.agree).toBe(true);
        expect(report.steps).toEqual([]);
        expect(report.clients.map((client: { name: string }) => client.name)).toEqual([
          'Romeo',
          'Juliet',
        ]);
        expect(json.code).toBe(0);
      } finally {
        await again.stop();
      }
    },
  );

  it.skipIf(!hasSuite)(
    'tui --server without a TTY prints the transcript of a script that passes and exits 0',
    async () => {
      const fresh = await startProsody();
      try {
        const run = await runCli(['tui', '--server', fresh.service, DEREGISTER]);
        expect(run.stderr).toBe('');
        expect(run.stdout).toMatch(/all \d+ steps passed/);
        expect(run.code).toBe(0);
      } finally {
        await fresh.stop();
      }
    },
  );

  it('diff exits 1 and shows the differing stanzas where an extra departs from Prosody 13', async () => {
    const fresh = await startProsody();
    try {
      const run = await runCli([
        'diff',
        MAX_USERS,
        '--extra',
        'max-users',
        '--server',
        fresh.service,
        '--timeout',
        '300ms',
      ]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('mucsim extras on: max-users');
      expect(run.stdout).toContain('Mercutio:');
      expect(run.stdout).toMatch(
        /line 85: Mercutio receives\): passed on the simulator, failed on the server/,
      );
    } finally {
      await fresh.stop();
    }
  });
});
