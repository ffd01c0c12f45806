// Benchmark of the terminal debugger with a 10,000-stanza trace: time to first frame and keypress-to-frame latency — XEP-0045 debugging at scale (§7–§10)
// Run: npx tsx bench/tui.ts   (prints numbers; asserts nothing)
import { render } from 'ink';
import { createElement } from 'react';
import { App } from '../src/tui/App.js';
import { bigFakeSession } from '../src/tui/test-fake-session.js';
import { FakeStdin, FakeStdout } from '../src/tui/test-render.js';

const STANZAS = 10_000;

function nextFrame(stdout: FakeStdout): Promise<void> {
  return new Promise((resolve) => {
    stdout.onFrame = () => {
      stdout.onFrame = undefined;
      resolve();
    };
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] as number;
}

async function main(): Promise<void> {
  const session = bigFakeSession(STANZAS);
  await session.forward(); // the first step delivers the 10,000 stanzas
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
  await new Promise((resolve) => setTimeout(resolve, 50));

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
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  await measure('k (select previous stanza)', 'k', 50);
  await measure('j (select next stanza)', 'j', 50);
  await measure('G / g (last / first)', 'G', 10);
  await measure('G / g (last / first)', 'g', 10);
  await measure('tab (focus)', '\t', 20);
  instance.unmount();

  console.log(`mucsim tui with a ${STANZAS.toLocaleString('en')}-stanza trace (160×48, no colour)`);
  console.log(`  time to first frame: ${firstFrameMs.toFixed(1)} ms (session already loaded)`);
  for (const [label, values] of Object.entries(latencies)) {
    console.log(
      `  keypress → frame, ${label}: median ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms (${values.length} presses)`,
    );
  }
}

await main();
