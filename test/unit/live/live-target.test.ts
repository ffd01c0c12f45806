// Tests for the live transport's failures without a real server: refused, silent, no local part — the XMPP session under XEP-0045 scenarios
import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { LiveConnectionError } from '../../../src/live/errors.js';
import { detachStanza, keepingWhitespace, LiveTarget } from '../../../src/live/live-target.js';
import { probeService } from '../../../src/live/probe.js';
import { parseService, type ServiceAddress } from '../../../src/live/service.js';
import { parseXml } from '../../../src/xmpp/xml.js';

const ROMEO = { name: 'Romeo', jid: 'romeo@localhost', line: 1 };

function listen(
  onConnection: Parameters<typeof createServer>[1],
): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer(onConnection);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

/** A port that was free a moment ago: nothing listens there. */
async function closedPort(): Promise<number> {
  const { server, port } = await listen(() => {});
  await new Promise((done) => server.close(done));
  return port;
}

function address(port: number): ServiceAddress {
  return parseService(`xmpp://127.0.0.1:${port}`) as ServiceAddress;
}

describe('detachStanza', () => {
  it('drops the stream-level jabber:client namespace and the parent link', () => {
    const parsed = parseXml(
      "<stream xmlns='jabber:client'><message xmlns='jabber:client' to='a@b'><body>x</body></message></stream>",
    );
    if (!parsed.ok) throw new Error('bad xml');
    const message = parsed.element.getChild('message')!;
    const detached = detachStanza(message);
    expect(detached.attrs.xmlns).toBeUndefined();
    expect(detached.parent).toBeFalsy();
    expect(detached.toString()).toBe('<message to="a@b"><body>x</body></message>');
  });
});

describe('LiveTarget failures', () => {
  it('reports a refused connection with the address and what failed', async () => {
    const port = await closedPort();
    const target = new LiveTarget({ service: `xmpp://127.0.0.1:${port}` });
    const failure = await target.connect(ROMEO, () => {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LiveConnectionError);
    expect((failure as Error).message).toBe(
      `cannot connect to xmpp://127.0.0.1:${port}: connection refused: is the server running and listening there? (ECONNREFUSED)`,
    );
    expect(target.connectionError).toBe(failure);
    await target.close();
  });

  it('reports a server that accepts TCP but never speaks XMPP, naming the stage', async () => {
    const { server, port } = await listen((socket) => socket.end());
    const target = new LiveTarget({ service: address(port), connectTimeoutMs: 1000 });
    const failure = await target.connect(ROMEO, () => {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LiveConnectionError);
    expect((failure as Error).message).toMatch(
      new RegExp(
        `^cannot log in romeo@localhost at xmpp://127\\.0\\.0\\.1:${port}: failed while opening the stream: `,
      ),
    );
    await target.close();
    server.close();
  });

  it('refuses to log in a client without a local part', async () => {
    const target = new LiveTarget({ service: 'xmpp://127.0.0.1:1' });
    await expect(target.connect({ ...ROMEO, jid: 'localhost' }, () => {})).rejects.toThrow(
      "'localhost' has no local part",
    );
  });

  it('probeService tells whether anything listens', async () => {
    const closed = await closedPort();
    await expect(probeService(address(closed))).rejects.toThrow(
      `cannot connect to xmpp://127.0.0.1:${closed}: connection refused`,
    );
  });
});

describe('keepingWhitespace', () => {
  it('writes tabs, line feeds and carriage returns as character references, so a server reads them as written', () => {
    const parsed = parseXml(
      "<message to='a@b' id='x&#9;y'><body>one&#13;&#10;two</body></message>",
    );
    if (!parsed.ok) throw new Error('bad xml');

    const text = keepingWhitespace(parsed.element).toString();

    expect(text).toBe(`<message to="a@b" id="x&#9;y"><body>one&#13;&#10;two</body></message>`);
  });
});
