// `mucsim fuzz --server` against a real Prosody: a difference is shown, shrunk to a .scs that passes on the server and fails on the simulator, and an explained one does not fail — XEP-0045 on two services
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFuzzCommand } from '../src/cli/commands/fuzz.js';
import { FEATURES } from '../src/muc/features/index.js';
import { runCli, tempFiles } from './helpers/cli.js';
import { findProsody, type ProsodyServer, startProsody } from './helpers/prosody.js';

/** The simulator without XEP-0421: its presences lack the occupant-id Prosody adds to each. */
const withoutOccupantIds = FEATURES.filter((feature) => feature.name !== 'occupant-id');

const SUMMARY =
  /^[\d,]+ actions, [\d,]+ stanzas compared, [\d,]+ differences \([\d,]+ explained\)$/;

async function fuzzWith(args: string[], features?: typeof FEATURES) {
  let out = '';
  let code = -1;
  const io = {
    out: (text: string) => {
      out += text;
    },
    err: () => {},
    env: {},
    isTTY: false,
    cwd: process.cwd(),
  };
  await makeFuzzCommand(
    io,
    (exit) => {
      code = exit;
    },
    features,
  ).parseAsync(args, { from: 'user' });
  return { out, code, last: out.trimEnd().split('\n').at(-1) ?? '' };
}

describe.skipIf(!findProsody())('mucsim fuzz --server', () => {
  let server: ProsodyServer;
  beforeAll(async () => {
    server = await startProsody({ debugLog: false });
  });
  afterAll(() => server?.stop());

  it('shows a difference, shrinks it to a script that passes on the server and fails on the simulator, and exits 1', async () => {
    const output = join(tempFiles({}), 'difference.scs');
    const args = ['--server', server.service, '--actions', '300', '--output', output];
    const run = await fuzzWith([...args, '--shrink-seconds', '60'], withoutOccupantIds);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/^difference at action [\d,]+: /m);
    expect(run.out).toMatch(/^shrunk [\d,]+ actions to \d+ in [\d,]+ replays/m);
    expect(run.out).toContain(
      'checked with mucsim run --strict-order: passes on the server, fails on the simulator',
    );
    expect(run.last).toMatch(SUMMARY);
    const script = readFileSync(output, 'utf8');
    expect(run.out).toContain(script);
    expect(script).toContain('<occupant-id xmlns="urn:xmpp:occupant-id:0"');
    // The simulator as it is, bans and all, passes it as the server does.
    const replayed = await runCli(['run', '--strict-order', output]);
    expect(replayed.code).toBe(0);
  }, 300_000);

  it('reports a difference the explained list names as explained, and exits 0', async () => {
    const list = join(tempFiles({}), 'explained.md');
    const block = [
      {
        id: 'no-occupant-ids',
        reason: 'this simulator leaves out XEP-0421',
        except: '<occupant-id [^>]*/>',
      },
    ];
    writeFileSync(
      list,
      `# Differences\n\n\`\`\`json mucsim:explained-differences\n${JSON.stringify(block, null, 2)}\n\`\`\`\n`,
    );
    const run = await fuzzWith(
      // 150 actions: later, a client's own forged occupant-id, which XEP-0421 strips, gets through.
      ['--server', server.service, '--actions', '150', '--explained', list],
      withoutOccupantIds,
    );
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^explained ×[\d,]+: no-occupant-ids/m);
    expect(run.last).toMatch(SUMMARY);
    expect(run.last).toMatch(/ differences \([1-9][\d,]* explained\)$/);
  }, 300_000);
});
