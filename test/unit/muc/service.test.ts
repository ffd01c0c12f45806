// Tests for the MUC component: creation, locking, temporary rooms, tombstones, service disco and the admins' destroy command — XEP-0045 §6.1–6.3, §10.1, §10.9
import { describe, expect, it } from 'vitest';
import { Effects } from '../../../src/muc/effects.js';
import { FEATURES } from '../../../src/muc/features/index.js';
import { LOCK_TIMEOUT_MS } from '../../../src/muc/features/lock.js';
import type { Feature } from '../../../src/muc/hooks.js';
import { MucService } from '../../../src/muc/service.js';
import { World, type WorldOptions } from '../../../src/sim/world.js';
import { canonical, canonicalAll, stanza } from '../../helpers/stanza.js';
import { configure, createRoom, join, leave, take } from '../../helpers/world.js';

const ROOM = 'room@conference.localhost';
const DESTROY_NODE = 'http://prosody.im/protocol/muc#destroy';

/** A world with Romeo and Juliet connected. */
function twoUsers(options: WorldOptions = {}) {
  const world = new World(options);
  return {
    world,
    romeo: world.connect('romeo@localhost', { resource: 'r' }),
    juliet: world.connect('juliet@localhost', { resource: 'j' }),
  };
}

/** The room lifecycle transitions recorded in the trace. */
function roomEvents(world: World) {
  return world.trace.entries.flatMap((entry) =>
    entry.kind === 'event' && entry.event.kind === 'room' ? [entry.event] : [],
  );
}

describe('MucService on its own', () => {
  const bomb: Feature = {
    name: 'bomb',
    section: '§0',
    hooks: {
      'muc-occupant-pre-join': {
        priority: 100,
        run: () => {
          throw new Error('boom');
        },
      },
    },
  };
  const service = () =>
    new MucService({
      domain: 'conference.localhost',
      admins: [],
      env: { now: () => 0, nextId: () => 'id', schedule: () => {} },
      occupantIdSecret: 'secret',
      features: [...FEATURES, bomb],
    });
  const joinPresence = () =>
    stanza(`
      <presence from='romeo@localhost/r' to='${ROOM}/Romeo'>
        <x xmlns='http://jabber.org/protocol/muc'/>
      </presence>`);

  it('lets a bug thrown by a feature reach the caller (the world turns it into an error)', () => {
    const muc = service();

    expect(() => muc.handle(joinPresence(), new Effects())).toThrow('boom');
  });

  it('keeps serving after a bug', () => {
    const muc = service();
    expect(() => muc.handle(joinPresence(), new Effects())).toThrow();
    const effects = new Effects();

    muc.handle(
      stanza(
        `<iq type='get' from='romeo@localhost/r' to='conference.localhost' id='i1'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>`,
      ),
      effects,
    );

    const sent = effects.entries.flatMap((entry) =>
      entry.kind === 'stanza' ? [entry.stanza] : [],
    );
    expect(canonicalAll(sent)).toEqual(
      canonicalAll([
        `<iq type='result' from='conference.localhost' to='romeo@localhost/r' id='i1'>
          <query xmlns='http://jabber.org/protocol/disco#items'/>
        </iq>`,
      ]),
    );
  });
});

describe('room creation (§10.1.1)', () => {
  it('creates a locked room, owned by the creator, on a join carrying the muc <x/>', () => {
    const { world, romeo } = twoUsers();

    join(world, romeo, `${ROOM}/Romeo`);

    expect(world.service.room(ROOM)?.lifecycle()).toBe('locked');
    expect(world.service.room(ROOM)?.affiliationOf('romeo@localhost')).toBe('owner');
    expect(roomEvents(world)).toMatchObject([{ room: ROOM, from: 'absent', to: 'locked' }]);
  });

  it('answers item-not-found to a presence without the muc <x/>, and creates nothing', () => {
    const { world, romeo } = twoUsers();

    world.send(romeo.jid, stanza(`<presence to='${ROOM}/Romeo' id='p1'/>`));

    expect(canonicalAll(take(world, romeo))).toEqual(
      canonicalAll([
        `<presence type='error' from='${ROOM}/Romeo' to='romeo@localhost/r' id='p1'>
          <error type='cancel' by='conference.localhost'>
            <item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
          </error>
        </presence>`,
      ]),
    );
    expect(world.service.room(ROOM)).toBeUndefined();
  });

  it('answers item-not-found from the service to anything but an error for a missing room', () => {
    const { world, romeo } = twoUsers();

    world.send(romeo.jid, stanza(`<presence to='${ROOM}/Romeo' type='unavailable'/>`));
    world.send(
      romeo.jid,
      stanza(`<message to='${ROOM}' type='groupchat' id='m1'><body>Hi</body></message>`),
    );

    expect(canonicalAll(take(world, romeo))).toEqual(
      canonicalAll([
        `<presence type='error' from='${ROOM}/Romeo' to='romeo@localhost/r'>
          <error type='cancel' by='conference.localhost'>
            <item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
          </error>
        </presence>`,
        `<message type='error' from='${ROOM}' to='romeo@localhost/r' id='m1'>
          <error type='cancel' by='conference.localhost'>
            <item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
          </error>
        </message>`,
      ]),
    );
  });
});

describe('the lock (§7.2.10; Prosody unlocks after five minutes)', () => {
  const refusal = `
    <presence type='error' from='${ROOM}/Juliet' to='juliet@localhost/j'>
      <error type='cancel' by='conference.localhost'>
        <item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
      </error>
    </presence>`;

  it('keeps others out until the owner configures the room', () => {
    const { world, romeo, juliet } = twoUsers();
    join(world, romeo, `${ROOM}/Romeo`);

    join(world, juliet, `${ROOM}/Juliet`);
    expect(canonicalAll(take(world, juliet))).toEqual(canonicalAll([refusal]));

    configure(world, romeo, ROOM);
    join(world, juliet, `${ROOM}/Juliet`);
    expect(world.service.room(ROOM)?.occupantByNick('Juliet')?.role).toBe('participant');
  });

  it("refuses the owner's other sessions too: only the creating presence gets in (Prosody)", () => {
    const world = new World();
    const romeo = world.connect('romeo@localhost', { resource: 'r' });
    const phone = world.connect('romeo@localhost', { resource: 'phone' });
    join(world, romeo, `${ROOM}/Romeo`);

    world.send(
      phone.jid,
      stanza(`<presence to='${ROOM}/Romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>`),
    );

    expect(canonicalAll(take(world, phone))).toEqual(
      canonicalAll([
        `<presence type='error' from='${ROOM}/Romeo' to='romeo@localhost/phone'>
          <error type='cancel' by='conference.localhost'>
            <item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
          </error>
        </presence>`,
      ]),
    );
  });

  it('times out after exactly five minutes of simulated time, on a timer the creation set', () => {
    const { world, romeo, juliet } = twoUsers({ stepMs: 0 });
    const created = world.clock.now();
    const creation = world.send(
      romeo.jid,
      stanza(`<presence to='${ROOM}/Romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>`),
    );

    world.clock.advance(LOCK_TIMEOUT_MS - 1);
    join(world, juliet, `${ROOM}/Juliet`);
    expect(canonicalAll(take(world, juliet))).toEqual(canonicalAll([refusal]));
    expect(roomEvents(world).at(-1)).toMatchObject({ from: 'absent', to: 'locked' });

    world.clock.advance(1);
    const opened = world.trace.entries.at(-1);
    expect(opened).toMatchObject({
      kind: 'event',
      time: created + LOCK_TIMEOUT_MS,
      cause: creation,
      event: { kind: 'room', from: 'locked', to: 'open', by: 'lock' },
    });
    join(world, juliet, `${ROOM}/Juliet`);
    expect(world.service.room(ROOM)?.occupantByNick('Juliet')?.role).toBe('participant');
  });

  it('changes nothing when it runs out in a room already configured', () => {
    const { world, romeo } = twoUsers({ stepMs: 0 });
    createRoom(world, romeo, `${ROOM}/Romeo`);
    const entries = world.trace.entries.length;

    world.clock.advance(LOCK_TIMEOUT_MS);

    expect(world.trace.entries.length).toBe(entries);
    expect(world.service.room(ROOM)?.lifecycle()).toBe('open');
  });
});

describe('temporary and persistent rooms', () => {
  it('destroys a temporary room when its last occupant leaves, leaving no tombstone', () => {
    const { world, romeo, juliet } = twoUsers();
    createRoom(world, romeo, `${ROOM}/Romeo`);
    join(world, juliet, `${ROOM}/Juliet`);

    leave(world, romeo, `${ROOM}/Romeo`);
    expect(world.service.room(ROOM)).toBeDefined();

    leave(world, juliet, `${ROOM}/Juliet`);
    expect(world.service.room(ROOM)).toBeUndefined();
    expect(world.service.tombstones.has(ROOM)).toBe(false);
    expect(roomEvents(world).at(-1)).toMatchObject({
      from: 'open',
      to: 'destroyed',
      by: 'persistent',
    });
  });

  it('keeps an empty persistent room', () => {
    const { world, romeo } = twoUsers();
    createRoom(world, romeo, `${ROOM}/Romeo`, { 'muc#roomconfig_persistentroom': '1' });

    leave(world, romeo, `${ROOM}/Romeo`);

    expect(world.service.room(ROOM)?.lifecycle()).toBe('open');
  });

  it('answers <gone/> with the alternate venue and reason once a persistent room is destroyed', () => {
    const { world, romeo, juliet } = twoUsers();
    createRoom(world, romeo, `${ROOM}/Romeo`, { 'muc#roomconfig_persistentroom': '1' });
    world.send(
      romeo.jid,
      stanza(`
        <iq type='set' to='${ROOM}' id='destroy'>
          <query xmlns='http://jabber.org/protocol/muc#owner'>
            <destroy jid='new@conference.localhost'><reason>Moved</reason></destroy>
          </query>
        </iq>`),
    );

    join(world, juliet, `${ROOM}/Juliet`);

    expect(world.service.room(ROOM)).toBeUndefined();
    expect(canonicalAll(take(world, juliet))).toEqual(
      canonicalAll([
        `<presence type='error' from='${ROOM}/Juliet' to='juliet@localhost/j'>
          <error type='cancel' by='conference.localhost'>
            <gone xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>xmpp:new@conference.localhost?join</gone>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Moved</text>
          </error>
        </presence>`,
      ]),
    );
  });
});

describe('service discovery (§6.1–6.3)', () => {
  it('answers disco#info with the conference identity and features', () => {
    const { world, romeo } = twoUsers();

    world.send(
      romeo.jid,
      stanza(
        `<iq type='get' to='conference.localhost' id='i1'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>`,
      ),
    );

    expect(canonicalAll(take(world, romeo))).toEqual(
      canonicalAll([
        `<iq type='result' from='conference.localhost' to='romeo@localhost/r' id='i1'>
          <query xmlns='http://jabber.org/protocol/disco#info'>
            <identity category='conference' type='text' name='Prosody Chatrooms'/>
            <feature var='http://jabber.org/protocol/disco#info'/>
            <feature var='http://jabber.org/protocol/disco#items'/>
            <feature var='http://jabber.org/protocol/muc'/>
            <feature var='http://jabber.org/protocol/muc#unique'/>
            <feature var='http://jabber.org/protocol/commands'/>
            <feature var='urn:xmpp:occupant-id:0'/>
            <feature var='urn:xmpp:mam:2'/>
            <feature var='vcard-temp'/>
            <x xmlns='jabber:x:data' type='result'>
              <field type='hidden' var='FORM_TYPE'><value>http://jabber.org/network/serverinfo</value></field>
              <field type='list-multi' var='admin-addresses'><value>xmpp:admin@localhost</value></field>
            </x>
          </query>
        </iq>`,
      ]),
    );
  });

  it('lists public rooms only: not hidden ones, not locked ones', () => {
    const { world, romeo, juliet } = twoUsers();
    createRoom(world, romeo, 'public@conference.localhost/Romeo', {
      'muc#roomconfig_publicroom': '1',
      'muc#roomconfig_roomname': 'Balcony',
    });
    createRoom(world, romeo, 'hidden@conference.localhost/Romeo');
    join(world, romeo, 'locked@conference.localhost/Romeo');

    world.send(
      juliet.jid,
      stanza(
        `<iq type='get' to='conference.localhost' id='i2'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>`,
      ),
    );

    expect(canonicalAll(take(world, juliet))).toEqual(
      canonicalAll([
        `<iq type='result' from='conference.localhost' to='juliet@localhost/j' id='i2'>
          <query xmlns='http://jabber.org/protocol/disco#items'>
            <item jid='public@conference.localhost' name='Balcony'/>
          </query>
        </iq>`,
      ]),
    );
  });
});

describe('the admins’ ad-hoc "Destroy rooms" command', () => {
  const execute = (id: string, rooms?: string[]) =>
    stanza(`
      <iq type='set' to='conference.localhost' id='${id}'>
        <command xmlns='http://jabber.org/protocol/commands' node='${DESTROY_NODE}' action='execute'>
          ${
            rooms
              ? `<x xmlns='jabber:x:data' type='submit'><field var='rooms'>${rooms
                  .map((room) => `<value>${room}</value>`)
                  .join('')}</field></x>`
              : ''
          }
        </command>
      </iq>`);

  it('is forbidden to a user who is not a service admin', () => {
    const { world, romeo } = twoUsers();
    createRoom(world, romeo, `${ROOM}/Romeo`);

    world.send(romeo.jid, execute('c1', [ROOM]));

    expect(canonicalAll(take(world, romeo))).toEqual(
      canonicalAll([
        `<iq type='error' from='conference.localhost' to='romeo@localhost/r' id='c1'>
          <error type='auth'>
            <forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>You don't have permission to execute this command</text>
          </error>
          <command xmlns='http://jabber.org/protocol/commands' node='http://prosody.im/protocol/muc#destroy' status='canceled'>
            <note type='error'>You don't have permission to execute this command</note>
          </command>
        </iq>`,
      ]),
    );
    expect(world.service.room(ROOM)).toBeDefined();
  });

  it('lets a service admin destroy a room in one step', () => {
    const { world, romeo } = twoUsers();
    const admin = world.connect('admin@localhost', { resource: 'a' });
    createRoom(world, romeo, `${ROOM}/Romeo`);

    world.send(admin.jid, execute('c2', [ROOM]));

    expect(world.service.room(ROOM)).toBeUndefined();
    expect(take(world, romeo).map((el) => el.attrs.type)).toEqual(['unavailable']);
    const [result] = take(world, admin);
    const sessionid = result?.getChild('command')?.attrs.sessionid;
    expect(sessionid).toBeTruthy();
    expect(canonical(result!)).toBe(
      canonical(`
        <iq type='result' from='conference.localhost' to='admin@localhost/a' id='c2'>
          <command xmlns='http://jabber.org/protocol/commands' node='${DESTROY_NODE}' status='completed' sessionid='${sessionid}'>
            <note type='info'>The following rooms were destroyed:\n${ROOM}</note>
          </command>
        </iq>`),
    );
  });
});

describe("iqs at a room's bare JID that mod_muc has no handler for", () => {
  it('answers service-unavailable from the room JID, whether the room exists or not', () => {
    const { world, romeo } = twoUsers();
    createRoom(world, romeo, `${ROOM}/Romeo`);
    take(world, romeo);

    for (const [id, to] of [
      ['p1', ROOM],
      ['p2', 'nowhere@conference.localhost'],
    ]) {
      world.send(
        romeo.jid,
        stanza(`<iq type='get' to='${to}' id='${id}'><ping xmlns='urn:xmpp:ping'/></iq>`),
      );
    }

    expect(canonicalAll(take(world, romeo))).toEqual(
      canonicalAll([
        `<iq type='error' from='${ROOM}' to='romeo@localhost/r' id='p1'>
          <error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>
        </iq>`,
        `<iq type='error' from='nowhere@conference.localhost' to='romeo@localhost/r' id='p2'>
          <error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>
        </iq>`,
      ]),
    );
  });
});
