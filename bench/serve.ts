// mucsim serve through its TCP door: connect-to-joined latency of a real client, and stanzas per second in and out of a room, with and without --record — XEP-0045 §7.2 and §7.4 over real sockets
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xml } from '@xmpp/client';
import { recordingWriter } from '../src/cli/recording-writer.js';
import { startServer } from '../src/serve/server.js';
import { startTestServer, xmppClient } from '../test/helpers/serve.js';
import { median, percentile } from './harness.js';

export interface ServeResult {
  clients: number;
  /** @xmpp/client: TCP connect, SASL PLAIN, bind, then the self-presence (110) of a room it creates. */
  joinP50Ms: number;
  joinP95Ms: number;
  occupants: number;
  messages: number;
  /** Groupchat messages the door took in per second (sent back to back by one client). */
  stanzasInPerSec: number;
  /** Stanzas the door wrote per second: every message reflected to every occupant. */
  stanzasOutPerSec: number;
  /** The same with --record: the recording is written after every step. */
  recordedInPerSec: number;
}

const ROOM = 'bench@conference.localhost';
const HEADER =
  "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0'>";

const END_TAG = '</message>';

/** A raw TCP occupant: logs in, joins as `nick`, then only counts the messages it receives. */
class RawOccupant {
  private readonly socket: Socket;
  private buffer = '';
  messages = 0;
  private tail = '';
  private waiting?: { count: number; done: () => void };

  constructor(port: number, nick: string) {
    this.socket = createConnection({ port, host: '127.0.0.1' });
    this.socket.setEncoding('utf8');
    this.socket.on('data', (text: string) => this.read(text));
    const auth = Buffer.from(`\0${nick.toLowerCase()}\0x`).toString('base64');
    this.socket.write(
      `${HEADER}<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${auth}</auth>`,
    );
    this.nick = nick;
  }

  private readonly nick: string;
  private phase: 'auth' | 'bind' | 'join' | 'joined' = 'auth';
  private joined?: () => void;

  ready(): Promise<void> {
    return new Promise((done) => {
      this.joined = done;
    });
  }

  send(text: string): void {
    this.socket.write(text);
  }

  until(count: number): Promise<void> {
    if (this.messages >= count) return Promise.resolve();
    return new Promise((done) => {
      this.waiting = { count, done };
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private read(text: string): void {
    if (this.phase === 'joined') {
      // `</message>` may be cut between two reads: keep the end of the last one.
      const scanned = this.tail + text;
      let at = scanned.indexOf(END_TAG);
      while (at !== -1) {
        this.messages += 1;
        at = scanned.indexOf(END_TAG, at + END_TAG.length);
      }
      this.tail = scanned.slice(-(END_TAG.length - 1));
      if (this.waiting && this.messages >= this.waiting.count) this.waiting.done();
      return;
    }
    this.buffer += text;
    if (this.phase === 'auth' && this.buffer.includes('<success')) {
      this.phase = 'bind';
      this.buffer = '';
      this.socket.write(
        `${HEADER}<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>`,
      );
    } else if (this.phase === 'bind' && this.buffer.includes('</bind>')) {
      this.phase = 'join';
      this.buffer = '';
      this.socket.write(
        `<presence to='${ROOM}/${this.nick}'><x xmlns='http://jabber.org/protocol/muc'/></presence>`,
      );
    } else if (this.phase === 'join' && this.buffer.includes('code="110"')) {
      // The subject message follows the self-presence: count from zero after it.
      if (!this.buffer.includes('<subject')) return;
      this.phase = 'joined';
      // The first occupant created the room: it unlocks it as an instant room (§10.1.2).
      this.socket.write(
        `<iq type='set' to='${ROOM}' id='unlock'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>`,
      );
      this.joined?.();
    }
  }
}

async function joinLatencies(port: number, clients: number): Promise<number[]> {
  const times: number[] = [];
  const sessions = [];
  for (let index = 0; index < clients; index += 1) {
    const started = performance.now();
    const client = await xmppClient(`xmpp://127.0.0.1:${port}`, `user${index}`, 'bench');
    const joined = new Promise<void>((done) =>
      client.on('stanza', (stanza) => {
        if (stanza.name === 'presence' && stanza.toString().includes('code="110"')) done();
      }),
    );
    await client.send(
      xml(
        'presence',
        { to: `lobby${index}@conference.localhost/u${index}` },
        xml('x', { xmlns: 'http://jabber.org/protocol/muc' }),
      ),
    );
    await joined;
    times.push(performance.now() - started);
    sessions.push(client);
  }
  await Promise.all(sessions.map((client) => client.stop()));
  return times;
}

/** One sender pipelines `messages` groupchat messages; returns the seconds until every occupant got them all. */
async function burst(port: number, occupants: number, messages: number): Promise<number> {
  const crowd: RawOccupant[] = [];
  for (let index = 0; index < occupants; index += 1) {
    const occupant = new RawOccupant(port, `Nick${index}`);
    await occupant.ready();
    crowd.push(occupant);
  }
  const [sender] = crowd as [RawOccupant];
  let text = '';
  for (let index = 0; index < messages; index += 1) {
    text += `<message to='${ROOM}' type='groupchat' id='m${index}'><body>message ${index}</body></message>`;
  }
  const started = performance.now();
  sender.send(text);
  await Promise.all(crowd.map((occupant) => occupant.until(messages)));
  const seconds = (performance.now() - started) / 1000;
  for (const occupant of crowd) occupant.close();
  return seconds;
}

export async function measureServe(options: {
  clients: number;
  occupants: number;
  messages: number;
}): Promise<ServeResult> {
  const { clients, occupants, messages } = options;
  const plain = await startTestServer();
  const times = await joinLatencies(plain.port, clients);
  const seconds = await burst(plain.port, occupants, messages);
  await plain.close();
  const dir = mkdtempSync(join(tmpdir(), 'mucsim-bench-serve-'));
  const recorded = await startServer({
    port: 0,
    wsPort: 0,
    address: '127.0.0.1',
    domain: 'localhost',
    mucDomain: 'conference.localhost',
    seed: 1,
    record: { path: join(dir, 'bench.scs'), persist: recordingWriter(dir) },
  });
  const recordedSeconds = await burst(recorded.port, occupants, messages);
  await recorded.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    clients,
    joinP50Ms: median(times),
    joinP95Ms: percentile(times, 95),
    occupants,
    messages,
    stanzasInPerSec: messages / seconds,
    stanzasOutPerSec: (messages * occupants) / seconds,
    recordedInPerSec: messages / recordedSeconds,
  };
}
