// Entering, updating and leaving: the presence exchange of XEP-0045 §7.1–7.2 (join order), §7.7 (availability) and §7.14 (exit)
import { Element } from 'ltx';
import { bareJid } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import { sharedPayload } from '../../xmpp/shared-payload.js';
import type { Feature } from '../hooks.js';
import type { Occupant } from '../model/occupant.js';
import type { Role } from '../model/role.js';
import { publiciseOccupantStatus } from '../presence.js';
import { presenceCopiesFor } from '../presence-cache.js';
import { NOT_JOINED } from '../refusals.js';
import type { Room } from '../room.js';
import { changeNick } from './nickname.js';

const BY = 'enter';

export const enter: Feature = { name: BY, section: '§7.2' };

function isMucPayload(child: Element): boolean {
  const xmlns = child.attrs.xmlns;
  return child.name === 'x' && (xmlns === NS.muc || xmlns === NS.mucUser);
}

/**
 * The presence an occupant stores: the client's own, without the MUC protocol payloads. Its
 * payloads are shared with every other stored presence that has the same: it is read-only.
 */
export function storedPresence(stanza: Element): Element {
  const presence = new Element('presence', stanza.attrs.type ? { type: stanza.attrs.type } : {});
  // map() sizes the array exactly: one stored presence per occupant session adds up.
  presence.children = stanza.children
    .filter((child): child is Element => typeof child !== 'string' && !isMucPayload(child))
    .map(sharedPayload);
  return presence;
}

/**
 * Available or unavailable presence to room/nick (Prosody's handle_normal_presence): a join,
 * a resync, a change of availability, a nick change, or leaving.
 */
export function handleOccupantPresence(
  room: Room,
  stanza: Element,
  nick: string,
  isCreation: boolean,
): void {
  const realJid = stanza.attrs.from;
  const current = room.occupantBySession(realJid);
  const mucX = stanza.getChild('x', NS.muc);
  const leaving = stanza.attrs.type === 'unavailable';
  if (!current) {
    if (leaving) return;
    if (!mucX) {
      // §7.2.18 asks for a 110/307/333 kick; Prosody answers item-not-found instead.
      room.sendError(stanza, NOT_JOINED, BY);
      return;
    }
    join(room, stanza, nick, mucX, isCreation);
  } else if (leaving) {
    leave(room, current, realJid, stanza);
  } else if (current.nick !== nick) {
    changeNick(room, current, realJid, stanza, nick);
  } else if (mucX) {
    resync(room, current, realJid, mucX);
  } else {
    current.sessions.set(realJid, storedPresence(stanza));
    publiciseOccupantStatus(room, current, { prevRole: current.role }, BY);
  }
}

function join(room: Room, stanza: Element, nick: string, mucX: Element, isCreation: boolean): void {
  const realJid = stanza.attrs.from;
  const existing = room.occupantByNick(nick);
  // §7.2.8: "If the nickname is already in use by another user … the service MUST deny access … <conflict/>".
  if (existing && existing.bareJid !== bareJid(realJid)) {
    room.sendError(stanza, { type: 'cancel', condition: 'conflict' }, BY);
    return;
  }
  const affiliation = room.affiliationOf(realJid);
  const decision = room.bus.fire('muc-occupant-pre-join', {
    room,
    stanza,
    nick,
    realJid,
    bareJid: bareJid(realJid),
    affiliation,
    mucX,
    isCreation,
  });
  if (decision && decision.outcome !== 'handled') {
    room.sendError(stanza, decision.outcome.veto, decision.feature);
    return;
  }
  const presence = storedPresence(stanza);
  if (existing) {
    addSessionTo(room, existing, realJid, stanza, mucX);
    return;
  }
  const role = room.defaultRoleFor(affiliation);
  const occupant = room.newOccupant(nick, realJid, presence);
  sendOccupantList(room, realJid, role);
  const selfCodes = [
    ...(isCreation ? ['201'] : []),
    ...(room.config.whois === 'anyone' ? ['100'] : []),
  ];
  room.admitOccupant(occupant, role, selfCodes, BY);
  publiciseOccupantStatus(room, occupant, { selfCodes, prevRole: 'none' }, BY);
  room.bus.fire('muc-occupant-session-new', { room, occupant, realJid, mucX });
}

/**
 * Another session of the same user joins an occupant it already holds (multi-session, §7.2):
 * with the muc `<x/>` it gets the occupant list, history and subject like any joiner.
 */
export function addSessionTo(
  room: Room,
  occupant: Occupant,
  realJid: string,
  stanza: Element,
  mucX: Element | undefined,
): void {
  room.addSession(occupant, realJid, storedPresence(stanza));
  if (mucX) sendOccupantList(room, realJid, occupant.role);
  publiciseOccupantStatus(room, occupant, { prevRole: occupant.role }, BY);
  if (mucX) room.bus.fire('muc-occupant-session-new', { room, occupant, realJid, mucX });
}

/** §17.3 "re-sending the join presence … MUST be treated as a full resync". */
function resync(room: Room, occupant: Occupant, realJid: string, mucX: Element): void {
  sendOccupantList(room, realJid, occupant.role);
  const codes = room.config.whois === 'anyone' ? ['100'] : [];
  publiciseOccupantStatus(
    room,
    occupant,
    { selfCodes: codes, selfOnly: true, onlySession: realJid },
    BY,
  );
  room.bus.fire('muc-occupant-session-new', { room, occupant, realJid, mucX });
}

export function leave(room: Room, occupant: Occupant, realJid: string, stanza: Element): void {
  const goodbye = storedPresence(stanza);
  if (occupant.sessions.size > 1) {
    room.removeSession(occupant, realJid);
    const departing: Occupant = {
      ...occupant,
      role: 'none',
      sessions: new Map([[realJid, goodbye]]),
      primaryJid: realJid,
      leavePresence: goodbye,
    };
    publiciseOccupantStatus(room, departing, { selfOnly: true }, BY);
    publiciseOccupantStatus(room, occupant, { prevRole: occupant.role }, BY);
    return;
  }
  occupant.leavePresence = goodbye;
  const prevRole = occupant.role;
  room.changeRole(occupant, 'none', [], BY);
  publiciseOccupantStatus(room, occupant, { prevRole }, BY);
  room.bus.fire('muc-occupant-left', { room, occupant });
}

/**
 * §7.2.2: the joiner first receives the presence of every occupant already there (as its own
 * role lets it see them), then, where the room broadcasts role `none`, the unavailable presence
 * of affiliated users who are away (Prosody's send_occupant_list).
 */
export function sendOccupantList(room: Room, realJid: string, viewerRole: Role): void {
  const broadcast = room.config.presenceBroadcast;
  const seesJids = room.config.whois === 'anyone' || viewerRole === 'moderator';
  const viewerBare = bareJid(realJid);
  const listsAbsent = broadcast.has('none');
  const present = new Set<string>([viewerBare]);
  for (const occupant of room.occupants()) {
    if (listsAbsent) present.add(occupant.bareJid);
    if (occupant.sessions.has(realJid) || !broadcast.has(occupant.role)) continue;
    const copyTo = presenceCopiesFor(room, occupant, seesJids || occupant.bareJid === viewerBare);
    room.send(copyTo(realJid), BY);
  }
  if (!listsAbsent) return;
  for (const [jid, record] of room.state.affiliations) {
    if (present.has(jid) || record.affiliation === 'outcast') continue;
    if (!record.reservedNick && !seesJids) continue;
    const from = record.reservedNick ? room.occupantJidOf(record.reservedNick) : room.jid;
    const presence = new Element('presence', { from, to: realJid, type: 'unavailable' });
    const item: Record<string, string> = { affiliation: record.affiliation, role: 'none' };
    if (record.reservedNick) item.nick = record.reservedNick;
    if (seesJids) item.jid = jid;
    presence.c('x', { xmlns: NS.mucUser }).c('item', item);
    room.send(presence, 'presence-broadcast');
  }
}
