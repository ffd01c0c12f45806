// A crowded room for the benchmarks: N virtual users joined to one room, counting what they receive — XEP-0045 §7.2 (entering) and §10.1.2 (instant room)
import { Element } from 'ltx';
import { World } from '../src/sim/world.js';
import { NS } from '../src/xmpp/namespaces.js';

export const ROOM = 'bench@conference.localhost';

export interface Crowd {
  world: World;
  /** Full JIDs of the occupants' sessions, in joining order. */
  jids: string[];
  /** Stanzas delivered to the occupants so far. */
  delivered(): number;
}

export function joinPresence(nick: string): Element {
  return new Element('presence', { to: `${ROOM}/${nick}` }).c('x', { xmlns: NS.muc }).root();
}

export function groupchat(index: number): Element {
  return new Element('message', { to: ROOM, type: 'groupchat', id: `m${index}` })
    .c('body')
    .t(`Message number ${index} to everyone in the room`)
    .root();
}

/** §10.1.2/§16.5.3: the room configuration form, submitted with these fields. */
export function configure(world: World, owner: string, fields: Record<string, string[]>): void {
  const iq = new Element('iq', { type: 'set', to: ROOM, id: `config-${world.clock.now()}` });
  const form = iq
    .c('query', { xmlns: NS.mucOwner })
    .c('x', { xmlns: NS.dataForms, type: 'submit' });
  for (const [name, values] of Object.entries({ FORM_TYPE: [NS.mucRoomconfig], ...fields })) {
    const field = form.c('field', { var: name });
    for (const value of values) field.c('value').t(value);
  }
  world.send(owner, iq);
}

/** N connected users (`user<i>@localhost/bench`), none joined yet; the first owns the room. */
export function connectCrowd(n: number, trace: boolean): Crowd {
  const world = new World({ trace });
  let delivered = 0;
  const count = () => {
    delivered += 1;
  };
  const jids: string[] = [];
  for (let index = 0; index < n; index += 1) {
    const jid = world.connect(`user${index}@localhost`, { resource: 'bench' }).jid;
    world.onDelivery(jid, count);
    jids.push(jid);
  }
  world.send(jids[0]!, joinPresence('user0'));
  configure(world, jids[0]!, {});
  return { world, jids, delivered: () => delivered };
}

/**
 * Lets every connected user of `crowd` into its room without the N² presence exchange (the room
 * broadcasts no presence while they enter, then every role's, §16.5.3): the fan-out set-up.
 */
export function fillRoom(crowd: Crowd): Crowd {
  const owner = crowd.jids[0]!;
  configure(crowd.world, owner, { 'muc#roomconfig_presencebroadcast': [] });
  for (let index = 1; index < crowd.jids.length; index += 1) {
    crowd.world.send(crowd.jids[index]!, joinPresence(`user${index}`));
  }
  configure(crowd.world, owner, {
    'muc#roomconfig_presencebroadcast': ['moderator', 'participant', 'visitor'],
  });
  const occupants = crowd.world.service.room(ROOM)?.occupantCount();
  if (occupants !== crowd.jids.length) {
    throw new Error(`the room has ${occupants} occupants, not ${crowd.jids.length}`);
  }
  return crowd;
}
