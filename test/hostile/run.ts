// Tries every hostile input on the real mucsim binary and counts the answers: clean, stack traces, hangs, crashes — `npx tsx test/hostile/run.ts` (the CLI around XEP-0045 scenarios)
import { spawn } from 'node:child_process';
import { existsSync, openSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import {
  corpusScripts,
  type HostileCase,
  hostileCases,
  hostileFiles,
  shippedScripts,
} from './cases.js';

const REPO = resolve(import.meta.dirname, '..', '..');
const BIN = join(REPO, 'dist', 'bin', 'mucsim.js');
const HANG_MS = 60_000;
const ESC = '\u001b';
const STACK = /^\s+at .+(\(.+:\d+:\d+\)|:\d+:\d+)$/m;
const CRASH = /node:internal|FATAL ERROR|Unhandled|uncaught|Segmentation/i;

type Verdict =
  | 'clean'
  | 'wrong exit code'
  | 'stack trace'
  | 'internal error'
  | 'hang'
  | 'crash'
  | 'raw escape'
  | 'oversized';

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  timedOut: boolean;
}

function runCase(testCase: HostileCase): Promise<Outcome> {
  return new Promise((done) => {
    const full = testCase.stdout === 'full' ? openSync('/dev/full', 'w') : 'pipe';
    const stdin = testCase.stdin === undefined ? 'ignore' : openSync(testCase.stdin, 'r');
    const child = spawn('node', [BIN, ...testCase.args], {
      cwd: REPO,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: [stdin, full, 'pipe'],
    });
    let output = '';
    let lineSeen = false;
    const keep = (chunk: Buffer) => {
      if (output.length < 4_000_000) output += chunk.toString();
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (testCase.stdout === 'first-line' && !lineSeen && output.includes('\n')) {
        lineSeen = true;
        child.stdout?.destroy();
      }
    });
    child.stderr?.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), HANG_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, output, timedOut: signal === 'SIGKILL' });
    });
  });
}

function judge(testCase: HostileCase, outcome: Outcome): Verdict {
  if (outcome.timedOut) return 'hang';
  if (outcome.signal !== null || outcome.code === null || CRASH.test(outcome.output))
    return 'crash';
  if (STACK.test(outcome.output)) return 'stack trace';
  if (outcome.output.includes('internal error')) return 'internal error';
  if (outcome.output.includes(ESC)) return 'raw escape';
  if (outcome.code !== 0 && outcome.output.length > 100_000) return 'oversized';
  return testCase.codes.includes(outcome.code) ? 'clean' : 'wrong exit code';
}

/** Servers that are not XMPP: one silent, one answering HTTP; and a port nobody listens on. */
async function fakeServers(): Promise<{
  servers: Server[];
  silent: string;
  http: string;
  closed: string;
}> {
  const listen = (handler: (socket: Socket) => void) =>
    new Promise<{ server: Server; url: string }>((done) => {
      const server = createServer(handler).listen(0, '127.0.0.1', () => {
        const address = server.address();
        done({
          server,
          url: `xmpp://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
        });
      });
    });
  const silent = await listen((socket) => socket.on('error', () => {}));
  const http = await listen((socket) => {
    socket.on('error', () => {});
    socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
  });
  const closed = await listen(() => {});
  await new Promise((done) => closed.server.close(done));
  return {
    servers: [silent.server, http.server],
    silent: silent.url,
    http: http.url,
    closed: closed.url,
  };
}

async function main(): Promise<void> {
  if (!existsSync(BIN)) throw new Error(`build first (npm run build): ${BIN} is missing`);
  const { directory, files } = hostileFiles(REPO);
  const fakes = await fakeServers();
  const cases = [
    ...hostileCases([...files, ...corpusScripts(REPO)], directory, fakes),
    ...shippedScripts(REPO).map((file) => ({
      name: `run ${file.slice(REPO.length + 1)}`,
      args: ['run', file],
      codes: [0],
    })),
  ];
  const counts = new Map<Verdict, number>();
  const bad: string[] = [];
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < cases.length; index = next++) {
      const testCase = cases[index] as HostileCase;
      const outcome = await runCase(testCase);
      const verdict = judge(testCase, outcome);
      counts.set(verdict, (counts.get(verdict) ?? 0) + 1);
      if (verdict !== 'clean') {
        bad.push(
          `${verdict}: ${testCase.name} (exit ${outcome.code ?? outcome.signal})\n    ${outcome.output.slice(0, 400).replaceAll(ESC, '\\x1b').replaceAll('\n', '\n    ')}`,
        );
      }
    }
  };
  await Promise.all([worker(), worker()]);
  for (const server of fakes.servers) server.close();
  rmSync(directory, { recursive: true, force: true });
  const count = (verdict: Verdict) => counts.get(verdict) ?? 0;
  process.stdout.write(`${bad.join('\n')}${bad.length > 0 ? '\n\n' : ''}`);
  process.stdout.write(
    `${[
      `inputs tried: ${cases.length}`,
      `clean answers: ${count('clean')}`,
      `stack traces: ${count('stack trace')}`,
      `hangs: ${count('hang')}`,
      `crashes: ${count('crash')}`,
      `internal errors: ${count('internal error')}`,
      `raw escape sequences: ${count('raw escape')}`,
      `oversized answers: ${count('oversized')}`,
      `wrong exit codes: ${count('wrong exit code')}`,
    ].join('\n')}\n`,
  );
  process.exitCode = bad.length === 0 ? 0 : 1;
}

await main();
