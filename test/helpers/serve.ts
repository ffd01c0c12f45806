// Test helper: a mucsim serve on free loopback ports, raw TCP/WebSocket peers and @xmpp/client sessions against it — real clients in XEP-0045 rooms
import { type ChildProcess, spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { resolve } from 'node:path';
import { client, type XmppClient } from '@xmpp/client';
import { WebSocket } from 'ws';
import { type RunningServer, type ServeOptions, startServer } from '../../src/serve/server.js';

/** @xmpp/client's WebSocket transport expects the browser's global (Node 22 has it, Node 20 does not). */
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

export async function startTestServer(options: Partial<ServeOptions> = {}): Promise<RunningServer> {
  return startServer({
    port: 0,
    wsPort: 0,
    address: '127.0.0.1',
    domain: 'localhost',
    mucDomain: 'conference.localhost',
    seed: 1,
    ...options,
  });
}

/** An @xmpp/client session that logs in with PLAIN (xmpp.js avoids PLAIN on plain TCP unless told). */
export async function xmppClient(
  service: string,
  username: string,
  resource: string,
): Promise<XmppClient> {
  const xmpp = client({
    service,
    domain: 'localhost',
    resource,
    credentials: (authenticate) => authenticate({ username, password: 'any' }, 'PLAIN'),
  });
  xmpp.on('error', () => {});
  xmpp.reconnect.stop();
  await xmpp.start();
  return xmpp;
}

/** What a raw peer received until the server closed the connection. */
export interface RawExchange {
  received: string;
  closed: boolean;
}

/** Writes each chunk in turn over plain TCP and collects everything until the server closes (or `waitMs`). */
export function rawTcp(
  port: number,
  chunks: readonly string[],
  waitMs = 3000,
): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ received, closed: false });
    }, waitMs);
    socket.on('data', (data) => {
      received += data.toString('utf8');
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ received, closed: true });
    });
    socket.on('error', () => {});
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        if (socket.destroyed) break;
        socket.write(chunk);
        await new Promise((done) => setTimeout(done, 20));
      }
    });
  });
}

/** The same over WebSocket: one frame per chunk, every received frame, until the server closes. */
export function rawWebSocket(
  port: number,
  frames: readonly string[],
  waitMs = 3000,
): Promise<{ received: string[]; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/xmpp-websocket`, ['xmpp']);
    const received: string[] = [];
    const timer = setTimeout(() => {
      socket.terminate();
      resolve({ received, closed: false });
    }, waitMs);
    socket.on('message', (data) => received.push(String(data)));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ received, closed: true });
    });
    socket.on('error', () => {});
    socket.on('open', async () => {
      for (const frame of frames) {
        socket.send(frame);
        await new Promise((done) => setTimeout(done, 20));
      }
    });
  });
}

export const STREAM_HEADER =
  "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0'>";

/** `<auth>` for PLAIN as `user` with any password. */
export function plainAuth(user: string): string {
  const payload = Buffer.from(`\0${user}\0secret`).toString('base64');
  return `<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${payload}</auth>`;
}

/** The chunks that log `user` in and bind `resource` over raw TCP. */
export function loginChunks(user: string, resource: string): string[] {
  return [
    STREAM_HEADER,
    plainAuth(user),
    STREAM_HEADER,
    `<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>${resource}</resource></bind></iq>`,
  ];
}

/** A `mucsim serve` process started from the built binary (dist/), on free ports. */
export interface ServeProcess {
  port: number;
  wsPort: number;
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const BINARY = resolve(import.meta.dirname, '..', '..', 'dist', 'bin', 'mucsim.js');
const LISTENING = /XMPP on [^:]+:(\d+) \(TCP.*ws:\/\/[^:]+:(\d+)\//s;

export function spawnServe(args: readonly string[] = [], cwd?: string): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [BINARY, 'serve', '--port', '0', '--ws-port', '0', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(cwd !== undefined && { cwd }),
    },
  );
  let output = '';
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return new Promise((resolvePorts, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`mucsim serve did not start:\n${output}`)),
      15000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = LISTENING.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolvePorts({
        port: Number(match[1]),
        wsPort: Number(match[2]),
        child,
        output: () => output,
        stop: (signal = 'SIGTERM') => {
          if (child.exitCode === null) child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', () => reject(new Error(`mucsim serve exited:\n${output}`)));
  });
}
