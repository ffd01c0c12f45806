// Spoofing and leaks: nobody speaks for someone else, and a semi-anonymous room never gives away a real JID — XEP-0045 §7.2.3–4, §7.5, §7.8.2, §17
import type { Element } from 'ltx';
import { describe, expect, it } from 'vitest';
import type { Session } from '../src/sim/session.js';
import { World, type WorldOptions } from '../src/sim/world.js';
import { NS } from '../src/xmpp/namespaces.js';
import { stanza } from './helpers/stanza.js';
import { configure, createRoom, join, take } from './helpers/world.js';

const ROOM = 'room@conference.localhost';

/** Every JID-looking value anywhere in the stanza: attributes and text. */
function mentions(element: Element, jid: string): boolean {
  return element.toString().includes(jid);
}

/** Juliet owns ROOM (semi-anonymous unless configured otherwise); Romeo and the Nurse are in it. */
function semiAnonymousRoom(fields: Record<string, string> = {}, options: WorldOptions = {}) {
  const world = new World(options);
  const juliet = world.connect('juliet@localhost/balcony');
  const romeo = world.connect('romeo@localhost/pda');
  const nurse = world.connect('nurse@localhost/chamber');
  const benvolio = world.connect('benvolio@localhost/street');
  world.send(benvolio.jid, stanza('<presence/>'));
  createRoom(world, juliet, `${ROOM}/Juliet`, fields);
  join(world, romeo, `${ROOM}/Romeo`);
  join(world, nurse, `${ROOM}/Nurse`);
  for (const session of [juliet, romeo, nurse, benvolio]) take(world, session);
  return { world, juliet, romeo, nurse, benvolio };
}

describe('spoofing: the server stamps `from`', () => {
  it('reflects a groupchat message under the real sender, whatever `from` it claimed', () => {
    const { world, juliet, romeo } = semiAnonymousRoom();
    world.send(
      romeo.jid,
      stanza(
        `<message from='${juliet.jid}' to='${ROOM}' type='groupchat' id='g1'><body>I am Juliet</body></message>`,
      ),
    );
    const [reflected] = take(world, juliet);
    expect(reflected?.attrs.from).toBe(`${ROOM}/Romeo`);
  });

  it('judges a kick by who really sent it: a participant claiming the owner’s JID gets not-allowed', () => {
    const { world, juliet, romeo, nurse } = semiAnonymousRoom();
    world.send(
      romeo.jid,
      stanza(`
        <iq from='${juliet.jid}' to='${ROOM}' type='set' id='kick1'>
          <query xmlns='${NS.mucAdmin}'><item nick='Nurse' role='none'/></query>
        </iq>`),
    );
    const [answer] = take(world, romeo);
    expect(answer?.attrs.type).toBe('error');
    expect(answer?.getChild('error')?.getChild('not-allowed', NS.stanzas)).toBeDefined();
    expect(take(world, juliet)).toEqual([]);
    expect(take(world, nurse)).toEqual([]);
    expect(world.service.room(ROOM)?.occupantByNick('Nurse')?.role).toBe('participant');
  });

  it('delivers a forged room presence sent straight to a user as coming from its real sender', () => {
    const { world, juliet, romeo } = semiAnonymousRoom();
    world.send(
      romeo.jid,
      stanza(`
        <presence from='${ROOM}/Nurse' to='${juliet.jid}' type='unavailable'>
          <x xmlns='${NS.mucUser}'><item affiliation='none' role='none'/><status code='307'/></x>
        </presence>`),
    );
    const [forged] = take(world, juliet);
    expect(forged?.attrs.from).toBe(romeo.jid);
  });

  it('relays the answer to a relayed iq only from the occupant it was sent to', () => {
    const { world, juliet, romeo, nurse } = semiAnonymousRoom();
    world.send(
      nurse.jid,
      stanza(`<iq to='${ROOM}/Juliet' type='get' id='v1'><query xmlns='jabber:iq:version'/></iq>`),
    );
    const [relayed] = take(world, juliet);
    expect(relayed?.attrs.from).toBe(`${ROOM}/Nurse`);
    const relayedId = relayed!.attrs.id as string;
    // Romeo guesses the id and answers in Juliet's place.
    world.send(
      romeo.jid,
      stanza(
        `<iq to='${ROOM}/Nurse' type='result' id='${relayedId}'><query xmlns='jabber:iq:version'><name>forged</name></query></iq>`,
      ),
    );
    expect(take(world, nurse)).toEqual([]);
    world.send(
      juliet.jid,
      stanza(
        `<iq to='${ROOM}/Nurse' type='result' id='${relayedId}'><query xmlns='jabber:iq:version'><name>real</name></query></iq>`,
      ),
    );
    const [answer] = take(world, nurse);
    expect(answer?.attrs).toMatchObject({ type: 'result', id: 'v1', from: `${ROOM}/Juliet` });
    expect(answer?.toString()).toContain('real');
  });
});

describe('leaks: private messages in a semi-anonymous room', () => {
  function pm(world: World, from: Session, toNick: string, extra = ''): void {
    world.send(
      from.jid,
      stanza(
        `<message to='${ROOM}/${toNick}' type='chat' id='pm1'><body>psst</body>${extra}</message>`,
      ),
    );
  }

  it('come from the occupant JID and carry no trace of the real one', () => {
    const { world, romeo, nurse } = semiAnonymousRoom();
    pm(world, romeo, 'Nurse');
    const [received] = take(world, nurse);
    expect(received?.attrs.from).toBe(`${ROOM}/Romeo`);
    expect(mentions(received!, 'romeo@localhost')).toBe(false);
  });

  it('do not relay muc#user data the sender smuggled in (items, statuses, real JIDs)', () => {
    const { world, juliet, romeo, nurse } = semiAnonymousRoom();
    pm(
      world,
      romeo,
      'Nurse',
      `<x xmlns='${NS.mucUser}'><item jid='${juliet.jid}' affiliation='owner' role='moderator'/><status code='110'/></x><x xmlns='${NS.muc}'/>`,
    );
    const [received] = take(world, nurse);
    expect(mentions(received!, juliet.jid)).toBe(false);
    const muc = received!
      .getChildren('x')
      .filter((x) => x.attrs.xmlns === NS.mucUser || x.attrs.xmlns === NS.muc);
    expect(muc.map((x) => x.toString())).toEqual([`<x xmlns="${NS.mucUser}"/>`]);
  });

  it('from an occupant with two sessions reveal neither session', () => {
    const { world, romeo, nurse } = semiAnonymousRoom();
    const phone = world.connect('romeo@localhost/phone');
    join(world, phone, `${ROOM}/Romeo`);
    take(world, nurse);
    pm(world, phone, 'Nurse');
    pm(world, romeo, 'Nurse');
    const received = take(world, nurse);
    expect(received).toHaveLength(2);
    for (const message of received) expect(mentions(message, 'romeo@localhost')).toBe(false);
  });

  it('to a moderator also come from the occupant JID only: a PM never adds the address', () => {
    const { world, juliet, romeo } = semiAnonymousRoom();
    pm(world, romeo, 'Juliet');
    const [received] = take(world, juliet);
    expect(received?.attrs.from).toBe(`${ROOM}/Romeo`);
    expect(mentions(received!, 'romeo@localhost')).toBe(false);
  });
});

describe('leaks: invitations in a semi-anonymous room', () => {
  function invite(world: World, from: Session, to: string, room = ROOM): void {
    world.send(
      from.jid,
      stanza(
        `<message to='${room}' id='inv1'><x xmlns='${NS.mucUser}'><invite to='${to}'><reason>Come</reason></invite></x></message>`,
      ),
    );
  }

  it('name the inviter by occupant JID, in the invite and in the fallback body', () => {
    const { world, romeo, benvolio } = semiAnonymousRoom();
    invite(world, romeo, 'benvolio@localhost');
    const [received] = take(world, benvolio);
    const inviteElement = received?.getChild('x', NS.mucUser)?.getChild('invite');
    expect(inviteElement?.attrs.from).toBe(`${ROOM}/Romeo`);
    expect(mentions(received!, 'romeo@localhost')).toBe(false);
  });

  it('do the same in a members-only room, where the invitation also makes a member', () => {
    const { world, juliet, benvolio } = semiAnonymousRoom();
    configure(world, juliet, ROOM, { 'muc#roomconfig_membersonly': '1' });
    take(world, juliet);
    invite(world, juliet, 'benvolio@localhost');
    const [received] = take(world, benvolio);
    expect(received?.getChild('x', NS.mucUser)?.getChild('invite')?.attrs.from).toBe(
      `${ROOM}/Juliet`,
    );
    expect(mentions(received!, 'juliet@localhost')).toBe(false);
  });

  // Prosody forwards such an invitation with the inviter's real JID (docs/prosody-differences.md):
  // mucsim does as Prosody by default, and refuses it with the outside-invite-guard extra.
  it('never give away the address of an inviter who is not in the room, with the outside-invite-guard extra', () => {
    const { world, juliet, benvolio } = semiAnonymousRoom({}, { extras: ['outside-invite-guard'] });
    const montague = world.connect('montague@localhost/house');
    world.send(
      juliet.jid,
      stanza(
        `<iq to='${ROOM}' type='set' id='m1'><query xmlns='${NS.mucAdmin}'><item jid='montague@localhost' affiliation='member'/></query></iq>`,
      ),
    );
    invite(world, montague, 'benvolio@localhost');
    for (const received of take(world, benvolio))
      expect(mentions(received, 'montague@localhost')).toBe(false);
  });

  it('show the real inviter only where the room is non-anonymous', () => {
    const { world, romeo, benvolio } = semiAnonymousRoom({ 'muc#roomconfig_whois': 'anyone' });
    invite(world, romeo, 'benvolio@localhost');
    const [received] = take(world, benvolio);
    expect(received?.getChild('x', NS.mucUser)?.getChild('invite')?.attrs.from).toBe(romeo.jid);
  });
});
