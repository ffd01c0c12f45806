// Tests for the world's deliveries: the trace is the one record of what a client received, bare-JID routing by index, read-only broadcast copies — XEP-0045 §7.4 as clients receive it
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../../src/scansion/parser.js';
import { ScriptStepper } from '../../../src/scansion/runner.js';
import { SimTarget } from '../../../src/sim/sim-target.js';
import { World } from '../../../src/sim/world.js';
import { stanza } from '../../helpers/stanza.js';
import { createRoom, join, take } from '../../helpers/world.js';

const ROOM = 'room@conference.localhost';

function roomOfTwo() {
  const world = new World();
  const romeo = world.connect('romeo@localhost', { resource: 'r' });
  const juliet = world.connect('juliet@localhost', { resource: 'j' });
  createRoom(world, romeo, `${ROOM}/Romeo`);
  join(world, juliet, `${ROOM}/Juliet`);
  take(world, romeo);
  take(world, juliet);
  return { world, romeo, juliet };
}

const groupchat = stanza(
  `<message to='${ROOM}' type='groupchat' id='g1'><body>Hi</body></message>`,
);

describe('what a client received', () => {
  it('is in the trace, and told to its listener; the session keeps no copy', () => {
    const { world, romeo, juliet } = roomOfTwo();
    const heard: string[] = [];
    world.onDelivery(juliet.jid, (delivered) => heard.push(delivered.getChildText('body') ?? ''));
    const before = { ...juliet };

    const cause = world.send(romeo.jid, groupchat);

    expect(heard).toEqual(['Hi']);
    const delivered = world.trace.entries.filter(
      (entry) => entry.kind === 'delivery' && entry.cause === cause && entry.to === juliet.jid,
    );
    expect(
      delivered.map((entry) => entry.kind === 'delivery' && entry.stanza.getChildText('body')),
    ).toEqual(['Hi']);
    expect({ ...juliet }).toEqual(before);
    expect(take(world, juliet).map((message) => message.getChildText('body'))).toEqual(['Hi']);
  });
});

describe('a script runner on the simulator', () => {
  it("reads what each client received from the trace: its unread stanzas are the trace's own", async () => {
    const target = new SimTarget();
    const script = parseScript(
      `[Client] Romeo\n\tjid: romeo@localhost\n\n---------\n\nRomeo connects\n\nRomeo sends:\n\t<presence to='${ROOM}/Romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>\n`,
      'runner.scs',
    );
    const stepper = new ScriptStepper(script.clients, target);
    for (const [index, action] of script.actions.entries()) await stepper.step(action, index);

    const delivered = target.world.trace.entries.flatMap((entry) =>
      entry.kind === 'delivery' ? [entry.stanza] : [],
    );
    const unread = stepper.unread('Romeo');
    expect(unread.length).toBeGreaterThan(0);
    expect(unread).toHaveLength(delivered.length);
    expect(unread.every((stanza, index) => stanza === delivered[index])).toBe(true);
  });
});

describe('broadcast copies', () => {
  it('share one read-only payload between the recipients', () => {
    const { world, romeo, juliet } = roomOfTwo();

    world.send(romeo.jid, groupchat);
    const [toJuliet] = take(world, juliet);
    const [toRomeo] = take(world, romeo);

    expect(toJuliet?.attrs.to).toBe(juliet.jid);
    expect(toRomeo?.attrs.to).toBe(romeo.jid);
    expect(toJuliet?.children).toBe(toRomeo?.children);
    expect(() => toJuliet?.c('body')).toThrow(TypeError);
  });
});

describe('messages to a bare JID', () => {
  it('reach every available session of that account, in connection order, and no other', () => {
    const world = new World();
    const phone = world.connect('juliet@localhost', { resource: 'phone' });
    const nurse = world.connect('nurse@localhost', { resource: 'n' });
    const tablet = world.connect('juliet@localhost', { resource: 'tablet' });
    const laptop = world.connect('juliet@localhost', { resource: 'laptop' });
    const romeo = world.connect('romeo@localhost', { resource: 'r' });
    for (const session of [phone, nurse, tablet, laptop])
      world.send(session.jid, stanza('<presence/>'));
    world.disconnect(tablet.jid);

    const cause = world.send(
      romeo.jid,
      stanza(`<message to='juliet@localhost' type='chat'><body>Hi</body></message>`),
    );

    const reached = world.trace.entries.flatMap((entry) =>
      entry.kind === 'delivery' && entry.cause === cause ? [entry.to] : [],
    );
    expect(reached).toEqual([phone.jid, laptop.jid]);
  });
});
