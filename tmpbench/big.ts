import { render } from 'ink';
import { createElement } from 'react';
import { App } from '../src/tui/App.js';
import { DebugSession } from '../src/debugger/debug-session.js';
import { parseScript } from '../src/scansion/parser.js';
import { FakeStdin, FakeStdout } from '../src/tui/test-render.js';
const size = Number(process.argv[2] ?? 100_000);
const body = 'lorem ipsum '.repeat(Math.ceil(size / 12)).slice(0, size);
const script = parseScript(`[Client] Romeo\n\tjid: romeo@localhost/r\n\n-----\n\nRomeo connects\n\nRomeo sends:\n\t<message to='romeo@localhost/r' type='chat'><body>${body}</body></message>\n`, 'big.scs');
const session = DebugSession.fromScript(script, { world: { maxStanzaBytes: 4 * size + 10000 } });
await session.forward(); await session.forward();
console.log('trace', session.trace.length);
const stdout = new FakeStdout(160, 48); const stdin = new FakeStdin();
const frame = () => new Promise<void>((r) => { stdout.onFrame = () => { stdout.onFrame = undefined; r(); }; });
let t = performance.now(); let f = frame();
const inst = render(createElement(App, { session, colour: false, persist: () => {} }), { stdout: stdout as any, stdin: stdin as any, exitOnCtrlC: false, patchConsole: false, debug: true });
await f; console.log('first frame', (performance.now() - t).toFixed(0), 'ms');
for (const key of ['G', 'k', 'j', 'k', 'j']) {
  t = performance.now(); f = frame(); stdin.press(key); await f;
  console.log(key, (performance.now() - t).toFixed(1), 'ms');
}
inst.unmount(); process.exit(0);
