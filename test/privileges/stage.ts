// A stage for the §5 privilege tables: one room, named virtual users, real stanzas in and the replies read back — XEP-0045 §5.1–5.2
import type { Element } from 'ltx';
import { setRole } from '../../src/muc/core/room-changes.js';
import { Effects } from '../../src/muc/effects.js';
import type { Affiliation } from '../../src/muc/model/affiliation.js';
import type { Role } from '../../src/muc/model/role.js';
import type { Session } from '../../src/sim/session.js';
import { World } from '../../src/sim/world.js';
import { stanza } from '../helpers/stanza.js';
import { createRoom, join, take } from '../helpers/world.js';

export const ROOM = 'hall@conference.localhost';
export const MUC_USER = 'http://jabber.org/protocol/muc#user';
export const MUC_ADMIN = 'http://jabber.org/protocol/muc#admin';
export const MUC_OWNER = 'http://jabber.org/protocol/muc#owner';
const STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

/** The room JID of `nick`. */
export const inRoom = (nick: string): string => `${ROOM}/${nick}`;

/** Nick of a user: its name capitalised ('actor' → 'Actor'). */
export const nickOf = (name: string): string => name[0]!.toUpperCase() + name.slice(1);

/** An error reply as the tests compare it. */
export interface StanzaErrorShape {
  type: string;
  condition: string;
}

export const NOT_ALLOWED: StanzaErrorShape = { type: 'cancel', condition: 'not-allowed' };
export const FORBIDDEN: StanzaErrorShape = { type: 'auth', condition: 'forbidden' };
export const CONFLICT: StanzaErrorShape = { type: 'cancel', condition: 'conflict' };
export const NOT_ACCEPTABLE: StanzaErrorShape = { type: 'cancel', condition: 'not-acceptable' };
export const ITEM_NOT_FOUND: StanzaErrorShape = { type: 'cancel', condition: 'item-not-found' };
export const REGISTRATION_REQUIRED: StanzaErrorShape = {
  type: 'auth',
  condition: 'registration-required',
};

/**
 * A World with a room created and configured by `creator` (an owner who stays in the room as
 * moderator, so the room never lacks an owner), and users `name@localhost/res` who connect
 * on first use and send their initial presence (so the room's messages to bare JIDs reach them).
 */
export class Stage {
  readonly world = new World();
  private readonly sessions = new Map<string, Session>();
  private nextId = 0;

  constructor(config: Record<string, string | string[]> = {}) {
    createRoom(this.world, this.user('creator'), inRoom('Creator'), config);
  }

  /** The session of `name`, connected (and available) on first use. */
  user(name: string): Session {
    let session = this.sessions.get(name);
    if (!session) {
      session = this.world.connect(`${name}@localhost`, { resource: 'res' });
      this.sessions.set(name, session);
      this.world.send(session.jid, stanza('<presence/>'));
      take(this.world, session);
    }
    return session;
  }

  /** A fresh stanza id, so each reply can be matched to its request. */
  id(prefix = 'req'): string {
    this.nextId += 1;
    return `${prefix}${this.nextId}`;
  }

  /** The creator (an owner) sets `name`'s affiliation with muc#admin; a refusal is a broken arrangement. */
  affiliate(name: string, affiliation: string): void {
    const id = this.id('affiliate');
    this.send(
      'creator',
      `<iq type='set' to='${ROOM}' id='${id}'><query xmlns='${MUC_ADMIN}'>
        <item jid='${name}@localhost' affiliation='${affiliation}'/></query></iq>`,
    );
    const reply = take(this.world, this.user('creator')).find((s) => s.attrs.id === id);
    if (reply?.attrs.type !== 'result') {
      throw new Error(`arrangement failed: ${name} → ${affiliation}: ${reply?.toString()}`);
    }
  }

  /** The creator (an owner and moderator) sets `nick`'s role with muc#admin, as §8.3 and §9.6 show. */
  grantRole(nick: string, role: Role): void {
    const id = this.adminSet('creator', `<item nick='${nick}' role='${role}'/>`);
    const reply = take(this.world, this.user('creator')).find((s) => s.attrs.id === id);
    if (reply?.attrs.type !== 'result') {
      throw new Error(`arrangement failed: ${nick} → ${role}: ${reply?.toString()}`);
    }
  }

  /** `name` enters the room as `nick`; returns what it received. */
  enter(name: string, nick = nickOf(name)): Element[] {
    join(this.world, this.user(name), inRoom(nick));
    return take(this.world, this.user(name));
  }

  /**
   * Gives an occupant a role without any privilege check, as Prosody's `set_role(true, …)` does:
   * the Arrange step for role/affiliation combinations no client could produce (an admin who is
   * a visitor). Only the Act of each test is a client stanza.
   */
  forceRole(nick: string, role: Role): void {
    const room = this.world.service.room(ROOM);
    if (!room) throw new Error(`no room ${ROOM}`);
    const refusal = setRole(room, new Effects(), 'room', nick, role, undefined, 'test-arrange');
    if (refusal) throw new Error(`arrangement failed: ${nick} → ${role}: ${refusal.condition}`);
  }

  /** `name` sends a stanza written as XML. */
  send(name: string, xml: string): void {
    this.world.send(this.user(name).jid, stanza(xml));
  }

  /** muc#admin set with one item; returns the request id. */
  adminSet(name: string, item: string): string {
    const id = this.id('admin');
    this.send(
      name,
      `<iq type='set' to='${ROOM}' id='${id}'><query xmlns='${MUC_ADMIN}'>${item}</query></iq>`,
    );
    return id;
  }

  /** What `name` received since the last look, forgotten afterwards. */
  inbox(name: string): Element[] {
    return take(this.world, this.user(name));
  }

  /** Empties every inbox (the end of Arrange). */
  clear(): void {
    for (const session of this.sessions.values()) take(this.world, session);
  }

  /** The affiliation the room holds for `name`: a cross-check of the stanzas. */
  affiliationOf(name: string): Affiliation {
    return this.world.service.room(ROOM)?.affiliationOf(`${name}@localhost`) ?? 'none';
  }

  /** The role the room holds for `nick` ('none' when absent): a cross-check of the stanzas. */
  roleOf(nick: string): Role {
    return this.world.service.room(ROOM)?.occupantByNick(nick)?.role ?? 'none';
  }
}

/** The error of the reply with `id` (or of the only error stanza), if any. */
export function errorOf(stanzas: Element[], id?: string): StanzaErrorShape | undefined {
  const reply = stanzas.find(
    (s) => s.attrs.type === 'error' && (id === undefined || s.attrs.id === id),
  );
  const error = reply?.getChild('error');
  if (!error) return undefined;
  const condition = error.getChildElements().find((c) => c.attrs.xmlns === STANZAS);
  return { type: error.attrs.type, condition: condition?.name ?? '?' };
}

/** The reply with `id`, whatever its type. */
export function replyTo(stanzas: Element[], id: string): Element | undefined {
  return stanzas.find((s) => s.attrs.id === id && s.name === 'iq');
}

/** The muc#user `<item>` attributes of a presence or message. */
export function itemOf(s: Element): Record<string, string> | undefined {
  return s.getChild('x', MUC_USER)?.getChild('item')?.attrs;
}

/** The muc#user status codes of a stanza, in order. */
export function codesOf(s: Element): string[] {
  return (
    s
      .getChild('x', MUC_USER)
      ?.getChildren('status')
      .map((c) => c.attrs.code) ?? []
  );
}

export function presencesFrom(stanzas: Element[], from: string): Element[] {
  return stanzas.filter((s) => s.name === 'presence' && s.attrs.from === from);
}

/** A presence summarised as `type role affiliation [codes]`, for readable whole-value comparisons. */
export function summary(s: Element): string {
  const item = itemOf(s);
  const type = s.attrs.type ?? 'available';
  const codes = codesOf(s);
  const nick = item?.nick ? ` nick=${item.nick}` : '';
  const codeText = codes.length > 0 ? ` [${codes.join(' ')}]` : '';
  return `${type} role=${item?.role} affiliation=${item?.affiliation}${nick}${codeText}`;
}
