// Tests for the world's delivery bookkeeping: inboxes kept or not, bare-JID routing by index, read-only broadcast copies — XEP-0045 §7.4 as clients receive it
import { describe, expect, it } from 'vitest';
import { World } from '../../../src/sim/world.js';
import { stanza } from '../../helpers/stanza.js';
import { createRoom, join, take } from '../../helpers/world.js';

const ROOM = 'room@conference.localhost';

function roomOfTwo(keepInboxes?: boolean) {
  const world = new World(keepInboxes === undefined ? {} : { keepInboxes });
  const romeo = world.connect('romeo@localhost', { resource: 'r' });
  const juliet = world.connect('juliet@localhost', { resource: 'j' });
  createRoom(world, romeo, `${ROOM}/Romeo`);
  join(world, juliet, `${ROOM}/Juliet`);
  take(romeo);
  take(juliet);
  return { world, romeo, juliet };
}

const groupchat = stanza(
  `<message to='${ROOM}' type='groupchat' id='g1'><body>Hi</body></message>`,
);

describe('keepInboxes', () => {
  it('keeps every delivered stanza in the session inbox by default', () => {
    const { world, romeo, juliet } = roomOfTwo();

    world.send(romeo.jid, groupchat);

    expect(take(juliet).map((message) => message.getChildText('body'))).toEqual(['Hi']);
  });

  it('when off, leaves the inboxes empty while listeners and the trace still see every delivery', () => {
    const { world, romeo, juliet } = roomOfTwo(false);
    const heard: string[] = [];
    world.onDelivery(juliet.jid, (delivered) => heard.push(delivered.getChildText('body') ?? ''));

    world.send(romeo.jid, groupchat);

    expect(juliet.inbox).toEqual([]);
    expect(heard).toEqual(['Hi']);
    const deliveries = world.trace.entries.filter((entry) => entry.kind === 'delivery');
    expect(deliveries.at(-1)).toMatchObject({ to: juliet.jid });
  });
});

describe('broadcast copies', () => {
  it('share one read-only payload between the recipients', () => {
    const { world, romeo, juliet } = roomOfTwo();

    world.send(romeo.jid, groupchat);
    const [toJuliet] = take(juliet);
    const [toRomeo] = take(romeo);

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
