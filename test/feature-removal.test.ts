// Each plugin of FEATURES can be taken out: the service compiles and runs without it, a room is still created, entered and spoken in — XEP-0045 §7.1–7.4, §10.1
import { describe, expect, it } from 'vitest';
import { FEATURES } from '../src/muc/features/index.js';
import { World } from '../src/sim/world.js';
import { stanza } from './helpers/stanza.js';
import { configure, join, take } from './helpers/world.js';

const ROOM = 'garden@conference.localhost';

/** Romeo creates the room and submits an instant form, Juliet enters, Juliet speaks to everyone. */
function joinAndSpeak(features: typeof FEATURES) {
  const world = new World({ features });
  const romeo = world.connect('romeo@localhost', { resource: 'r' });
  const juliet = world.connect('juliet@localhost', { resource: 'j' });
  join(world, romeo, `${ROOM}/Romeo`);
  configure(world, romeo, ROOM);
  join(world, juliet, `${ROOM}/Juliet`);
  take(world, romeo);
  world.send(
    juliet.jid,
    stanza(`<message to='${ROOM}' type='groupchat' id='hi'><body>Hi all</body></message>`),
  );
  return { world, romeo, juliet };
}

describe('a service without one of its plugins', () => {
  it('with every plugin, Romeo gets what Juliet said from her occupant JID', () => {
    const { world, romeo } = joinAndSpeak(FEATURES);
    expect(take(world, romeo).map((received) => received.attrs.from)).toEqual([`${ROOM}/Juliet`]);
  });

  it.each(FEATURES.map((feature) => [feature.name]))('runs without %s', (name) => {
    const { world, romeo } = joinAndSpeak(FEATURES.filter((feature) => feature.name !== name));
    expect(world.trace.entries.filter((entry) => entry.kind === 'crash')).toEqual([]);
    const room = world.service.room(ROOM);
    expect([...(room?.occupants() ?? [])].map((occupant) => occupant.nick)).toEqual([
      'Romeo',
      'Juliet',
    ]);
    const message = take(world, romeo).find((received) => received.name === 'message');
    expect(message?.attrs.from).toBe(`${ROOM}/Juliet`);
    expect(message?.getChildText('body')).toBe('Hi all');
  });

  it.each([
    ['mam', `<query xmlns='urn:xmpp:mam:2'/>`],
    ['vcard', `<vCard xmlns='vcard-temp'/>`],
  ])('without %s, the host no longer answers its queries: service-unavailable', (name, query) => {
    const { world, juliet } = joinAndSpeak(FEATURES.filter((feature) => feature.name !== name));
    take(world, juliet);
    world.send(juliet.jid, stanza(`<iq type='get' to='${ROOM}' id='q'>${query}</iq>`));
    const [answer] = take(world, juliet);
    expect(answer?.getChild('error')?.getChildElements()[0]?.name).toBe('service-unavailable');
    const withIt = joinAndSpeak(FEATURES);
    take(withIt.world, withIt.juliet);
    withIt.world.send(
      withIt.juliet.jid,
      stanza(`<iq type='get' to='${ROOM}' id='q'>${query}</iq>`),
    );
    const [answered] = take(withIt.world, withIt.juliet);
    expect(answered?.getChild('error')?.getChildElements()[0]?.name).not.toBe(
      'service-unavailable',
    );
  });
});
