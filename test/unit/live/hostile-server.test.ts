// A hostile or wrong server on the other end of the live mode: oversized, overdeep and flooding streams, and ports that do not speak XMPP — the XMPP stream under XEP-0045 scenarios
import { createServer, type Server, type Socket } from 'node:net';
import { Element } from 'ltx';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveTarget } from '../../../src/live/live-target.js';
import { probeService } from '../../../src/live/probe.js';
import { parseService, type ServiceAddress } from '../../../src/live/service.js';

const ROMEO = { name: 'Romeo', jid: 'romeo@localhost', password: 'x', line: 1 };
const HEADER =
  "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='s' from='localhost' version='1.0'>";

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

function listen(onConnection: (socket: Socket) => void): Promise<ServiceAddress> {
  return new Promise((resolve) => {
    const server = createServer(onConnection);
    servers.push(server);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve(parseService(`xmpp://127.0.0.1:${port}`) as ServiceAddress);
    });
  });
}

/** Logs the client in (SASL PLAIN, then bind), then does what `afterBind` says. */
function xmppServer(afterBind: (socket: Socket) => void): Promise<ServiceAddress> {
  return listen((socket) => {
    let seen = '';
    let stage = 'sasl';
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      seen += chunk.toString();
      if (stage === 'sasl' && seen.includes('<stream:stream')) {
        socket.write(
          `${HEADER}<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>`,
        );
        stage = 'auth';
        seen = '';
      } else if (stage === 'auth' && seen.includes('</auth>')) {
        socket.write("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        stage = 'restart';
        seen = '';
      } else if (stage === 'restart' && seen.includes('<stream:stream')) {
        socket.write(
          `${HEADER}<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>`,
        );
        stage = 'bind';
        seen = '';
      } else if (stage === 'bind' && seen.includes('</iq>')) {
        const id = /id=["']([^"']+)["']/.exec(seen)?.[1] ?? '';
        socket.write(
          `<iq type='result' id='${id}'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>romeo@localhost/r</jid></bind></iq>`,
        );
        stage = 'online';
        setTimeout(() => afterBind(socket), 20);
      }
    });
  });
}

/** Connects Romeo, then waits until his stream is cut and returns why. */
async function cutOff(target: LiveTarget, delivered: Element[]): Promise<string> {
  await target.connect(ROMEO, (stanza) => delivered.push(stanza));
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const failure = await target
      .send('Romeo', new Element('presence'))
      .then(() => undefined)
      .catch((error: Error) => error.message);
    if (failure?.includes('stream is gone')) return failure;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the stream was never cut');
}

describe('a live server that sends too much', () => {
  it('is cut off at a stanza over 256 KiB while it arrives, before it ends', async () => {
    const service = await xmppServer((socket) => {
      socket.write("<message from='evil@localhost'><body>");
      for (let chunk = 0; chunk < 20; chunk += 1) socket.write('x'.repeat(32 * 1024));
    });
    const target = new LiveTarget({ service, connectTimeoutMs: 2000, barrierTimeoutMs: 200 });
    try {
      const delivered: Element[] = [];
      expect(await cutOff(target, delivered)).toBe(
        "Romeo's stream is gone: connection error: the server sent a stanza larger than the limit of 262144 bytes",
      );
      expect(delivered).toEqual([]);
    } finally {
      await target.close();
    }
  });

  it('is cut off at a stanza nested deeper than 64 levels', async () => {
    const service = await xmppServer((socket) => {
      socket.write(`<message from='evil@localhost'>${'<a>'.repeat(10_000)}`);
    });
    const target = new LiveTarget({ service, connectTimeoutMs: 2000, barrierTimeoutMs: 200 });
    try {
      expect(await cutOff(target, [])).toBe(
        "Romeo's stream is gone: connection error: the server sent a stanza nested deeper than the limit of 64 levels",
      );
    } finally {
      await target.close();
    }
  });

  it('is cut off when it floods a client, and what arrived before is kept', async () => {
    const service = await xmppServer((socket) => {
      socket.write(
        "<message from='evil@localhost' type='chat'><body>spam</body></message>\n".repeat(500),
      );
    });
    const target = new LiveTarget({
      service,
      connectTimeoutMs: 2000,
      barrierTimeoutMs: 200,
      limits: { maxStanzas: 100 },
    });
    try {
      const delivered: Element[] = [];
      expect(await cutOff(target, delivered)).toBe(
        "Romeo's stream is gone: the server sent more than 100 stanzas, the limit of one connection",
      );
      expect(delivered.length).toBeLessThanOrEqual(100);
      expect(delivered.length).toBeGreaterThan(50);
    } finally {
      await target.close();
    }
  });
});

describe('a port that is not an XMPP server', () => {
  it.each([
    [
      'an HTTP server',
      (socket: Socket) => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'),
      `it answered "HTTP/1.1 400 Bad Request", not an XMPP stream: is this the server's client port (usually 5222)?`,
    ],
    [
      'a direct TLS port',
      (socket: Socket) => socket.end(Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46])),
      'it answered with TLS: a port for direct TLS (such as 5223); mucsim speaks plain TCP to the client port (usually 5222)',
    ],
    [
      'a server that hangs up',
      (socket: Socket) => socket.end(),
      "the server closed the connection without opening an XMPP stream: is this the server's client port (usually 5222)?",
    ],
    [
      'a server that says nothing',
      () => {},
      "it accepted the connection but sent no XMPP stream within 300 ms: is this the server's client port (usually 5222)?",
    ],
  ])('%s is named for what it is', async (_, answer, reason) => {
    const service = await listen((socket) => {
      socket.on('error', () => {});
      socket.once('data', () => answer(socket));
    });
    await expect(probeService(service, { timeoutMs: 300 })).rejects.toThrow(
      `cannot connect to xmpp://127.0.0.1:${service.port}: ${reason}`,
    );
  });

  it('an XMPP server passes the probe', async () => {
    const service = await xmppServer(() => {});
    await expect(probeService(service, { timeoutMs: 2000 })).resolves.toBeUndefined();
  });
});
