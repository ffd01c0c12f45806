// Tests for occupant presence as each viewer may see it: whois and presencebroadcast — XEP-0045 §7.2.2–4 and §16.5.3
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../../src/sim/session.js';
import { World } from '../../../../src/sim/world.js';
import { canonicalAll, stanza } from '../../../helpers/stanza.js';
import { clearInboxes, createRoom, join, leave, occupantId, take } from '../../../helpers/world.js';

const ROOM = 'room@conference.localhost';

function cast(fields: Record<string, string | string[]>) {
  const world = new World();
  const romeo = world.connect('romeo@localhost', { resource: 'r' });
  const juliet = world.connect('juliet@localhost', { resource: 'j' });
  const mercutio = world.connect('mercutio@localhost', { resource: 'm' });
  createRoom(world, romeo, `${ROOM}/Romeo`, fields);
  return { world, romeo, juliet, mercutio };
}

interface Seen {
  /** The occupant's nick and account. */
  nick: string;
  account: Session;
  to: Session;
  affiliation: string;
  role: string;
  /** Whether the item carries the occupant's real JID. */
  withJid: boolean;
  /** Status codes before the item (100, 201) and whether 110 closes the `<x>`. */
  codes?: string[];
  self?: boolean;
  type?: 'unavailable';
  /** Extra item content, e.g. `<actor nick='Romeo'/>`. */
  itemContent?: string;
}

/**
 * An occupant's available presence as the room sends it: the client's own presence (its stream
 * language, its avatar hash) stamped with the occupant-id, then the muc#user `<x>` (`type` only
 * relabels it, as when an occupant leaves the broadcast roles).
 */
function seen(world: World, p: Seen): string {
  const bare = p.account.jid.split('/')[0]!;
  const jid = p.withJid ? ` jid='${p.account.jid}'` : '';
  const type = p.type ? ` type='${p.type}'` : '';
  return `
    <presence from='${ROOM}/${p.nick}' to='${p.to.jid}' xml:lang='en'${type}>
      <x xmlns='vcard-temp:x:update'><photo/></x>
      <occupant-id xmlns='urn:xmpp:occupant-id:0' id='${occupantId(world, ROOM, bare)}'/>
      <x xmlns='http://jabber.org/protocol/muc#user'>
        ${(p.codes ?? []).map((code) => `<status code='${code}'/>`).join('')}
        <item affiliation='${p.affiliation}' role='${p.role}'${jid}>${p.itemContent ?? ''}</item>
        ${p.self ? `<status code='110'/>` : ''}
      </x>
    </presence>`;
}

const presences = (world: World, session: Session) =>
  take(world, session).filter((el) => el.name === 'presence');

describe('semi-anonymous room (whois = moderators, the default)', () => {
  it('shows a joiner’s real JID to moderators only', () => {
    const { world, romeo, juliet, mercutio } = cast({});
    join(world, juliet, `${ROOM}/Juliet`);
    clearInboxes(world, romeo, juliet);

    join(world, mercutio, `${ROOM}/Mercutio`);

    const mercutioAs = (to: Session, withJid: boolean) =>
      seen(world, {
        nick: 'Mercutio',
        account: mercutio,
        to,
        affiliation: 'none',
        role: 'participant',
        withJid,
      });
    expect(canonicalAll(presences(world, romeo))).toEqual(canonicalAll([mercutioAs(romeo, true)]));
    expect(canonicalAll(presences(world, juliet))).toEqual(
      canonicalAll([mercutioAs(juliet, false)]),
    );
  });

  it('gives a participant the occupant list without JIDs, and its own JID with 110 only', () => {
    const { world, romeo, juliet, mercutio } = cast({});
    join(world, juliet, `${ROOM}/Juliet`);

    join(world, mercutio, `${ROOM}/Mercutio`);

    expect(canonicalAll(presences(world, mercutio))).toEqual(
      canonicalAll([
        seen(world, {
          nick: 'Romeo',
          account: romeo,
          to: mercutio,
          affiliation: 'owner',
          role: 'moderator',
          withJid: false,
        }),
        seen(world, {
          nick: 'Juliet',
          account: juliet,
          to: mercutio,
          affiliation: 'none',
          role: 'participant',
          withJid: false,
        }),
        seen(world, {
          nick: 'Mercutio',
          account: mercutio,
          to: mercutio,
          affiliation: 'none',
          role: 'participant',
          withJid: true,
          self: true,
        }),
      ]),
    );
  });
});

describe('non-anonymous room (whois = anyone)', () => {
  it('shows every real JID to everyone, and puts 100 before the item of the join self-presence', () => {
    const { world, romeo, juliet, mercutio } = cast({ 'muc#roomconfig_whois': 'anyone' });
    join(world, juliet, `${ROOM}/Juliet`);
    clearInboxes(world, romeo, juliet);

    join(world, mercutio, `${ROOM}/Mercutio`);

    const mercutioAs = (to: Session) =>
      seen(world, {
        nick: 'Mercutio',
        account: mercutio,
        to,
        affiliation: 'none',
        role: 'participant',
        withJid: true,
      });
    expect(canonicalAll(presences(world, juliet))).toEqual(canonicalAll([mercutioAs(juliet)]));
    expect(canonicalAll(presences(world, romeo))).toEqual(canonicalAll([mercutioAs(romeo)]));
    expect(canonicalAll(presences(world, mercutio))).toEqual(
      canonicalAll([
        seen(world, {
          nick: 'Romeo',
          account: romeo,
          to: mercutio,
          affiliation: 'owner',
          role: 'moderator',
          withJid: true,
        }),
        seen(world, {
          nick: 'Juliet',
          account: juliet,
          to: mercutio,
          affiliation: 'none',
          role: 'participant',
          withJid: true,
        }),
        seen(world, {
          nick: 'Mercutio',
          account: mercutio,
          to: mercutio,
          affiliation: 'none',
          role: 'participant',
          withJid: true,
          codes: ['100'],
          self: true,
        }),
      ]),
    );
  });
});

describe('presencebroadcast without participant', () => {
  const onlyModerators = { 'muc#roomconfig_presencebroadcast': ['moderator'] };
  const setRole = (world: World, owner: Session, nick: string, role: string) =>
    world.send(
      owner.jid,
      stanza(`
        <iq type='set' to='${ROOM}' id='role'>
          <query xmlns='http://jabber.org/protocol/muc#admin'><item nick='${nick}' role='${role}'/></query>
        </iq>`),
    );

  it('does not send a participant’s join to the others, nor the participants to the joiner', () => {
    const { world, romeo, juliet, mercutio } = cast(onlyModerators);
    join(world, juliet, `${ROOM}/Juliet`);
    clearInboxes(world, romeo, juliet);

    join(world, mercutio, `${ROOM}/Mercutio`);

    expect(presences(world, romeo)).toEqual([]);
    expect(presences(world, juliet)).toEqual([]);
    expect(presences(world, mercutio).map((el) => el.attrs.from)).toEqual([
      `${ROOM}/Romeo`,
      `${ROOM}/Mercutio`,
    ]);
  });

  it('does not send its leave either; only the leaver hears of it', () => {
    const { world, romeo, juliet } = cast(onlyModerators);
    join(world, juliet, `${ROOM}/Juliet`);
    clearInboxes(world, romeo, juliet);

    leave(world, juliet, `${ROOM}/Juliet`);

    expect(presences(world, romeo)).toEqual([]);
    expect(presences(world, juliet).map((el) => [el.attrs.from, el.attrs.type])).toEqual([
      [`${ROOM}/Juliet`, 'unavailable'],
    ]);
  });

  it('shows an occupant appearing when it gets a broadcast role, and unavailable when it loses it', () => {
    const { world, romeo, juliet, mercutio } = cast(onlyModerators);
    join(world, juliet, `${ROOM}/Juliet`);
    join(world, mercutio, `${ROOM}/Mercutio`);
    clearInboxes(world, romeo, juliet, mercutio);
    const mercutioTo = (role: string, type?: 'unavailable') =>
      seen(world, {
        nick: 'Mercutio',
        account: mercutio,
        to: juliet,
        affiliation: 'none',
        role,
        withJid: false,
        type,
        itemContent: `<actor nick='Romeo'/>`,
      });

    setRole(world, romeo, 'Mercutio', 'moderator');
    expect(canonicalAll(presences(world, juliet))).toEqual(canonicalAll([mercutioTo('moderator')]));

    setRole(world, romeo, 'Mercutio', 'participant');
    expect(canonicalAll(presences(world, juliet))).toEqual(
      canonicalAll([mercutioTo('participant', 'unavailable')]),
    );
    expect(presences(world, mercutio).map((el) => el.attrs.type)).toEqual([undefined, undefined]);
  });
});
