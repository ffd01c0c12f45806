// Benchmark of the terminal debugger with a long trace: time to first frame and keypress-to-frame latency — XEP-0045 debugging at scale (§7–§10)
// Run alone: npx tsx bench/tui.ts [stanzas]   (prints numbers; asserts nothing). `npm run bench` runs it for 10,000 and 100,000.
import { pathToFileURL } from 'node:url';
import { render } from 'ink';
import { createElement } from 'react';
import { App } from '../src/tui/App.js';
import { bigFakeSession } from '../src/tui/test-fake-session.js';
import { FakeStdin, FakeStdout } from '../src/tui/test-render.js';
import { percentile } from './harness.js';

export interface TuiResult {
  stanzas: number;
  firstFrameMs: number;
  /** Keypress to frame over every measured key (j, k, G, g, tab). */
  keyP50Ms: number;
  keyP95Ms: number;
  presses: number;
  byKey: Record<string, { p50Ms: number; p95Ms: number; presses: number }>;
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

/** Renders the debugger on a session whose first step delivered `stanzas` stanzas, and presses keys. */
export async function measureTui(stanzas: number, pressesPerKey = 50): Promise<TuiResult> {
  const session = bigFakeSession(stanzas);
  await session.forward(); // the first step delivers the stanzas
  const stdout = new FakeStdout(160, 48);
  const stdin = new FakeStdin();
  const started = performance.now();
  const first = nextFrame(stdout);
  const instance = render(createElement(App, { session, colour: false, persist: () => {} }), {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    exitOnCtrlC: false,
    patchConsole: false,
    debug: true,
  });
  await first;
  const firstFrameMs = performance.now() - started;
  await pause(50);

  const latencies: Record<string, number[]> = {};
  const measure = async (label: string, key: string, times: number) => {
    for (let i = 0; i < times; i += 1) {
      const frame = nextFrame(stdout);
      const pressed = performance.now();
      stdin.press(key);
      await frame;
      const list = latencies[label] ?? [];
      list.push(performance.now() - pressed);
      latencies[label] = list;
      await pause(5);
    }
  };
  const few = Math.max(2, Math.round(pressesPerKey / 5));
  await measure('k (select previous stanza)', 'k', pressesPerKey);
  await measure('j (select next stanza)', 'j', pressesPerKey);
  await measure('G / g (last / first)', 'G', few);
  await measure('G / g (last / first)', 'g', few);
  await measure('tab (focus)', '\t', 2 * few);
  instance.unmount();

  const all = Object.values(latencies).flat();
  const byKey = Object.fromEntries(
    Object.entries(latencies).map(([label, values]) => [
      label,
      { p50Ms: percentile(values, 50), p95Ms: percentile(values, 95), presses: values.length },
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

function print(result: TuiResult): void {
  const count = result.stanzas.toLocaleString('en');
  console.log(`mucsim tui with a ${count}-stanza trace (160×48, no colour)`);
  console.log(
    `  time to first frame: ${result.firstFrameMs.toFixed(1)} ms (session already loaded)`,
  );
  for (const [label, { p50Ms, p95Ms, presses }] of Object.entries(result.byKey)) {
    console.log(
      `  keypress → frame, ${label}: median ${p50Ms.toFixed(1)} ms, p95 ${p95Ms.toFixed(1)} ms (${presses} presses)`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  print(await measureTui(Number(process.argv[2] ?? 10_000)));
}
