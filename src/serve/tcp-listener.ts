// XMPP over TCP: one C2sStream per connection, bytes framed by saxes, no TLS — RFC 6120 §4, the door real clients use to reach XEP-0045 rooms
import { createServer, type Server, type Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import type { Element } from 'ltx';
import { C2sStream, type StreamHost, type StreamTransport } from './c2s-stream.js';
import { STREAMS_NS } from './stream-error.js';
import { XmlFramer } from './xml-framer.js';

/** How long a closed stream waits for the peer to close the connection. */
export const CLOSE_GRACE_MS = 1000;
const HEADER_ATTRS = { xmlns: 'jabber:client', 'xmlns:stream': STREAMS_NS };

function attributes(attrs: Record<string, string>): string {
  return Object.entries(attrs)
    .map(
      ([name, value]) =>
        ` ${name}='${value.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/</g, '&lt;')}'`,
    )
    .join('');
}

/** One client connection: its socket, its decoder, its framer (new after each restart) and its stream. */
class TcpConnection implements StreamTransport {
  readonly kind = 'tcp';
  private readonly decoder = new StringDecoder('utf8');
  private framer!: XmlFramer;
  private readonly stream: C2sStream;
  /** Set by a SASL success: the rest of the input is a new document. */
  private restartPending = false;

  constructor(
    private readonly socket: Socket,
    host: StreamHost,
  ) {
    this.stream = new C2sStream(this, host);
    this.framer = this.newFramer(host.maxStanzaBytes);
    socket.on('data', (chunk: Buffer) =>
      this.stream.guard(() => this.receive(chunk, host.maxStanzaBytes)),
    );
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.stream.lost());
  }

  sendHeader(attrs: Record<string, string>): void {
    this.write(`<?xml version='1.0'?><stream:stream${attributes({ ...HEADER_ATTRS, ...attrs })}>`);
  }

  send(element: Element): void {
    this.write(element.toString());
  }

  end(): void {
    this.write('</stream:stream>');
    this.socket.end();
    // A peer that never closes its side does not hold the connection (or a shutdown) open.
    setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
  }

  /** Ends the stream from the server's side (shutdown). */
  shutdown(): void {
    this.stream.fail({ condition: 'system-shutdown', text: 'The server is shutting down' });
  }

  restart(): void {
    this.restartPending = true;
  }

  private write(text: string): void {
    if (this.socket.writable) this.socket.write(text);
  }

  private newFramer(maxBytes: number): XmlFramer {
    return new XmlFramer(
      { mode: 'stream', maxBytes },
      {
        open: (name, attrs) => this.stream.open(name, attrs),
        element: (element) => this.stream.element(element),
        close: () => this.stream.close(),
        error: (error) => this.stream.framingError(error),
      },
    );
  }

  /**
   * Until the client is authenticated, input is fed up to each `>` so that a restart takes
   * effect at the exact byte after `<auth/>`'s end; afterwards, whole chunks.
   */
  private receive(chunk: Buffer, maxBytes: number): void {
    const text = this.decoder.write(chunk);
    if (this.stream.isAuthenticated && !this.restartPending) {
      this.framer.write(text);
      return;
    }
    let rest = text;
    while (rest !== '' && !this.stream.isClosed) {
      const cut = rest.indexOf('>') + 1 || rest.length;
      this.framer.write(rest.slice(0, cut));
      rest = rest.slice(cut);
      if (this.restartPending) {
        this.restartPending = false;
        this.framer = this.newFramer(maxBytes);
      }
    }
  }
}

export interface Listening {
  port: number;
  close(): Promise<void>;
}

/** Listens for XMPP clients on TCP; `close` ends every stream with `system-shutdown`. */
export function listenTcp(host: StreamHost, port: number, address: string): Promise<Listening> {
  const connections = new Set<TcpConnection>();
  const server: Server = createServer((socket) => {
    socket.setNoDelay(true);
    const connection = new TcpConnection(socket, host);
    connections.add(connection);
    socket.on('close', () => connections.delete(connection));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
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
