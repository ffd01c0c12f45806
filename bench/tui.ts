// Benchmark of the terminal debugger with a long trace: time to first frame and keypress-to-frame latency — XEP-0045 debugging at scale (§7–§10)
// Run alone: NODE_ENV=production npx tsx bench/tui.ts [stanzas | presses bytes]   (prints numbers; asserts nothing; `20 1000000`: a 1 MB stanza). `npm run bench` runs it for 10,000, 100,000 and 1,000,000.
import { pathToFileURL } from 'node:url';
import { render } from 'ink';
import { createElement } from 'react';
import { DebugSession } from '../src/debugger/debug-session.js';
import { parseScript } from '../src/scansion/parser.js';
import { App } from '../src/tui/App.js';
import { stanzaRows } from '../src/tui/view-model.js';
import { FakeStdin, FakeStdout } from '../test/helpers/tui-render.js';
import { percentile } from './harness.js';

export interface TuiResult {
  /** The stanzas in the trace, counted. */
  stanzas: number;
  /** The size asked for (`crowdSession`), when the trace was made to measure. */
  asked?: number;
  firstFrameMs: number;
  /** Keypress to frame over every measured key (see KEYS). */
  keyP50Ms: number;
  keyP95Ms: number;
  presses: number;
  byKey: Record<string, KeyFigures>;
}

/** One key's latencies, and how much of each frame was ink drawing the screen (the fixed cost). */
export interface KeyFigures {
  p50Ms: number;
  p95Ms: number;
  presses: number;
  /** Median time ink's renderer took for the frames of one press (layout to screen string). */
  drawP50Ms: number;
}

function nextFrame(stdout: FakeStdout): Promise<void> {
  return new Promise((resolve) => {
    stdout.onFrame = () => {
      stdout.onFrame = undefined;
      resolve();
    };
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A real session whose steps deliver about `stanzas` stanzas: users join one room (n² presences),
 * which the first one unlocks as an instant room (§10.1.2) so that the others get in.
 */
export async function crowdSession(stanzas: number): Promise<DebugSession> {
  const users = Math.max(2, Math.ceil(Math.sqrt(stanzas)));
  const clients = Array.from(
    { length: users },
    (_, i) => `[Client] User${i}\n\tjid: user${i}@localhost/r\n`,
  );
  const steps = Array.from(
    { length: users },
    (_, i) =>
      `User${i} connects\n\nUser${i} sends:\n\t<presence to='crowd@conference.localhost/User${i}'><x xmlns='http://jabber.org/protocol/muc'/></presence>\n`,
  );
  const unlock = `User0 sends:\n\t<iq type='set' id='unlock' to='crowd@conference.localhost'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>\n`;
  steps.splice(1, 0, unlock);
  const script = parseScript(`${clients.join('\n')}\n-----\n\n${steps.join('\n')}`, 'crowd.scs');
  const session = DebugSession.fromScript(script);
  await session.run();
  return session;
}

/** A real session whose last step delivered one stanza with a body of `bytes` characters. */
export async function bigStanzaSession(bytes: number): Promise<DebugSession> {
  const body = 'lorem ipsum '.repeat(Math.ceil(bytes / 12)).slice(0, bytes);
  const text = `[Client] Romeo\n\tjid: romeo@localhost/r\n\n-----\n\nRomeo connects\n\nRomeo sends:\n\t<message to='romeo@localhost/r' type='chat'><body>${body}</body></message>\n`;
  const session = DebugSession.fromScript(parseScript(text, 'big.scs'), {
    world: { maxStanzaBytes: 2 * bytes + 4096 },
  });
  await session.run();
  return session;
}

/** Renders the debugger on a session with a long trace, and presses keys. */
export async function measureTui(stanzas: number, pressesPerKey = 50): Promise<TuiResult> {
  const session = await crowdSession(stanzas);
  const result = await measureSession(session, stanzaRows(session, '').length, pressesPerKey);
  return { ...result, asked: stanzas };
}

/** Renders the debugger on `session` and measures keypress-to-frame latency. */
export async function measureSession(
  session: DebugSession,
  stanzas: number,
  pressesPerKey = 50,
): Promise<TuiResult> {
  const stdout = new FakeStdout(160, 48);
  const stdin = new FakeStdin();
  /** Time ink's renderer spent since the last press (its `onRender` report, one per frame). */
  let drawn = 0;
  const started = performance.now();
  const first = nextFrame(stdout);
  const instance = render(createElement(App, { session, colour: false, persist: () => {} }), {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    exitOnCtrlC: false,
    patchConsole: false,
    debug: true,
    onRender: ({ renderTime }) => {
      drawn += renderTime;
    },
  });
  await first;
  const firstFrameMs = performance.now() - started;
  await pause(50);

  const latencies: Record<string, number[]> = {};
  const draws: Record<string, number[]> = {};
  /** Presses `key` and waits for the first frame after which `done()` holds (the key's effect). */
  const press = async (label: string, key: string, done: () => boolean = () => true) => {
    const pressed = performance.now();
    drawn = 0;
    let frame = nextFrame(stdout);
    stdin.press(key);
    await frame;
    while (!done()) {
      frame = nextFrame(stdout);
      await frame;
    }
    const list = latencies[label] ?? [];
    list.push(performance.now() - pressed);
    latencies[label] = list;
    draws[label] = [...(draws[label] ?? []), drawn];
    await pause(5);
  };
  const measure = async (label: string, key: string, times: number) => {
    for (let i = 0; i < times; i += 1) await press(label, key);
  };
  const few = Math.max(2, Math.round(pressesPerKey / 5));
  await measure(KEYS.k, 'k', pressesPerKey);
  await measure(KEYS.j, 'j', pressesPerKey);
  await measure(KEYS.G, 'G', few);
  await measure(KEYS.G, 'g', few);
  await measure(KEYS.tab, '\t', few);
  await measure(KEYS.tab, SHIFT_TAB, few);
  await followCauses(press, few);
  await searchAsTyped(press, stdout, few);
  // Travel: b takes the world back one step, n runs it again (the cursor says when it is done).
  const travels = Math.max(1, Math.round(few / 4));
  for (let i = 0; i < travels; i += 1) {
    const at = session.cursor;
    await press(KEYS.b, 'b', () => session.cursor === at - 1);
  }
  for (let i = 0; i < travels; i += 1) {
    const at = session.cursor;
    await press(KEYS.n, 'n', () => session.cursor === at + 1);
  }
  instance.unmount();

  const all = Object.values(latencies).flat();
  const byKey = Object.fromEntries(
    Object.entries(latencies).map(([label, values]) => [
      label,
      {
        p50Ms: percentile(values, 50),
        p95Ms: percentile(values, 95),
        presses: values.length,
        drawP50Ms: percentile(draws[label] ?? [], 50),
      },
    ]),
  );
  return {
    stanzas,
    firstFrameMs,
    keyP50Ms: percentile(all, 50),
    keyP95Ms: percentile(all, 95),
    presses: all.length,
    byKey,
  };
}

/** The measured keys, by the label the table shows. */
export const KEYS = {
  k: 'k (select previous stanza)',
  j: 'j (select next stanza)',
  G: 'G / g (last / first)',
  tab: 'tab / shift-tab (focus)',
  enter: 'enter / esc (go to the cause and back)',
  search: '/ (open the search, type, n to the next match)',
  b: 'b (back one step: time travel)',
  n: 'n (the next step)',
} as const;

const SHIFT_TAB = '\u001b[Z';
const ESC = '\u001b';

type Press = (label: string, key: string, done?: () => boolean) => Promise<void>;

/** On a delivered stanza: enter goes to the input that caused it, esc comes back. */
async function followCauses(press: Press, times: number): Promise<void> {
  await press(KEYS.j, 'j');
  for (let i = 0; i < times; i += 1) {
    await press(KEYS.enter, '\r');
    await press(KEYS.enter, ESC);
  }
}

/** `/user1`, enter, then `n` through the matches; esc ends the search. */
async function searchAsTyped(press: Press, stdout: FakeStdout, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) {
    await press(KEYS.search, '/');
    for (const key of 'user1') await press(KEYS.search, key);
    await press(KEYS.search, '\r');
    await press(KEYS.search, 'n');
    await press(KEYS.search, ESC, () => !stdout.lastFrame().includes('search "user1"'));
  }
}

function print(result: TuiResult): void {
  const count = result.stanzas.toLocaleString('en');
  console.log(`mucsim tui with a ${count}-stanza trace (160×48, no colour)`);
  console.log(
    `  time to first frame: ${result.firstFrameMs.toFixed(1)} ms (session already loaded)`,
  );
  for (const [label, figures] of Object.entries(result.byKey)) {
    const { p50Ms, p95Ms, presses, drawP50Ms } = figures;
    console.log(
      `  keypress → frame, ${label}: median ${p50Ms.toFixed(1)} ms (ink drawing ${drawP50Ms.toFixed(1)} ms), p95 ${p95Ms.toFixed(1)} ms (${presses} presses)`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const bytes = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
  if (bytes === undefined) print(await measureTui(Number(process.argv[2] ?? 10_000)));
  else {
    console.log(`one stanza with a ${bytes.toLocaleString('en')}-character body:`);
    print(await measureSession(await bigStanzaSession(bytes), 1, Number(process.argv[2] ?? 20)));
  }
}
