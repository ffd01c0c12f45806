// Benchmark of time travel: what one step back (`b`) costs after 10, 1,000 or 100,000 steps — a XEP-0045 scenario stepped backwards (§7.4 messages in a room)
// Run alone: npx tsx bench/step-back.ts [steps…]   (prints numbers; asserts nothing).
import { pathToFileURL } from 'node:url';
import { DebugSession } from '../src/debugger/debug-session.js';
import { parseScript } from '../src/scansion/parser.js';
import { median } from './harness.js';

export interface StepBackResult {
  /** Steps that had run before each step back. */
  steps: number;
  /** Median time of one `back()`, in milliseconds. */
  backMs: number;
  samples: number;
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

/** Runs `steps` steps, then times `back()` (and runs the step again, untimed) `samples` times. */
export async function measureStepBack(steps: number, samples: number): Promise<StepBackResult> {
  const session = DebugSession.fromScript(parseScript(talkScript(steps), 'talk.scs'));
  await session.run();
  if (session.cursor !== steps) throw new Error(`${session.cursor} of ${steps} steps ran`);
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const started = performance.now();
    await session.back();
    times.push(performance.now() - started);
    await session.forward();
  }
  return { steps, backMs: median(times), samples };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sizes = process.argv.slice(2).map(Number);
  for (const steps of sizes.length > 0 ? sizes : [10, 1_000, 10_000]) {
    const { backMs, samples } = await measureStepBack(steps, 3);
    console.log(
      `step back at step ${steps.toLocaleString('en')}: ${backMs.toFixed(2)} ms (median of ${samples})`,
    );
  }
}
