// XMPP over WebSocket (RFC 7395): the `xmpp` subprotocol, one element per text frame, `<open/>` and `<close/>` — for browser clients joining XEP-0045 rooms
import type { IncomingMessage } from 'node:http';
import type { Element } from 'ltx';
import { type WebSocket, WebSocketServer } from 'ws';
import { C2sStream, FRAMING_NS, type StreamHost, type StreamTransport } from './c2s-stream.js';
import { STREAMS_NS } from './stream-error.js';
import { CLOSE_GRACE_MS, type Listening } from './tcp-listener.js';
import { XmlFramer } from './xml-framer.js';

const SUBPROTOCOL = 'xmpp';
/** Frames past this are refused by `ws` itself (close 1009); below it the stanza limit answers. */
const PAYLOAD_FACTOR = 4;

/** Qualifies a top-level element for a frame of its own (RFC 7395 §3.3.3). */
function qualified(element: Element): string {
  const text = element.toString();
  const name = element.name;
  if (name.startsWith('stream:') && element.attrs['xmlns:stream'] === undefined) {
    return `<${name} xmlns:stream='${STREAMS_NS}'${text.slice(name.length + 1)}`;
  }
  if (element.attrs.xmlns === undefined) {
    return `<${name} xmlns='jabber:client'${text.slice(name.length + 1)}`;
  }
  return text;
}

class WebSocketConnection implements StreamTransport {
  readonly kind = 'websocket';
  private readonly stream: C2sStream;

  constructor(
    private readonly socket: WebSocket,
    private readonly host: StreamHost,
  ) {
    this.stream = new C2sStream(this, host);
    socket.on('message', (data, isBinary) =>
      this.stream.guard(() => this.receive(String(data), isBinary)),
    );
    socket.on('error', () => socket.terminate());
    socket.on('close', () => this.stream.lost());
  }

  sendHeader(attrs: Record<string, string>): void {
    const open = Object.entries({ xmlns: FRAMING_NS, ...attrs })
      .map(([name, value]) => ` ${name}='${value.replace(/&/g, '&amp;').replace(/'/g, '&apos;')}'`)
      .join('');
    this.write(`<open${open}/>`);
  }

  send(element: Element): void {
    this.write(qualified(element));
  }

  end(): void {
    this.write(`<close xmlns='${FRAMING_NS}'/>`);
    this.socket.close(1000);
    setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS).unref();
  }

  /** Nothing to reset: every frame is parsed on its own. */
  restart(): void {}

  shutdown(): void {
    this.stream.fail({ condition: 'system-shutdown', text: 'The server is shutting down' });
  }

  private write(text: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(text);
  }

  /** One frame, one complete element (RFC 7395 §3.3.3). */
  private receive(text: string, isBinary: boolean): void {
    if (isBinary) {
      this.stream.fail({ condition: 'bad-format', text: 'XMPP frames are text frames' });
      return;
    }
    const elements: Element[] = [];
    const framer = new XmlFramer(
      { mode: 'framed', maxBytes: this.host.maxStanzaBytes, prefixes: ['stream'] },
      {
        open: () => {},
        element: (element) => elements.push(element),
        close: () => {},
        error: (error) => this.stream.framingError(error),
      },
    );
    if (!framer.write(text) || !framer.end()) return;
    if (elements.length !== 1) {
      this.stream.fail({ condition: 'not-well-formed', text: 'A frame holds exactly one element' });
      return;
    }
    const element = elements[0] as Element;
    if (element.attrs.xmlns === FRAMING_NS && element.name === 'open') {
      this.stream.open(element.name, element.attrs);
    } else if (element.attrs.xmlns === FRAMING_NS && element.name === 'close') {
      this.stream.close();
    } else this.stream.element(element);
  }
}

/** Listens for RFC 7395 clients on any path (`/xmpp-websocket` by convention). */
export function listenWebSocket(
  host: StreamHost,
  port: number,
  address: string,
): Promise<Listening> {
  const connections = new Set<WebSocketConnection>();
  const server = new WebSocketServer({
    port,
    host: address,
    maxPayload: host.maxStanzaBytes * PAYLOAD_FACTOR,
    handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
  });
  server.on('connection', (socket: WebSocket, _request: IncomingMessage) => {
    if (socket.protocol !== SUBPROTOCOL) {
      socket.close(1002, "The 'xmpp' subprotocol is required (RFC 7395 §3.1)");
      return;
    }
    const connection = new WebSocketConnection(socket, host);
    connections.add(connection);
    socket.on('close', () => connections.delete(connection));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      const bound = server.address();
      resolve({
        port: typeof bound === 'object' && bound ? bound.port : port,
        close: () =>
          new Promise<void>((done) => {
            for (const connection of connections) connection.shutdown();
            server.close(() => done());
          }),
      });
    });
  });
}
