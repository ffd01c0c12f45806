// Tests for the world around the MUC: the router, sessions, disconnects and crash handling — XEP-0045 §7 as occupants' clients see it
import { describe, expect, it } from 'vitest';
import { FEATURES } from '../../../src/muc/features/index.js';
import type { Feature } from '../../../src/muc/hooks.js';
import { UsageError, World } from '../../../src/sim/world.js';
import { canonical, canonicalAll, stanza } from '../../helpers/stanza.js';
import { createRoom, join, occupantId, take } from '../../helpers/world.js';

const ROOM = 'room@conference.localhost';

describe('connecting', () => {
  it('binds the requested resource', () => {
    const world = new World();

    expect(world.connect('Romeo@LOCALHOST', { resource: 'Orchard' }).jid).toBe(
      'romeo@localhost/Orchard',
    );
  });

  it('prefers the resource written in the JID', () => {
    const world = new World();

    expect(world.connect('romeo@localhost/home', { resource: 'other' }).jid).toBe(
      'romeo@localhost/home',
    );
  });

  it('generates a resource from the seed when none is requested', () => {
    const first = new World({ seed: 5 }).connect('romeo@localhost');
    const again = new World({ seed: 5 }).connect('romeo@localhost');
    const otherSeed = new World({ seed: 6 }).connect('romeo@localhost');

    expect(first.jid).toMatch(/^romeo@localhost\/[0-9A-Za-z]{8}$/);
    expect(again.jid).toBe(first.jid);
    expect(otherSeed.jid).not.toBe(first.jid);
  });

  it('refuses a second session with the same full JID, and accounts of other domains', () => {
    const world = new World();
    world.connect('romeo@localhost/r');

    expect(() => world.connect('romeo@localhost/r')).toThrow(UsageError);
    expect(() => world.connect('romeo@example.com/r')).toThrow(UsageError);
  });
});

describe('the router', () => {
  it('stamps `from` with the sender’s own full JID: no spoofing', () => {
    const world = new World();
    const romeo = world.connect('romeo@localhost', { resource: 'r' });
    const juliet = world.connect('juliet@localhost', { resource: 'j' });
    world.send(juliet.jid, stanza(`<presence/>`));
    take(world, juliet);

    world.send(
      romeo.jid,
      stanza(
        `<message type='chat' to='juliet@localhost' from='juliet@localhost/j' id='m1'><body>Hi</body></message>`,
      ),
    );

    expect(canonicalAll(take(world, juliet))).toEqual(
      canonicalAll([
        `<message type='chat' to='juliet@localhost' from='romeo@localhost/r' id='m1' xml:lang='en'><body>Hi</body></message>`,
      ]),
    );
  });

  it('prepares `to`: an upper-case room JID reaches the lower-case room, the nick keeps its case', () => {
    const world = new World();
    const romeo = world.connect('romeo@localhost', { resource: 'r' });

    join(world, romeo, 'Room@Conference.LOCALHOST/Romeo');

    expect(world.service.room(ROOM)).toBeDefined();
    expect(take(world, romeo)[0]?.attrs.from).toBe(`${ROOM}/Romeo`);
  });

  it('answers a stanza to a malformed JID with jid-malformed from that address, as Prosody', () => {
    const world = new World();
    const romeo = world.connect('romeo@localhost', { resource: 'r' });

    world.send(romeo.jid, stanza(`<message to='a@' id='m1'><body>?</body></message>`));

    expect(canonicalAll(take(world, romeo))).toEqual(
      canonicalAll([
        `<message type='error' from='a@' to='romeo@localhost/r' id='m1'>
          <error type='modify'>
            <jid-malformed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>The destination address is invalid: a@</text>
          </error>
        </message>`,
      ]),
    );
  });

  it('answers an iq to an address that prepares to an empty resource as its own host answers a bare JID, as Prosody', () => {
    const world = new World();
    const romeo = world.connect('romeo@localhost', { resource: 'r' });
    const to = `${ROOM}/\u200b`;

    world.send(
      romeo.jid,
      stanza(`<iq type='get' to='${to}' id='p'><ping xmlns='urn:xmpp:ping'/></iq>`),
    );
    world.send(
      romeo.jid,
      stanza(`<iq type='get' to='${to}' id='v'><vCard xmlns='vcard-temp'/></iq>`),
    );
    world.send(
      romeo.jid,
      stanza(`<iq type='get' to='${to}' id='q'><query xmlns='jabber:iq:version'/></iq>`),
    );

    expect(canonicalAll(take(world, romeo))).toEqual(
      canonicalAll([
        `<iq type='result' from='${ROOM}/' to='romeo@localhost/r' id='p'/>`,
        `<iq type='result' from='${ROOM}/' to='romeo@localhost/r' id='v'><vCard xmlns='vcard-temp'/></iq>`,
        `<iq type='error' from='${ROOM}/' to='romeo@localhost/r' id='q'>
          <error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>
        </iq>`,
      ]),
    );
  });

  it('echoes initial presence to every available session of the account, the sender included (without a to, as Prosody)', () => {
    const world = new World();
    const r1 = world.connect('romeo@localhost', { resource: 'r1' });
    const r2 = world.connect('romeo@localhost', { resource: 'r2' });
    const r3 = world.connect('romeo@localhost', { resource: 'r3' });
    const juliet = world.connect('juliet@localhost', { resource: 'j' });
    world.send(r2.jid, stanza(`<presence/>`));
    world.send(juliet.jid, stanza(`<presence/>`));
    take(world, r2);
    take(world, juliet);

    world.send(r1.jid, stanza(`<presence><show>away</show></presence>`));

    const echo = (to?: string) =>
      `<presence from='romeo@localhost/r1' xml:lang='en'${to ? ` to='${to}'` : ''}>
        <show>away</show><x xmlns='vcard-temp:x:update'><photo/></x>
      </presence>`;
    // r1 also gets the last presence of r2, its account's other available resource, with
    // the server's delay (Prosody's mod_presence on initial presence).
    const fromR2 = `<presence from='romeo@localhost/r2' xml:lang='en' to='romeo@localhost/r1'>
        <x xmlns='vcard-temp:x:update'><photo/></x>
        <delay xmlns='urn:xmpp:delay' from='localhost' stamp='2026-01-01T12:00:01Z'/>
      </presence>`;
    expect(canonicalAll(take(world, r1))).toEqual(canonicalAll([echo(), fromR2]));
    expect(canonicalAll(take(world, r2))).toEqual(canonicalAll([echo('romeo@localhost/r2')]));
    expect(take(world, r3)).toEqual([]);
    expect(take(world, juliet)).toEqual([]);
  });

  it("sends a session's unavailable presence on to a resource it has sent presence to, even one gone unavailable since (mod_presence's directed presence)", () => {
    const world = new World();
    const r1 = world.connect('romeo@localhost', { resource: 'r1' });
    const r2 = world.connect('romeo@localhost', { resource: 'r2' });
    world.send(r2.jid, stanza(`<presence/>`));
    // r1's initial presence brings it r2's, posted on r2's behalf: r1 is now among r2's directed
    // addresses, and r2 among r1's.
    world.send(r1.jid, stanza(`<presence/>`));
    world.send(r1.jid, stanza(`<presence type='unavailable'/>`));
    take(world, r1);
    take(world, r2);

    world.send(r2.jid, stanza(`<presence type='unavailable'/>`));

    expect(canonicalAll(take(world, r1))).toEqual(
      canonicalAll([
        `<presence type='unavailable' from='romeo@localhost/r2' to='romeo@localhost/r1' xml:lang='en'/>`,
      ]),
    );
  });

  it('adds the vcard-temp:x:update <photo/> to available presence only, and only once', () => {
    const world = new World();
    const romeo = world.connect('romeo@localhost', { resource: 'r' });
    const juliet = world.connect('juliet@localhost', { resource: 'j' });

    world.send(
      romeo.jid,
      stanza(`<presence><x xmlns='vcard-temp:x:update'><photo>abc</photo></x></presence>`),
    );
    world.send(juliet.jid, stanza(`<presence/>`));
    world.send(
      romeo.jid,
      stanza(`<presence type='unavailable' to='juliet@localhost/j' xml:lang='fr'/>`),
    );

    expect(canonicalAll(take(world, romeo))).toEqual(
      canonicalAll([
        `<presence from='romeo@localhost/r' xml:lang='en'>
          <x xmlns='vcard-temp:x:update'><photo>abc</photo></x>
        </presence>`,
      ]),
    );
    expect(canonicalAll(take(world, juliet))).toEqual(
      canonicalAll([
        `<presence from='juliet@localhost/j' xml:lang='en'>
          <x xmlns='vcard-temp:x:update'><photo/></x>
        </presence>`,
        `<presence type='unavailable' from='romeo@localhost/r' to='juliet@localhost/j' xml:lang='fr'/>`,
      ]),
    );
  });

  it('delivers a message to a bare JID to every available session, not to unavailable ones', () => {
    const world = new World();
    const romeo = world.connect('romeo@localhost', { resource: 'r' });
    const [j1, j2, j3] = ['j1', 'j2', 'j3'].map((resource) =>
      world.connect('juliet@localhost', { resource }),
    );
    world.send(j1.jid, stanza(`<presence/>`));
    world.send(j2.jid, stanza(`<presence/>`));
    take(world, j1);
    take(world, j2);

    world.send(
      romeo.jid,
      stanza(`<message to='juliet@localhost' id='m1'><body>Hi</body></message>`),
    );

    const expected = canonical(
      `<message to='juliet@localhost' from='romeo@localhost/r' id='m1' xml:lang='en'><body>Hi</body></message>`,
    );
    expect(canonicalAll(take(world, j1))).toEqual([expected]);
    expect(canonicalAll(take(world, j2))).toEqual([expected]);
    expect(take(world, j3)).toEqual([]);
  });

  it('drops what is addressed to a session that is gone, and says why in the trace', () => {
    const world = new World();
    const romeo = world.connect('romeo@localhost', { resource: 'r' });
    const juliet = world.connect('juliet@localhost', { resource: 'j' });
    world.disconnect(juliet.jid);

    const presence = world.send(romeo.jid, stanza(`<presence to='juliet@localhost/j'/>`));
    const headline = world.send(
      romeo.jid,
      stanza(`<message type='headline' to='juliet@localhost'/>`),
    );

    const dropped = world.trace.entries.filter((entry) => entry.kind === 'dropped');
    expect(dropped).toMatchObject([
      { cause: presence, to: 'juliet@localhost/j', reason: 'session not connected' },
      { cause: headline, to: 'juliet@localhost', reason: 'headline without a recipient' },
    ]);
    expect(world.session(juliet.jid)).toBeUndefined();
  });

  it('bounces a chat or groupchat message nobody can take, as Prosody without offline storage', () => {
    const world = new World();
    const romeo = world.connect('romeo@localhost', { resource: 'r' });
    const juliet = world.connect('juliet@localhost', { resource: 'j' });
    world.disconnect(juliet.jid);
    take(world, romeo);

    world.send(romeo.jid, stanza(`<message type='chat' id='c1' to='juliet@localhost/j'/>`));
    world.send(romeo.jid, stanza(`<message id='n1' to='juliet@localhost'/>`));
    world.send(romeo.jid, stanza(`<message type='groupchat' id='g1' to='juliet@localhost'/>`));

    const bounced = take(world, romeo);
    expect(bounced.map((s) => [s.attrs.from, s.attrs.id, s.attrs.type])).toEqual([
      ['juliet@localhost/j', 'c1', 'error'],
      ['juliet@localhost', 'n1', 'error'],
      ['juliet@localhost', 'g1', 'error'],
    ]);
    for (const error of bounced) {
      expect(error.getChild('error')?.getChild('service-unavailable')).toBeDefined();
    }
  });

  it('delivers chat to the available resources of the highest priority only', () => {
    const world = new World();
    const romeo = world.connect('romeo@localhost', { resource: 'r' });
    const home = world.connect('juliet@localhost', { resource: 'home' });
    const phone = world.connect('juliet@localhost', { resource: 'phone' });
    world.send(home.jid, stanza(`<presence><priority>5</priority></presence>`));
    world.send(phone.jid, stanza(`<presence><priority>1</priority></presence>`));
    take(world, home);
    take(world, phone);

    world.send(romeo.jid, stanza(`<message type='chat' id='c1' to='juliet@localhost'/>`));
    world.send(romeo.jid, stanza(`<message type='headline' id='h1' to='juliet@localhost'/>`));

    expect(take(world, home).map((s) => s.attrs.id)).toEqual(['c1', 'h1']);
    expect(take(world, phone).map((s) => s.attrs.id)).toEqual(['h1']);
  });
});

describe('disconnecting', () => {
  it('sends unavailable to every room the session joined: the others see it leave', () => {
    const world = new World();
    const romeo = world.connect('romeo@localhost', { resource: 'r' });
    const juliet = world.connect('juliet@localhost', { resource: 'j' });
    createRoom(world, romeo, 'one@conference.localhost/Romeo');
    createRoom(world, romeo, 'two@conference.localhost/Romeo');
    join(world, juliet, 'one@conference.localhost/Juliet');
    join(world, juliet, 'two@conference.localhost/Jules');
    take(world, romeo);

    world.disconnect(juliet.jid);

    const left = (room: string, nick: string) =>
      `<presence type='unavailable' from='${room}/${nick}' to='romeo@localhost/r'>
        <occupant-id xmlns='urn:xmpp:occupant-id:0' id='${occupantId(world, room, 'juliet@localhost')}'/>
        <x xmlns='http://jabber.org/protocol/muc#user'>
          <item affiliation='none' role='none' jid='juliet@localhost/j'/>
        </x>
      </presence>`;
    expect(canonicalAll(take(world, romeo))).toEqual(
      canonicalAll([
        left('one@conference.localhost', 'Juliet'),
        left('two@conference.localhost', 'Jules'),
      ]),
    );
    const inputs = world.trace.entries.filter(
      (entry) => entry.kind === 'input' && entry.sender === juliet.jid && entry.origin === 'server',
    );
    expect(inputs).toHaveLength(2);
    expect(world.trace.entries.at(-1)).toMatchObject({ kind: 'disconnect', jid: juliet.jid });
  });

  it('sends a broadcast unavailable presence on to every room joined (RFC 6121 §4.5.2)', () => {
    const world = new World();
    const romeo = world.connect('romeo@localhost', { resource: 'r' });
    const juliet = world.connect('juliet@localhost', { resource: 'j' });
    createRoom(world, romeo, `${ROOM}/Romeo`);
    join(world, juliet, `${ROOM}/Juliet`);
    take(world, romeo);

    world.send(
      juliet.jid,
      stanza(`<presence type='unavailable'><status>Off to bed</status></presence>`),
    );

    const [left] = take(world, romeo);
    expect(left?.attrs).toMatchObject({ type: 'unavailable', from: `${ROOM}/Juliet` });
    expect(world.service.room(ROOM)?.occupantByNick('Juliet')).toBeUndefined();
  });

  it('does not tell a room the session already left', () => {
    const world = new World();
    const romeo = world.connect('romeo@localhost', { resource: 'r' });
    const juliet = world.connect('juliet@localhost', { resource: 'j' });
    createRoom(world, romeo, `${ROOM}/Romeo`);
    join(world, juliet, `${ROOM}/Juliet`);
    world.send(juliet.jid, stanza(`<presence to='${ROOM}/Juliet' type='unavailable'/>`));
    take(world, romeo);

    world.disconnect(juliet.jid);

    expect(take(world, romeo)).toEqual([]);
  });
});

describe('a bug in the service', () => {
  /** A feature whose disco#info hook throws, standing for any bug in the core. */
  const bomb: Feature = {
    name: 'bomb',
    section: '§0',
    hooks: {
      'muc-disco#info': {
        priority: 0,
        run: () => {
          throw new Error('boom');
        },
      },
    },
  };

  it('becomes an internal-server-error reply and a crash entry with the stack in the trace', () => {
    const world = new World({ features: [...FEATURES, bomb] });
    const romeo = world.connect('romeo@localhost', { resource: 'r' });
    createRoom(world, romeo, `${ROOM}/Romeo`);

    const cause = world.send(
      romeo.jid,
      stanza(
        `<iq type='get' to='${ROOM}' id='d1'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>`,
      ),
    );

    expect(canonicalAll(take(world, romeo))).toEqual(
      canonicalAll([
        `<iq type='error' from='${ROOM}' to='romeo@localhost/r' id='d1'>
          <error type='cancel'>
            <internal-server-error xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
          </error>
        </iq>`,
      ]),
    );
    const crash = world.trace.entries.find((entry) => entry.kind === 'crash');
    expect(crash).toMatchObject({ kind: 'crash', cause, message: 'boom' });
    expect(crash && 'stack' in crash ? crash.stack : '').toContain('Error: boom');
  });

  it('leaves the service working for the next stanza', () => {
    const world = new World({ features: [...FEATURES, bomb] });
    const romeo = world.connect('romeo@localhost', { resource: 'r' });
    createRoom(world, romeo, `${ROOM}/Romeo`);
    world.send(
      romeo.jid,
      stanza(
        `<iq type='get' to='${ROOM}' id='d1'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>`,
      ),
    );
    take(world, romeo);

    world.send(
      romeo.jid,
      stanza(
        `<iq type='get' to='${ROOM}' id='d2'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>`,
      ),
    );

    expect(canonicalAll(take(world, romeo))).toEqual(
      canonicalAll([
        `<iq type='result' from='${ROOM}' to='romeo@localhost/r' id='d2'>
          <query xmlns='http://jabber.org/protocol/disco#items'/>
        </iq>`,
      ]),
    );
  });
});
