// mucsim serve against hostile streams: each gets its stream error and is closed, and the client already in a room never notices — RFC 6120 §4.9 around XEP-0045 §7
import type { XmppClient } from '@xmpp/client';
import { xml } from '@xmpp/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/serve/server.js';
import {
  loginChunks,
  plainAuth,
  rawTcp,
  rawWebSocket,
  STREAM_HEADER,
  startTestServer,
  xmppClient,
} from './helpers/serve.js';

const MAX_BYTES = 4096;
const ROOM = 'room@conference.localhost';

function streamError(condition: string): RegExp {
  return new RegExp(
    `<stream:error><${condition} xmlns="urn:ietf:params:xml:ns:xmpp-streams"/>.*</stream:error></stream:stream>$`,
  );
}

let server: RunningServer;
let juliet: XmppClient;
const julietGot: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ maxStanzaBytes: MAX_BYTES });
  juliet = await xmppClient(`xmpp://127.0.0.1:${server.port}`, 'juliet', 'balcony');
  juliet.on('stanza', (stanza) => julietGot.push(stanza.toString()));
  await juliet.send(
    xml(
      'presence',
      { to: `${ROOM}/Juliet` },
      xml('x', { xmlns: 'http://jabber.org/protocol/muc' }),
    ),
  );
});

afterAll(async () => {
  await juliet.stop();
  await server.close();
});

describe('a bad TCP stream gets a stream error and is closed', () => {
  const cases: [string, string[], string][] = [
    [
      'malformed XML',
      [...loginChunks('romeo', 'a'), '<message><body>x</message>'],
      'not-well-formed',
    ],
    [
      'an undeclared prefix',
      [...loginChunks('romeo', 'b'), '<foo:message/>'],
      'bad-namespace-prefix',
    ],
    ['a comment (restricted XML)', [STREAM_HEADER, '<!-- hi -->'], 'restricted-xml'],
    [
      'a stanza before authentication',
      [STREAM_HEADER, "<message to='juliet@localhost'><body>hi</body></message>"],
      'not-authorized',
    ],
    [
      'a stanza before binding',
      [STREAM_HEADER, plainAuth('romeo'), STREAM_HEADER, '<presence/>'],
      'not-authorized',
    ],
    [
      'a from the session does not own',
      [
        ...loginChunks('romeo', 'c'),
        `<message from='juliet@localhost/balcony' to='${ROOM}' type='groupchat'><body>forged</body></message>`,
      ],
      'invalid-from',
    ],
    [
      'an oversized stanza',
      [
        ...loginChunks('romeo', 'd'),
        `<message to='${ROOM}' type='groupchat'><body>${'é'.repeat(MAX_BYTES / 2)}</body></message>`,
      ],
      'policy-violation',
    ],
    [
      'an unknown host',
      [STREAM_HEADER.replace("to='localhost'", "to='example.org'")],
      'host-unknown',
    ],
    [
      'a wrong stream namespace',
      [STREAM_HEADER.replace("xmlns='jabber:client'", "xmlns='jabber:server'")],
      'invalid-namespace',
    ],
    [
      'an unsupported version',
      [STREAM_HEADER.replace("version='1.0'>", "version='2.0'>")],
      'unsupported-version',
    ],
    [
      'an element that is no stanza',
      [...loginChunks('romeo', 'e'), "<enable xmlns='urn:xmpp:sm:3'/>"],
      'unsupported-stanza-type',
    ],
  ];
  for (const [what, chunks, condition] of cases) {
    it(what, async () => {
      const { received, closed } = await rawTcp(server.port, chunks);
      expect(closed).toBe(true);
      expect(received).toMatch(streamError(condition));
    });
  }

  it('says which limit an oversized stanza broke, as Prosody does', async () => {
    const body = 'x'.repeat(MAX_BYTES);
    const { received } = await rawTcp(server.port, [
      ...loginChunks('romeo', 'f'),
      `<message><body>${body}`,
    ]);
    expect(received).toContain(
      '<stream:error><policy-violation xmlns="urn:ietf:params:xml:ns:xmpp-streams"/><text xmlns="urn:ietf:params:xml:ns:xmpp-streams" xml:lang="en">XML stanza is too big</text><stanza-too-big xmlns="urn:xmpp:errors"/></stream:error>',
    );
  });

  it('a stanza just under the limit goes through', async () => {
    const stanza = `<message to='${ROOM}' type='groupchat'><body>${'x'.repeat(MAX_BYTES - 100)}</body></message>`;
    const { received, closed } = await rawTcp(
      server.port,
      [...loginChunks('romeo', 'g'), stanza],
      500,
    );
    expect(closed).toBe(false);
    expect(received).not.toContain('stream:error');
  });
});

describe('a bad WebSocket stream gets a stream error and <close/>', () => {
  const open = "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='localhost' version='1.0'/>";
  it('malformed XML in a frame', async () => {
    const { received, closed } = await rawWebSocket(server.wsPort, [
      open,
      '<message><body>x</message>',
    ]);
    expect(closed).toBe(true);
    expect(received.slice(-2)).toEqual([
      '<stream:error xmlns:stream=\'http://etherx.jabber.org/streams\'><not-well-formed xmlns="urn:ietf:params:xml:ns:xmpp-streams"/><text xmlns="urn:ietf:params:xml:ns:xmpp-streams" xml:lang="en">1:26: unexpected close tag.</text></stream:error>',
      "<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>",
    ]);
  });

  it('a stanza before authentication', async () => {
    const { received, closed } = await rawWebSocket(server.wsPort, [
      open,
      "<message xmlns='jabber:client'/>",
    ]);
    expect(closed).toBe(true);
    expect(received.at(-2)).toContain(
      '<not-authorized xmlns="urn:ietf:params:xml:ns:xmpp-streams"/>',
    );
  });
});

describe('the session already in the room', () => {
  it('is untouched by all of the above and still talks', async () => {
    julietGot.length = 0;
    await juliet.send(
      xml('message', { to: ROOM, type: 'groupchat', id: 'after' }, xml('body', {}, 'still here')),
    );
    const pong = await juliet.iqCaller.request(
      xml('iq', { type: 'get', to: 'localhost' }, xml('ping', { xmlns: 'urn:xmpp:ping' })),
    );
    expect(pong.attrs.type).toBe('result');
    expect(julietGot.some((stanza) => stanza.includes('<body>still here</body>'))).toBe(true);
    // The forged message never reached the room.
    expect(
      JSON.stringify(
        server.served.world.trace.entries.map((entry) =>
          'stanza' in entry ? entry.stanza.toString() : '',
        ),
      ),
    ).not.toContain('forged');
  });
});
