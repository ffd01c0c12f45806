// Nicknames: Prosody's strict validation, invisible nicks, and changing nick (303) — XEP-0045 §7.6 and §17.1
import { Element } from 'ltx';
import { NS } from '../../xmpp/namespaces.js';
import { resourceprep } from '../../xmpp/stringprep.js';
import type { Feature, HookOutcome } from '../hooks.js';
import type { Occupant } from '../model/occupant.js';
import { sendOccupantList } from '../occupant-list.js';
import { buildItemList, publiciseOccupantStatus, statusCodes } from '../presence.js';
import type { Room } from '../room.js';
import { nextPrimary, occupantView, storedPresence } from './enter.js';

const BY = 'nickname';

/** Prosody refuses a nick that changes under strict resourceprep (unassigned code points, U+FE0F…). */
function checkStrict(room: Room, nick: string): HookOutcome {
  if (resourceprep(nick, { strict: true }) === nick) return undefined;
  return {
    veto: {
      type: 'modify',
      condition: 'jid-malformed',
      text: 'Nickname must pass strict validation',
      by: room.jid,
    },
  };
}

/** §17.1: a nick "MUST NOT consist only of … whitespace"; Prosody refuses one with no non-space character. */
function checkVisible(room: Room, nick: string): HookOutcome {
  if (/[^\t\n\v\f\r ]/u.test(nick)) return undefined;
  return {
    veto: {
      type: 'modify',
      condition: 'not-allowed',
      text: 'Invisible Nicknames are forbidden',
      by: room.jid,
    },
  };
}

/** Prosody runs strict validation at priority 2 and the invisible-nick check at 1: nothing runs between. */
const checkNick = (room: Room, nick: string): HookOutcome =>
  checkStrict(room, nick) ?? checkVisible(room, nick);

export const nickname: Feature = {
  name: BY,
  section: '§7.6',
  hooks: {
    'muc-occupant-pre-join': { priority: 2, run: ({ room, nick }) => checkNick(room, nick) },
    'muc-occupant-pre-change': {
      priority: 2,
      run: ({ room, newNick }) => checkNick(room, newNick),
    },
  },
};

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
  orig: Occupant,
  dest: Occupant | undefined,
  newNick: string,
  realJid: string,
  stanza: Element,
): void {
  const origRole = orig.role;
  const isLast = orig.sessions.size <= 1;
  const generated = new Element('presence', { type: 'unavailable' });
  if (dest) room.send(joiningExisting(room, dest, realJid), BY);
  let view: Occupant;
  if (!dest && isLast) {
    view = occupantView(orig, new Map([[realJid, generated]]), origRole, realJid);
    // Prosody takes the old occupant out before it tells anyone, so a room left with nobody in it
    // is empty for a moment: a temporary room is then destroyed, and the new nick's presence
    // comes from a room that no longer exists.
    room.detachOccupant(orig);
    const emptied = room.occupantCount() === 0;
    if (emptied) room.changeRole(orig, 'none', ['303'], BY);
    publiciseOccupantStatus(
      room,
      view,
      { x: statusCodes('303'), nick: newNick, prevRole: origRole },
      BY,
    );
    room.bus.fire('muc-occupant-left', { room, occupant: view });
    if (!emptied) {
      room.renameOccupant(orig, newNick, BY);
      orig.sessions.set(realJid, storedPresence(stanza));
      return arrive(room, orig, realJid, stanza, origRole, true);
    }
    if (room.lifecycle() !== 'destroyed') {
      return arrive(
        room,
        admitMoved(room, newNick, realJid, stanza, origRole),
        realJid,
        stanza,
        origRole,
        true,
      );
    }
    const gone = room.newOccupant(newNick, realJid, storedPresence(stanza));
    arrive(room, occupantView(gone, gone.sessions, origRole), realJid, stanza, origRole, true);
    return;
  }
  const remaining = new Map(orig.sessions);
  remaining.delete(realJid);
  const primary = orig.primaryJid === realJid ? nextPrimary(orig, realJid) : orig.primaryJid;
  view = occupantView(orig, remaining, origRole, primary ?? '');
  room.send(ownNickChange(room, orig, realJid, newNick), BY);
  if (isLast) room.changeRole(orig, 'none', [], BY);
  else room.removeSession(orig, realJid);
  publiciseOccupantStatus(room, view, { prevRole: origRole }, BY);
  if (isLast) room.bus.fire('muc-occupant-left', { room, occupant: view });
  const target = dest ?? admitMoved(room, newNick, realJid, stanza, origRole);
  if (dest) room.addSession(dest, realJid, storedPresence(stanza));
  // Prosody shows the split-off occupant again before the join's history and subject.
  const shown = isLast ? undefined : () => rejoinOriginal(room, orig, realJid);
  arrive(room, target, realJid, stanza, origRole, !dest, shown);
}

function admitMoved(
  room: Room,
  nick: string,
  realJid: string,
  stanza: Element,
  role: Occupant['role'],
): Occupant {
  const occupant = room.newOccupant(nick, realJid, storedPresence(stanza));
  room.admitOccupant(occupant, role, [], BY);
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
  occupant: Occupant,
  realJid: string,
  stanza: Element,
  prevRole: Occupant['role'],
  first: boolean,
  shown?: () => void,
): void {
  const mucX = stanza.getChild('x', NS.muc);
  if (mucX) sendOccupantList(room, realJid, (other) => !other?.sessions.has(realJid));
  publiciseOccupantStatus(room, occupant, { prevRole }, BY);
  shown?.();
  if (mucX && first) room.bus.fire('muc-occupant-joined', { room, occupant, realJid, stanza });
  if (mucX) room.bus.fire('muc-occupant-session-new', { room, occupant, realJid, stanza });
}

/** Prosody shows the session that split off its occupant the occupant it left, still there. */
function rejoinOriginal(room: Room, occupant: Occupant, realJid: string): void {
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
  room.send(copy, BY);
}
