// Builds occupants' presence as each viewer may see it, and broadcasts status changes — XEP-0045 §7.2.2–4, §7.14, §17.3
import { clone, Element } from 'ltx';
import { NS } from '../xmpp/namespaces.js';
import type { Occupant } from './model/occupant.js';
import type { Role } from './model/role.js';
import type { Room } from './room.js';

export interface Publicity {
  /** Status codes for every recipient (303, 307, 301, 321, 322, 333…). */
  codes?: string[];
  /** Status codes only the occupant itself gets, before the item (201, 100, 210). */
  selfCodes?: string[];
  /** The new nick of a nick change (303), carried on the item. */
  newNick?: string;
  /** Real JID of whoever caused the change, shown as `<actor>`. */
  actor?: string;
  reason?: string;
  /** The role before the change: decides who still sees an occupant leaving a broadcast role. */
  prevRole?: Role;
  /** Children put first inside `<x>`, e.g. `<destroy/>`. */
  lead?: Element[];
  /** Only the occupant is told (room destruction, §10.9). */
  selfOnly?: boolean;
  /** Only this one of the occupant's sessions gets the self copy. */
  onlySession?: string;
  /** Send as unavailable although the occupant keeps its role (the 303 half of a nick change). */
  unavailable?: boolean;
}

type Viewer = { kind: 'self'; session: string } | { kind: 'other'; seesJids: boolean };

function buildItems(
  room: Room,
  occupant: Occupant,
  viewer: Viewer,
  publicity: Publicity,
): Element[] {
  const affiliation = room.affiliationOf(occupant.bareJid);
  const withJids = viewer.kind === 'self' || viewer.seesJids;
  const sessions = withJids ? [...occupant.sessions.keys()] : [undefined];
  const actorOccupant = publicity.actor ? room.occupantBySession(publicity.actor) : undefined;
  return sessions.map((session) => {
    const attrs: Record<string, string> = { affiliation, role: occupant.role };
    if (session) attrs.jid = session;
    if (publicity.newNick) attrs.nick = publicity.newNick;
    const item = new Element('item', attrs);
    if (publicity.actor) {
      const actorAttrs: Record<string, string> = {};
      if (actorOccupant) actorAttrs.nick = actorOccupant.nick;
      if (viewer.kind === 'other' && viewer.seesJids) actorAttrs.jid = publicity.actor;
      if (Object.keys(actorAttrs).length > 0) item.c('actor', actorAttrs);
    }
    if (publicity.reason) item.c('reason').t(publicity.reason);
    return item;
  });
}

function basePresence(occupant: Occupant): Element {
  if (occupant.role === 'none') {
    return occupant.leavePresence ?? new Element('presence', { type: 'unavailable' });
  }
  return occupant.sessions.get(occupant.primaryJid) ?? new Element('presence');
}

/** The occupant's presence as `viewer` sees it, without `to`. */
export function presenceFor(
  room: Room,
  occupant: Occupant,
  viewer: Viewer,
  publicity: Publicity = {},
): Element {
  const presence = clone(basePresence(occupant));
  presence.attrs.from = occupant.occupantJid;
  if (publicity.unavailable) presence.attrs.type = 'unavailable';
  const x = presence.c('x', { xmlns: NS.mucUser });
  for (const child of publicity.lead ?? []) x.cnode(clone(child));
  for (const code of publicity.codes ?? []) x.c('status', { code });
  if (viewer.kind === 'self') {
    for (const code of publicity.selfCodes ?? []) x.c('status', { code });
  }
  for (const item of buildItems(room, occupant, viewer, publicity)) x.cnode(item);
  if (viewer.kind === 'self') x.c('status', { code: '110' });
  room.bus.fire('muc-build-occupant-presence', { room, occupant, presence });
  return presence;
}

export function otherViewer(room: Room, viewer: Occupant | undefined): Viewer {
  return { kind: 'other', seesJids: room.canSeeRealJids(viewer) };
}

/**
 * Tells the room about an occupant's new status (Prosody's publicise_occupant_status): every
 * other occupant first, each as their whois rights allow, and the occupant's own sessions
 * last, with 110. An occupant whose role is not broadcast is seen only by itself, except that
 * leaving a broadcast role is shown to others as unavailable (§7.2.2, presencebroadcast).
 */
export function publiciseOccupantStatus(
  room: Room,
  occupant: Occupant,
  publicity: Publicity,
  by: string,
): void {
  const broadcast = room.config.presenceBroadcast;
  const visible = broadcast.has(occupant.role);
  const wasVisible = publicity.prevRole !== undefined && broadcast.has(publicity.prevRole);
  if (!publicity.selfOnly && (visible || wasVisible)) {
    const forMods = presenceFor(room, occupant, { kind: 'other', seesJids: true }, publicity);
    const forOthers = presenceFor(room, occupant, { kind: 'other', seesJids: false }, publicity);
    if (!visible) {
      forMods.attrs.type = 'unavailable';
      forOthers.attrs.type = 'unavailable';
    }
    for (const other of room.occupants()) {
      if (other === occupant) continue;
      const copy = room.canSeeRealJids(other) ? forMods : forOthers;
      for (const session of other.sessions.keys()) room.sendCopy(copy, session, by);
    }
  }
  const sessions = publicity.onlySession ? [publicity.onlySession] : [...occupant.sessions.keys()];
  for (const session of sessions) {
    const own = presenceFor(room, occupant, { kind: 'self', session }, publicity);
    own.attrs.to = session;
    room.send(own, by);
  }
}

/** Sends `stanza` to every session of `occupant`. */
export function routeToOccupant(room: Room, occupant: Occupant, stanza: Element, by: string): void {
  for (const session of occupant.sessions.keys()) room.sendCopy(stanza, session, by);
}

/** Sends a message to every occupant's every session (§7.4), after the broadcast hooks ran. */
export function broadcastMessage(
  room: Room,
  message: Element,
  sender: Occupant | undefined,
  by: string,
): void {
  room.bus.fire('muc-broadcast-message', { room, occupant: sender, message });
  room.sendToAll(message, by);
}
