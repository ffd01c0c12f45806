// Entering, updating and leaving: the presence exchange of XEP-0045 §7.1–7.2 (join order), §7.7 (availability), §7.14 (exit) and §17.3 (resync), as Prosody's handle_normal_presence runs it
import { clone, type Element } from 'ltx';
import { bareJid } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import type { StanzaErrorSpec } from '../../xmpp/stanza-error.js';
import type { Effects } from '../effects.js';
import type { Occupant } from '../model/occupant.js';
import { NOT_JOINED } from '../refusals.js';
import type { Room } from '../room.js';
import { sessionNew } from './history-delivery.js';
import { moveSession } from './nick-change.js';
import { sendOccupantList } from './occupant-list.js';
import { nextPrimary, occupantView, storedPresence } from './occupant-sessions.js';
import { type Publication, publiciseOccupantStatus, statusCodes } from './publicise.js';

const BY = 'enter';

/** Whoever is not in the room yet, or moves, passes the features' checks first; the first refusal wins. */
function refusal(
  room: Room,
  out: Effects,
  stanza: Element,
  orig: Occupant | undefined,
  nick: string,
  isCreation: boolean,
): { spec: StanzaErrorSpec; feature: string } | undefined {
  const realJid = stanza.attrs.from;
  const decision = orig
    ? room.fire('muc-occupant-pre-change', {
        room,
        out,
        stanza,
        occupant: orig,
        realJid,
        newNick: nick,
      })
    : room.fire('muc-occupant-pre-join', {
        room,
        out,
        stanza,
        nick,
        realJid,
        bareJid: bareJid(realJid),
        affiliation: room.affiliationOf(realJid),
        mucX: stanza.getChild('x', NS.muc),
        isCreation,
      });
  if (!decision || decision.outcome === 'handled') return undefined;
  return { spec: decision.outcome.veto, feature: decision.feature };
}

/**
 * Available or unavailable presence to room/nick (Prosody's handle_normal_presence): a join, a
 * resync or availability change (§7.7, §17.3), a nick change (§7.6), or leaving (§7.14).
 */
export function handleOccupantPresence(
  room: Room,
  out: Effects,
  received: Element,
  nick: string,
): void {
  // The features may stamp what the occupant stores (its occupant-id): a copy, not the input.
  const stanza = clone(received);
  const realJid = stanza.attrs.from;
  const orig = room.occupantBySession(realJid);
  const mucX = stanza.getChild('x', NS.muc);
  const leaving = stanza.attrs.type === 'unavailable';
  if (!orig && !mucX && !leaving) {
    // §7.2.18 asks for a 110/307/333 kick; Prosody answers item-not-found instead.
    out.sendError(stanza, { ...NOT_JOINED, by: room.jid }, BY, room.jid);
    return;
  }
  if (leaving) {
    if (!orig) return;
    leave(room, out, orig, realJid, stanza);
    return;
  }
  const dest = orig?.nick === nick ? orig : room.occupantByNick(nick);
  const vetoed = refusal(room, out, stanza, orig, nick, false);
  if (vetoed) return out.sendError(stanza, vetoed.spec, vetoed.feature, room.jid);
  // §7.2.8: "If the nickname is already in use by another user … <conflict/>" (checked after the features').
  if (dest && dest !== orig && dest.bareJid !== bareJid(realJid)) {
    out.sendError(stanza, { type: 'cancel', condition: 'conflict', by: room.jid }, BY, room.jid);
    return;
  }
  if (orig && orig === dest) return update(room, out, orig, realJid, stanza);
  if (orig) return moveSession(room, out, orig, dest, nick, realJid, stanza);
  if (dest) return addSession(room, out, dest, realJid, stanza);
  join(room, out, stanza, nick);
}

/** Prosody's handle_first_presence: the presence that created the room (§10.1.1, 201). */
export function handleFirstPresence(
  room: Room,
  out: Effects,
  received: Element,
  nick: string,
): void {
  const stanza = clone(received);
  const vetoed = refusal(room, out, stanza, undefined, nick, true);
  if (vetoed) return out.sendError(stanza, vetoed.spec, vetoed.feature, room.jid);
  const realJid = stanza.attrs.from;
  const occupant = room.newOccupant(nick, realJid, storedPresence(stanza));
  const codes = ['201', ...(room.config.whois === 'anyone' ? ['100'] : [])];
  room.admitOccupant(out, occupant, room.defaultRoleFor(room.affiliationOf(realJid)), codes, BY);
  publiciseOccupantStatus(room, out, occupant, { x: statusCodes(...codes) }, BY);
  room.fire('muc-occupant-joined', { room, out, occupant, realJid, stanza });
  sessionNew(room, out, occupant, realJid, stanza);
}

/** A new occupant: the others' presence, its own (100 where real JIDs are public), history and subject (§7.1). */
function join(room: Room, out: Effects, stanza: Element, nick: string): void {
  const realJid = stanza.attrs.from;
  const occupant = room.newOccupant(nick, realJid, storedPresence(stanza));
  const selfCodes = room.config.whois === 'anyone' ? ['100'] : [];
  room.admitOccupant(
    out,
    occupant,
    room.defaultRoleFor(room.affiliationOf(realJid)),
    selfCodes,
    BY,
  );
  sendOccupantList(room, out, realJid, (other) => !other?.sessions.has(realJid));
  publiciseOccupantStatus(
    room,
    out,
    occupant,
    { x: { base: [], self: statusCodes(...selfCodes) } },
    BY,
  );
  room.fire('muc-occupant-joined', { room, out, occupant, realJid, stanza });
  sessionNew(room, out, occupant, realJid, stanza);
}

/**
 * Another session of the same user joins an occupant (multi-session): it gets the occupant
 * list, history and subject like any joiner; the others see the occupant with both sessions.
 */
export function addSession(
  room: Room,
  out: Effects,
  occupant: Occupant,
  realJid: string,
  stanza: Element,
): void {
  // A session new to the room is warned of a non-anonymous room like any joiner; the occupant's
  // other sessions get the same self-presence.
  const selfCodes = room.config.whois === 'anyone' ? ['100'] : [];
  const publication = { x: { base: [], self: statusCodes(...selfCodes) } };
  sessionPresence(room, out, occupant, realJid, stanza, publication);
}

/**
 * §7.7 and §17.3: presence from an occupant to its own nick. Everyone sees the new presence;
 * with the muc `<x/>` it is a resync: the occupant list, its presence, history and subject again.
 */
function update(
  room: Room,
  out: Effects,
  occupant: Occupant,
  realJid: string,
  stanza: Element,
): void {
  sessionPresence(room, out, occupant, realJid, stanza, { prevRole: occupant.role });
}

/**
 * A session's presence stored and told to the room; with the muc `<x/>` (a join or a resync)
 * the session also gets the occupant list first, and its history and subject after.
 */
function sessionPresence(
  room: Room,
  out: Effects,
  occupant: Occupant,
  realJid: string,
  stanza: Element,
  publication: Publication,
): void {
  room.addSession(occupant, realJid, storedPresence(stanza));
  const mucX = stanza.getChild('x', NS.muc);
  if (mucX) sendOccupantList(room, out, realJid, (other) => !other?.sessions.has(realJid));
  publiciseOccupantStatus(room, out, occupant, publication, BY);
  if (mucX) sessionNew(room, out, occupant, realJid, stanza);
}

/**
 * §7.14: a session leaves. The last one takes the occupant out (role none: unavailable to the
 * others, and to itself with 110); one of several leaves the others in, and the room still
 * lists it while it goes.
 */
export function leave(
  room: Room,
  out: Effects,
  occupant: Occupant,
  realJid: string,
  stanza: Element,
): void {
  const prevRole = occupant.role;
  const goodbye = storedPresence(stanza);
  const sessions = new Map(occupant.sessions).set(realJid, goodbye);
  const isLast = occupant.sessions.size <= 1;
  const primary =
    occupant.primaryJid === realJid
      ? (nextPrimary(occupant, realJid) ?? realJid)
      : occupant.primaryJid;
  const view = occupantView(occupant, sessions, isLast ? 'none' : prevRole, primary);
  if (isLast) room.changeRole(out, occupant, 'none', [], BY);
  else room.removeSession(occupant, realJid);
  publiciseOccupantStatus(room, out, view, { prevRole }, BY);
  if (isLast) room.fire('muc-occupant-left', { room, out, occupant });
}
