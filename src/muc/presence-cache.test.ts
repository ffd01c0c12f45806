// Tests for the occupant list's cached presences: a joiner always sees each occupant as it is now — XEP-0045 §7.2.3
import type { Element } from 'ltx';
import { describe, expect, it } from 'vitest';
import { canonical, stanza } from '../../test/helpers/stanza.js';
import { createRoom, join, take } from '../../test/helpers/world.js';
import type { Session } from '../sim/session.js';
import { World } from '../sim/world.js';
import { NS } from '../xmpp/namespaces.js';
import { presenceFor } from './presence.js';

const ROOM = 'room@conference.localhost';

function setUp(fields: Record<string, string> = {}) {
  const world = new World();
  const romeo = world.connect('romeo@localhost', { resource: 'r' });
  const juliet = world.connect('juliet@localhost', { resource: 'j' });
  createRoom(world, romeo, `${ROOM}/Romeo`, fields);
  join(world, juliet, `${ROOM}/Juliet`);
  let joiners = 0;
  /** A new user joins; returns the presence of `nick` in the occupant list it got. */
  const listed = (nick: string): Element => {
    joiners += 1;
    const joiner = world.connect(`joiner${joiners}@localhost`, { resource: 'x' });
    join(world, joiner, `${ROOM}/Joiner${joiners}`);
    const found = take(joiner).find((presence) => presence.attrs.from === `${ROOM}/${nick}`);
    if (!found) throw new Error(`${nick} is not in the occupant list`);
    return found;
  };
  /** The presence `presenceFor` builds now, uncached, as a joiner sees it, sent to `to`. */
  const fresh = (nick: string, to: Element): string => {
    const room = world.service.room(ROOM)!;
    const seesJids = room.config.whois === 'anyone';
    const built = presenceFor(room, room.occupantByNick(nick)!, { kind: 'other', seesJids });
    built.attrs.to = to.attrs.to;
    return canonical(built);
  };
  const send = (session: Session, xml: string) => world.send(session.jid, stanza(xml));
  return { world, romeo, juliet, listed, fresh, send };
}

describe('the occupant list after an occupant changed', () => {
  it('shows a new availability', () => {
    const { juliet, listed, fresh, send } = setUp();
    listed('Juliet');

    send(juliet, `<presence to='${ROOM}/Juliet'><show>away</show></presence>`);
    const seen = listed('Juliet');

    expect(seen.getChildText('show')).toBe('away');
    expect(canonical(seen)).toBe(fresh('Juliet', seen));
  });

  it('shows a new role and a new affiliation', () => {
    const { romeo, listed, fresh, send } = setUp();
    listed('Juliet');

    send(
      romeo,
      `<iq type='set' to='${ROOM}' id='a1'><query xmlns='http://jabber.org/protocol/muc#admin'><item affiliation='admin' jid='juliet@localhost'/></query></iq>`,
    );
    const seen = listed('Juliet');

    expect(seen.getChild('x', NS.mucUser)?.getChild('item')?.attrs).toMatchObject({
      affiliation: 'admin',
      role: 'moderator',
    });
    expect(canonical(seen)).toBe(fresh('Juliet', seen));
  });

  it('shows a new nick', () => {
    const { juliet, listed, fresh, send } = setUp();
    listed('Juliet');

    send(juliet, `<presence to='${ROOM}/Jules'/>`);
    const seen = listed('Jules');

    expect(canonical(seen)).toBe(fresh('Jules', seen));
  });

  it('lists every session of an occupant that got a second one, to joiners who see real JIDs', () => {
    const { world, listed, fresh } = setUp({ 'muc#roomconfig_whois': 'anyone' });
    listed('Juliet');

    join(world, world.connect('juliet@localhost', { resource: 'j2' }), `${ROOM}/Juliet`);
    const seen = listed('Juliet');

    expect(seen.getChild('x', NS.mucUser)?.getChildren('item')).toHaveLength(2);
    expect(canonical(seen)).toBe(fresh('Juliet', seen));
  });

  it('builds the same presence for every joiner while nothing changes', () => {
    const { listed } = setUp();

    const first = listed('Juliet');
    const second = listed('Juliet');

    expect(second.children).toBe(first.children);
  });
});
