// Changing nick (303), as Prosody moves a session from one occupant to another: a lone occupant renamed, or a session that splits off or joins its user's other occupant — XEP-0045 §7.6
import { Element } from 'ltx';
import { NS } from '../../xmpp/namespaces.js';
import type { Effects } from '../effects.js';
import type { Occupant } from '../model/occupant.js';
import type { Room } from '../room.js';
import type { OccupantView } from '../room-view.js';
import { sessionNew } from './history-delivery.js';
import { sendOccupantList } from './occupant-list.js';
import { nextPrimary, occupantView, storedPresence } from './occupant-sessions.js';
import { buildItemList, publiciseOccupantStatus, statusCodes } from './publicise.js';

const BY = 'nickname';

/** What the session that moves sees of its old occupant when that one stays (303 and 110, its own item only). */
function ownNickChange(room: Room, occupant: Occupant, realJid: string, newNick: string): Element {
  const presence = new Element('presence', {
    from: occupant.occupantJid,
    to: realJid,
    type: 'unavailable',
  });
  const x = presence.c('x', { xmlns: NS.mucUser });
  x.c('item', {
    affiliation: room.affiliationOf(occupant.bareJid),
    role: occupant.role,
    jid: realJid,
    nick: newNick,
  });
  for (const status of statusCodes('303', '110')) x.cnode(status);
  return presence;
}

/** A session moving into another occupant of the same user first sees that occupant "leave". */
function joiningExisting(room: Room, dest: Occupant, realJid: string): Element {
  const presence = new Element('presence', {
    from: dest.occupantJid,
    to: realJid,
    type: 'unavailable',
  });
  presence.c('status').t(`you are joining pre-existing session ${dest.nick}`);
  presence
    .c('x', { xmlns: NS.mucUser })
    .c('item', { affiliation: room.affiliationOf(dest.bareJid), role: 'none' });
  return presence;
}

/**
 * §7.6, Prosody's way: a session of an occupant moves to another nick. Alone, it is a nick
 * change: everyone sees the old nick go with 303 and the new one come. Otherwise the session
 * leaves its occupant (it alone sees 303) and joins the other nick, a new occupant or one its
 * user already holds there.
 */
export function moveSession(
  room: Room,
  out: Effects,
  orig: Occupant,
  dest: Occupant | undefined,
  newNick: string,
  realJid: string,
  stanza: Element,
): void {
  const origRole = orig.role;
  const isLast = orig.sessions.size <= 1;
  const generated = new Element('presence', { type: 'unavailable' });
  if (dest) out.send(joiningExisting(room, dest, realJid), BY);
  let view: OccupantView;
  if (!dest && isLast) {
    view = occupantView(orig, new Map([[realJid, generated]]), origRole, realJid);
    // Prosody takes the old occupant out before it tells anyone, so a room left with nobody in it
    // is empty for a moment: a temporary room is then destroyed, and the new nick's presence
    // comes from a room that no longer exists.
    room.detachOccupant(orig);
    const emptied = room.occupantCount() === 0;
    if (emptied) room.changeRole(out, orig, 'none', ['303'], BY);
    publiciseOccupantStatus(
      room,
      out,
      view,
      { x: statusCodes('303'), nick: newNick, prevRole: origRole },
      BY,
    );
    room.fire('muc-occupant-left', { room, out, occupant: view });
    if (!emptied) {
      room.renameOccupant(out, orig, newNick, BY);
      orig.sessions.set(realJid, storedPresence(stanza));
      return arrive(room, out, orig, realJid, stanza, origRole, true);
    }
    if (room.lifecycle() !== 'destroyed') {
      return arrive(
        room,
        out,
        admitMoved(room, out, newNick, realJid, stanza, origRole),
        realJid,
        stanza,
        origRole,
        true,
      );
    }
    const gone = room.newOccupant(newNick, realJid, storedPresence(stanza));
    arrive(room, out, occupantView(gone, gone.sessions, origRole), realJid, stanza, origRole, true);
    return;
  }
  const remaining = new Map(orig.sessions);
  remaining.delete(realJid);
  const primary = orig.primaryJid === realJid ? nextPrimary(orig, realJid) : orig.primaryJid;
  view = occupantView(orig, remaining, origRole, primary ?? '');
  out.send(ownNickChange(room, orig, realJid, newNick), BY);
  if (isLast) room.changeRole(out, orig, 'none', [], BY);
  else room.removeSession(orig, realJid);
  publiciseOccupantStatus(room, out, view, { prevRole: origRole }, BY);
  if (isLast) room.fire('muc-occupant-left', { room, out, occupant: view });
  const target = dest ?? admitMoved(room, out, newNick, realJid, stanza, origRole);
  if (dest) room.addSession(dest, realJid, storedPresence(stanza));
  // Prosody shows the split-off occupant again before the join's history and subject.
  const shown = isLast ? undefined : () => rejoinOriginal(room, out, orig, realJid);
  arrive(room, out, target, realJid, stanza, origRole, !dest, shown);
}

function admitMoved(
  room: Room,
  out: Effects,
  nick: string,
  realJid: string,
  stanza: Element,
  role: Occupant['role'],
): Occupant {
  const occupant = room.newOccupant(nick, realJid, storedPresence(stanza));
  room.admitOccupant(out, occupant, role, [], BY);
  return occupant;
}

/**
 * The moved session arrives: the occupant list if it asked (muc `<x/>`), the new presence, what
 * `shown` sends (the occupant it split off, still there), then history and subject; with the
 * `<x/>`, a session that is the first at its new nick (`first`) joins as a new occupant would
 * (Prosody fires muc-occupant-joined).
 */
function arrive(
  room: Room,
  out: Effects,
  occupant: OccupantView,
  realJid: string,
  stanza: Element,
  prevRole: Occupant['role'],
  first: boolean,
  shown?: () => void,
): void {
  const mucX = stanza.getChild('x', NS.muc);
  if (mucX) sendOccupantList(room, out, realJid, (other) => !other?.sessions.has(realJid));
  publiciseOccupantStatus(room, out, occupant, { prevRole }, BY);
  shown?.();
  if (mucX && first) room.fire('muc-occupant-joined', { room, out, occupant, realJid, stanza });
  if (mucX) sessionNew(room, out, occupant, realJid, stanza);
}

/** Prosody shows the session that split off its occupant the occupant it left, still there. */
function rejoinOriginal(room: Room, out: Effects, occupant: Occupant, realJid: string): void {
  const presence = occupant.sessions.get(occupant.primaryJid);
  if (!presence) return;
  const copy = new Element('presence', {
    ...presence.attrs,
    from: occupant.occupantJid,
    to: realJid,
  });
  copy.children = [...presence.children];
  const x = copy.c('x', { xmlns: NS.mucUser });
  for (const entry of buildItemList(room, occupant, false)) x.cnode(entry);
  out.send(copy, BY);
}
