// Test helper: drive virtual users in a World — join, leave, configure, read what each received from the trace (XEP-0045 §7.2, §7.14, §10.1–10.2)
import type { Element } from 'ltx';
import { occupantIdOf } from '../../src/muc/features/occupant-id.js';
import type { Session } from '../../src/sim/session.js';
import type { World } from '../../src/sim/world.js';
import { stanza } from './stanza.js';

/** Enters (or creates) a room: available presence to room/nick with the muc `<x/>`. */
export function join(world: World, session: Session, occupantJid: string, mucChildren = ''): void {
  world.send(
    session.jid,
    stanza(
      `<presence to='${occupantJid}'><x xmlns='http://jabber.org/protocol/muc'>${mucChildren}</x></presence>`,
    ),
  );
}

/** Exits a room (§7.14). */
export function leave(world: World, session: Session, occupantJid: string): void {
  world.send(session.jid, stanza(`<presence to='${occupantJid}' type='unavailable'/>`));
}

/** Submits the room configuration form with these fields; `{}` makes an instant room (§10.1.2). */
export function configure(
  world: World,
  owner: Session,
  roomJid: string,
  fields: Record<string, string | string[]> = {},
): void {
  const submitted = Object.entries(fields)
    .map(([name, value]) => {
      const values = (Array.isArray(value) ? value : [value]).map((v) => `<value>${v}</value>`);
      return `<field var='${name}'>${values.join('')}</field>`;
    })
    .join('');
  world.send(
    owner.jid,
    stanza(`
      <iq type='set' to='${roomJid}' id='configure'>
        <query xmlns='http://jabber.org/protocol/muc#owner'>
          <x xmlns='jabber:x:data' type='submit'>
            <field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field>
            ${submitted}
          </x>
        </query>
      </iq>`),
  );
}

/** Creates a room, submits its configuration (unlocking it) and empties the owner's inbox. */
export function createRoom(
  world: World,
  owner: Session,
  occupantJid: string,
  fields: Record<string, string | string[]> = {},
): void {
  join(world, owner, occupantJid);
  configure(world, owner, occupantJid.split('/')[0]!, fields);
  take(world, owner);
}

/** How far each session's deliveries in the trace have been read (the trace's `seq`). */
const readUpTo = new WeakMap<Session, number>();

/** What the session received since the last take, read from the world's trace. */
export function take(world: World, session: Session): Element[] {
  const after = readUpTo.get(session) ?? 0;
  const entries = world.trace.entries;
  readUpTo.set(session, entries.at(-1)?.seq ?? after);
  const received: Element[] = [];
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    const entry = entries[index]!;
    if (entry.seq <= after) break;
    if (entry.kind === 'delivery' && entry.to === session.jid) received.push(entry.stanza);
  }
  return received.reverse();
}

export function clearInboxes(world: World, ...sessions: Session[]): void {
  for (const session of sessions) take(world, session);
}

/** The XEP-0421 occupant id the room gives `bareJid`, for writing expected stanzas. */
export function occupantId(world: World, roomJid: string, bareJid: string): string {
  const room = world.service.room(roomJid);
  if (!room) throw new Error(`no room ${roomJid}`);
  return occupantIdOf(room, bareJid);
}
