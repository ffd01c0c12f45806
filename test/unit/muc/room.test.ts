// Tests for the room's occupants: the occupant chart is the one place a role lives, and a role change the chart does not take is an error in the trace — XEP-0045 §5.1 (Table 5)
import { describe, expect, it } from 'vitest';
import { Effects } from '../../../src/muc/effects.js';
import { occupantState } from '../../../src/muc/occupant-machine.js';
import { World } from '../../../src/sim/world.js';
import { stanza } from '../../helpers/stanza.js';
import { createRoom, join } from '../../helpers/world.js';

const ROOM = 'room@conference.localhost';

describe("an occupant's role", () => {
  it('is the state of its chart, through every change', () => {
    const world = new World();
    const romeo = world.connect('romeo@localhost', { resource: 'r' });
    const juliet = world.connect('juliet@localhost', { resource: 'j' });
    createRoom(world, romeo, `${ROOM}/Romeo`);
    join(world, juliet, `${ROOM}/Juliet`);
    const occupant = world.service.room(ROOM)?.occupantByNick('Juliet');
    expect([occupant?.role, occupantState(occupant!.machine)]).toEqual([
      'participant',
      'participant',
    ]);

    world.send(
      romeo.jid,
      stanza(
        `<iq type='set' to='${ROOM}' id='mod'><query xmlns='http://jabber.org/protocol/muc#admin'><item nick='Juliet' role='moderator'/></query></iq>`,
      ),
    );
    expect([occupant?.role, occupantState(occupant!.machine)]).toEqual(['moderator', 'moderator']);

    world.send(juliet.jid, stanza(`<presence to='${ROOM}/Juliet' type='unavailable'/>`));
    expect([occupant?.role, occupantState(occupant!.machine)]).toEqual(['none', 'gone']);
  });

  it('cannot change once the occupant is gone: the room throws, which the world puts in the trace as a crash', () => {
    const world = new World();
    const romeo = world.connect('romeo@localhost', { resource: 'r' });
    const juliet = world.connect('juliet@localhost', { resource: 'j' });
    createRoom(world, romeo, `${ROOM}/Romeo`);
    join(world, juliet, `${ROOM}/Juliet`);
    const room = world.service.room(ROOM)!;
    const gone = room.occupantByNick('Juliet')!;
    world.send(juliet.jid, stanza(`<presence to='${ROOM}/Juliet' type='unavailable'/>`));

    expect(() => room.changeRole(new Effects(), gone, 'participant', [], 'test')).toThrow(
      `illegal role change in ${ROOM}: Juliet (gone) cannot become participant by role.changed`,
    );
    expect(gone.role).toBe('none');
  });
});
