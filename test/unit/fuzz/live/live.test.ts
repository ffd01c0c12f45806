// The pieces of a differential run that need no server: fresh room names, explained differences, the repro script, the shrinker's tail — XEP-0045 on two services
import { createServer } from 'node:net';
import { Element } from 'ltx';
import { describe, expect, it } from 'vitest';
import type { ClientComparison } from '../../../../src/diff/compare.js';
import { makeCast } from '../../../../src/fuzz/actions.js';
import { reachesDirectedAddresses } from '../../../../src/fuzz/live/differential.js';
import { Explanations, readExplainedDifferences } from '../../../../src/fuzz/live/explained.js';
import { writeLiveRepro } from '../../../../src/fuzz/live/live-repro.js';
import { freshTag, RoomNames } from '../../../../src/fuzz/live/room-names.js';
import { shrinkLive, tailFrom } from '../../../../src/fuzz/live/shrink-live.js';
import { parseBlock } from '../../../../src/scansion/block.js';

function stanza(xml: string): Element {
  const parsed = parseBlock(xml);
  if (!parsed.ok) throw new Error(xml);
  return parsed.element;
}

describe('RoomNames', () => {
  const names = new RoomNames('kqz', 'conference.localhost');

  it('gives the fuzzer’s rooms fresh names on the way out, wherever they are, and takes them back', () => {
    const out = names.outgoing(
      stanza(
        `<message to='r1@conference.localhost'><x xmlns='http://jabber.org/protocol/muc#user'><invite to='r2g1@conference.localhost/Nick'/></x><body>r1@conference.localhost</body></message>`,
      ),
    );
    expect(out.toString()).toBe(
      '<message to="r1-kqz@conference.localhost"><x xmlns="http://jabber.org/protocol/muc#user"><invite to="r2g1-kqz@conference.localhost/Nick"/></x><body>r1-kqz@conference.localhost</body></message>',
    );
    expect(names.incoming(out).toString()).toBe(
      stanza(
        `<message to='r1@conference.localhost'><x xmlns='http://jabber.org/protocol/muc#user'><invite to='r2g1@conference.localhost/Nick'/></x><body>r1@conference.localhost</body></message>`,
      ).toString(),
    );
  });

  it('leaves out of the server’s lists the rooms of other runs and any other room', () => {
    const list = stanza(
      `<iq type='result' from='conference.localhost'><query xmlns='http://jabber.org/protocol/disco#items'><item jid='r1-kqz@conference.localhost'/><item jid='r1-abc@conference.localhost'/><item jid='lobby@conference.localhost'/><item jid='r1-kqz@conference.localhost/Nick'/></query><x xmlns='jabber:x:data'><field var='rooms'><option label='r2-abc@conference.localhost'><value>r2-abc@conference.localhost</value></option><option label='r2g1-kqz@conference.localhost'><value>r2g1-kqz@conference.localhost</value></option></field></x></iq>`,
    );
    const notice = stanza(
      `<message from='r1-kqz@conference.localhost'><x xmlns='http://jabber.org/protocol/muc#user'><status code='301'/><item affiliation='outcast' jid='someone@conference.localhost'/></x></message>`,
    );
    expect(names.incoming(notice).toString()).toContain(`jid="someone@conference.localhost"`);
    expect(names.incoming(list).toString()).toBe(
      `<iq type="result" from="conference.localhost"><query xmlns="http://jabber.org/protocol/disco#items"><item jid="r1@conference.localhost"/><item jid="r1@conference.localhost/Nick"/></query><x xmlns="jabber:x:data"><field var="rooms"><option label="r2g1@conference.localhost"><value>r2g1@conference.localhost</value></option></field></x></iq>`,
    );
  });

  it('leaves other JIDs alone, and makes tags of letters only', () => {
    const other = stanza(`<presence to='room@conference.localhost/r1' from='r1@localhost'/>`);
    expect(names.outgoing(other).toString()).toBe(other.toString());
    expect(freshTag(1_700_000_000_000, 3)).toMatch(/^[a-z]+$/);
    expect(freshTag(1_700_000_000_000, 3)).not.toBe(freshTag(1_700_000_000_000, 4));
  });
});

describe('Explanations', () => {
  const list = new Explanations([
    { id: 'extra', reason: 'the simulator adds it', simulator: '<message[^>]*><body>extra' },
    { id: 'missing', reason: 'the server adds it', server: 'stanza-id' },
    { id: 'changed', reason: 'texts differ', simulator: 'mucsim text', server: 'prosody text' },
  ]);
  const client = (differences: ClientComparison['differences']): ClientComparison => ({
    name: 'U1',
    simulator: 1,
    server: 1,
    differences,
  });
  const only = (side: 'simulator' | 'server', xml: string, partner?: number) => ({
    kind: side === 'simulator' ? ('simulator-only' as const) : ('server-only' as const),
    side,
    position: 0,
    step: 1,
    xml,
    ...(partner !== undefined && { partner }),
  });

  it('explains a stanza only one side sent by the pattern for that side alone', () => {
    const extra = only('simulator', '<message to="x"><body>extra</body></message>');
    expect(list.explain(client([extra]), extra)?.id).toBe('extra');
    const missing = only('server', '<message><stanza-id/></message>');
    expect(list.explain(client([missing]), missing)?.id).toBe('missing');
  });

  it('explains a changed stanza only when both sides match, and nothing else', () => {
    const left = only('simulator', '<iq><text>mucsim text</text></iq>', 0);
    const right = only('server', '<iq><text>prosody text</text></iq>', 0);
    expect(list.explain(client([left, right]), left)?.id).toBe('changed');
    const other = only('server', '<iq><text>other</text></iq>', 0);
    expect(list.explain(client([left, other]), left)).toBeUndefined();
    const unrelated = only('simulator', '<presence/>');
    expect(list.explain(client([unrelated]), unrelated)).toBeUndefined();
  });

  it('explains a changed stanza by `except` only when nothing else differs', () => {
    const byOnly = new Explanations([{ id: 'by', reason: 'by differs', except: ' by="[^"]*"' }]);
    const left = only('simulator', '<iq><error by="room" type="cancel"><gone/></error></iq>', 0);
    const right = only('server', '<iq><error by="service" type="cancel"><gone/></error></iq>', 0);
    expect(byOnly.explain(client([left, right]), left)?.id).toBe('by');
    const other = only('server', '<iq><error by="service" type="modify"><gone/></error></iq>', 0);
    expect(byOnly.explain(client([left, other]), left)).toBeUndefined();
    expect(byOnly.explain(client([left]), { ...left, partner: undefined })).toBeUndefined();
    const onIqs = new Explanations([
      { id: 'iq-by', reason: 'by differs in iqs', simulator: '^<iq', except: ' by="[^"]*"' },
    ]);
    expect(onIqs.explain(client([left, right]), left)?.id).toBe('iq-by');
    const message = only('simulator', '<message><error by="room" type="cancel"/></message>', 0);
    const answer = only('server', '<message><error by="service" type="cancel"/></message>', 0);
    expect(onIqs.explain(client([message, answer]), message)).toBeUndefined();
  });

  it('reads the fenced block of a differences document, and says what is wrong with a bad one', () => {
    const doc = (body: string) =>
      `# Differences\n\n\`\`\`json mucsim:explained-differences\n${body}\n\`\`\`\n`;
    expect(readExplainedDifferences(doc('[{"id":"a","reason":"b","server":"c"}]'))).toEqual([
      { id: 'a', reason: 'b', server: 'c' },
    ]);
    expect(readExplainedDifferences('# nothing machine-readable')).toEqual([]);
    expect(() => readExplainedDifferences(doc('[{"id":"a"}]'))).toThrow(/needs an id, a reason/);
    expect(() => readExplainedDifferences(doc('[{"id":"a","reason":"b","server":"("}]'))).toThrow();
    expect(() => readExplainedDifferences(doc('[{"id":'))).toThrow(/not JSON/);
  });

  it('reads every block that names explained differences, in either spelling of its fields', () => {
    const text = [
      '# Differences',
      '```json mucsim:explained-differences',
      '[{"id":"a","reason":"b","simulator":"c","section":"§7"}]',
      '```',
      'Prose between.',
      '~~~json explained-differences',
      '[{"name":"d","why":"e","mucsim":"f","prosody":"g"}]',
      '~~~',
      '```json',
      '[{"id":"ignored"}]',
      '```',
    ].join('\n');
    expect(readExplainedDifferences(text)).toEqual([
      { id: 'a', reason: 'b', simulator: 'c' },
      { id: 'd', reason: 'e', simulator: 'f', server: 'g' },
    ]);
  });
});

describe('writeLiveRepro', () => {
  it('writes every stanza the server sent, volatile values as {scansion:any}, loose presences in any order, and nothing more for the clients that differ', () => {
    const cast = makeCast(2, 1);
    const join = stanza(
      `<presence to='r1@conference.localhost/U1'><x xmlns='http://jabber.org/protocol/muc'/></presence>`,
    );
    const self = stanza(
      `<presence from='r1@conference.localhost/U1' to='u1@localhost/a' id='gen1' xml:lang='en'><occupant-id xmlns='urn:xmpp:occupant-id:0' id='x1'/><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='owner' role='moderator'/><status code='110'/></x></presence>`,
    );
    const other = stanza(
      `<presence from='r1@conference.localhost/U2' to='u1@localhost/a'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='participant'/></x></presence>`,
    );
    const text = writeLiveRepro(
      cast,
      [
        { action: { kind: 'connect', client: 'U1' }, server: new Map() },
        {
          action: { kind: 'send', client: 'U1', stanza: join },
          server: new Map([['U1', [other, self]]]),
        },
      ],
      {
        seed: 7,
        users: 2,
        rooms: 1,
        step: 40,
        server: 'xmpp://127.0.0.1:5222',
        differing: ['U1'],
        summary: ['U1 sends a join'],
      },
    );
    expect(text).toContain(
      '# Shrunk from step 40 of mucsim fuzz --seed 7 --users 2 --rooms 1 --server xmpp://127.0.0.1:5222',
    );
    expect(text).toContain(
      `U1 receives:\n\t<presence from="r1@conference.localhost/U2" to="u1@localhost/a" scansion:order="any">`,
    );
    expect(text).toContain(
      `<presence from="r1@conference.localhost/U1" to="u1@localhost/a" id="{scansion:any}">`,
    );
    expect(text).toContain('<occupant-id xmlns="urn:xmpp:occupant-id:0" id="{scansion:any}"/>');
    expect(text).not.toContain('xml:lang');
    expect(text.trimEnd().endsWith('U1 receives: nothing')).toBe(true);
  });
});

describe('a session’s unavailable presence to its directed addresses', () => {
  it('is a broadcast unavailable presence or a closed stream, and its answers are written in any order', () => {
    const leave = stanza(`<presence type='unavailable'/>`);
    const directed = stanza(`<presence type='unavailable' to='r1@conference.localhost/U1'/>`);
    expect(reachesDirectedAddresses({ kind: 'send', client: 'U1', stanza: leave })).toBe(true);
    expect(reachesDirectedAddresses({ kind: 'disconnect', client: 'U1' })).toBe(true);
    expect(reachesDirectedAddresses({ kind: 'send', client: 'U1', stanza: directed })).toBe(false);
    const gone = stanza(
      `<presence type='error' from='r1@conference.localhost/U9' to='u1@localhost/a'><error type='cancel' by='conference.localhost'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>`,
    );
    const text = writeLiveRepro(
      makeCast(2, 1),
      [
        { action: { kind: 'connect', client: 'U1' }, server: new Map() },
        {
          action: { kind: 'send', client: 'U1', stanza: leave },
          server: new Map([['U1', [gone]]]),
        },
      ],
      {
        seed: 7,
        users: 2,
        rooms: 1,
        step: 2,
        server: 'xmpp://127.0.0.1:5222',
        differing: ['U1'],
        summary: ['U1 leaves'],
      },
    );
    expect(text).toContain(
      `<presence type="error" from="r1@conference.localhost/U9" to="u1@localhost/a" scansion:order="any">`,
    );
  });
});

describe('tailFrom', () => {
  it('keeps the last actions, after connects for whoever was online then', () => {
    const actions = [
      { kind: 'connect', client: 'U1' },
      { kind: 'connect', client: 'U2' },
      { kind: 'disconnect', client: 'U1' },
      { kind: 'send', client: 'U2', stanza: new Element('presence') },
    ] as const;
    expect(tailFrom(actions, 3)).toEqual([{ kind: 'connect', client: 'U2' }, actions[3]]);
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

describe('shrinkLive', () => {
  it('stops, keeping the run it was given, when the server can no longer be reached', async () => {
    const cast = makeCast(2, 1);
    const steps = [
      { action: { kind: 'connect', client: 'U1' } as const, server: new Map() },
      {
        action: { kind: 'send', client: 'U1', stanza: new Element('presence') } as const,
        server: new Map(),
      },
    ];
    const failing = {
      steps,
      compared: 0,
      differences: 1,
      explained: new Map(),
      difference: { step: 2, action: steps[1]!.action, clients: [], failure: 'no reply' },
    };
    const port = await closedPort();
    const server = { url: `xmpp://127.0.0.1:${port}`, host: '127.0.0.1', port };
    const options = { server, explanations: new Explanations([]), now: () => 0, timeoutMs: 2000 };
    const shrunk = await shrinkLive(cast, failing, options, {});
    expect(shrunk.run).toBe(failing);
    expect(shrunk.complete).toBe(false);
    expect(shrunk.unreachable).toMatch(/127\.0\.0\.1/);
  });
});
