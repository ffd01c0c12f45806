// Benchmark of time travel: what one step back (`b`) costs after 10 to 100,000 steps, and what a checkpoint of the world costs in memory — a XEP-0045 scenario stepped backwards (§7.4 messages in a room)
// Run alone: node --expose-gc --import tsx bench/step-back.ts [--every K] [steps…]   (prints numbers; asserts nothing).
import { pathToFileURL } from 'node:url';
import { CHECKPOINT_EVERY } from '../src/debugger/checkpoints.js';
import { DebugSession } from '../src/debugger/debug-session.js';
import { parseScript } from '../src/scansion/parser.js';
import { heapAfterGc, median } from './harness.js';

export interface StepBackResult {
  /** Steps that had run before the first step back. */
  steps: number;
  /** Median time of one `back()`, in milliseconds, over `samples` backs in a row. */
  backMs: number;
  /** The slowest of them (the one that replays the most steps from its checkpoint). */
  worstMs: number;
  samples: number;
  /** Steps between checkpoints (K): a step back replays at most K − 1 steps. */
  checkpointEvery: number;
  /** Checkpoints kept after `steps` steps. */
  checkpoints: number;
  /**
   * Live heap per checkpoint after full collections, in bytes: a session with checkpoints
   * against the same without; null without checkpoints or without `node --expose-gc`.
   */
  bytesPerCheckpoint: number | null;
  /** Live heap of the same session without checkpoints, in bytes (null without `--expose-gc`). */
  sessionBytes: number | null;
}

const ROOM = 'talk@conference.localhost';

/** A script of `steps` steps: two users join a room, then one of them talks until the count. */
export function talkScript(steps: number): string {
  const head = [
    `[Client] Romeo\n\tjid: romeo@localhost/r\n`,
    `[Client] Juliet\n\tjid: juliet@localhost/r\n`,
    '-----\n',
    `Romeo connects\n`,
    `Romeo sends:\n\t<presence to='${ROOM}/Romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>\n`,
    `Romeo sends:\n\t<iq type='set' id='unlock' to='${ROOM}'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>\n`,
    `Juliet connects\n`,
    `Juliet sends:\n\t<presence to='${ROOM}/Juliet'><x xmlns='http://jabber.org/protocol/muc'/></presence>\n`,
  ];
  const talk = Array.from(
    { length: Math.max(0, steps - 5) },
    (_, i) =>
      `Romeo sends:\n\t<message to='${ROOM}' type='groupchat'><body>line ${i}</body></message>\n`,
  );
  return [...head, ...talk].slice(0, steps + 3).join('\n');
}

async function sessionAt(steps: number, checkpointEvery: number): Promise<DebugSession> {
  const session = DebugSession.fromScript(parseScript(talkScript(steps), 'talk.scs'), {
    checkpointEvery,
  });
  await session.run();
  if (session.cursor !== steps) throw new Error(`${session.cursor} of ${steps} steps ran`);
  return session;
}

const hasGc = () => typeof (globalThis as { gc?: unknown }).gc === 'function';

/** Live heap of a session after `steps` steps (and what it made on the way). */
async function heapOf(steps: number, checkpointEvery: number): Promise<number> {
  const before = heapAfterGc();
  const session = await sessionAt(steps, checkpointEvery);
  const after = heapAfterGc();
  if (session.cursor !== steps) throw new Error('the session went away');
  return after - before;
}

/**
 * Runs `steps` steps, then times `samples` (at least K) steps back in a row, so that every
 * distance to the checkpoint before is among them; then the memory per checkpoint.
 */
export async function measureStepBack(
  steps: number,
  samples: number,
  checkpointEvery = CHECKPOINT_EVERY,
): Promise<StepBackResult> {
  const session = await sessionAt(steps, checkpointEvery);
  const checkpoints = Math.floor(steps / checkpointEvery);
  const times: number[] = [];
  const backs = Math.min(steps, Math.max(samples, checkpointEvery));
  for (let i = 0; i < backs; i += 1) {
    const started = performance.now();
    await session.back();
    times.push(performance.now() - started);
  }
  let bytesPerCheckpoint: number | null = null;
  let sessionBytes: number | null = null;
  if (hasGc()) {
    sessionBytes = await heapOf(steps, Number.POSITIVE_INFINITY);
    if (checkpoints > 0) {
      bytesPerCheckpoint = ((await heapOf(steps, checkpointEvery)) - sessionBytes) / checkpoints;
    }
  }
  return {
    steps,
    backMs: median(times),
    worstMs: Math.max(...times),
    samples: times.length,
    checkpointEvery,
    checkpoints,
    bytesPerCheckpoint,
    sessionBytes,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--every');
  const every = at >= 0 ? Number(args.splice(at, 2)[1]) : CHECKPOINT_EVERY;
  const sizes = args.map(Number);
  if (!hasGc()) console.log('(no memory figures: run with node --expose-gc --import tsx)');
  for (const steps of sizes.length > 0 ? sizes : [10, 1_000, 10_000]) {
    const result = await measureStepBack(steps, 3, every);
    const memory =
      result.bytesPerCheckpoint === null
        ? ''
        : `, ${(result.bytesPerCheckpoint / 1024).toFixed(1)} KiB per checkpoint (the session without: ${((result.sessionBytes ?? 0) / 2 ** 20).toFixed(1)} MiB)`;
    console.log(
      `step back at step ${steps.toLocaleString('en')}: ${result.backMs.toFixed(2)} ms median, ${result.worstMs.toFixed(2)} ms worst of ${result.samples}; K = ${every}, ${result.checkpoints} checkpoints${memory}`,
    );
  }
}
