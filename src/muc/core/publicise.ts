// Occupants' presence as each viewer may see it, and how a status change is told to the room (Prosody's publicise_occupant_status) — XEP-0045 §7.2.2–4, §7.7, §7.14, §17.3
import { clone, Element } from 'ltx';
import { NS } from '../../xmpp/namespaces.js';
import type { Effects } from '../effects.js';
import type { Role } from '../model/role.js';
import type { Room } from '../room.js';
import type { OccupantView, RoomView } from '../room-view.js';
import { addHistoric } from './history-delivery.js';

/**
 * The muc#user `<x>` children of a status change, before the items: status codes, `<destroy>`.
 * One list for every recipient, or a different one for the occupant itself (100, 201, 210).
 */
export type StatusX = Element[] | { base: Element[]; self: Element[] };

export interface Publication {
  x?: StatusX;
  /** The new nick of a nick change (303), carried on every item. */
  nick?: string;
  /** Real full JID of whoever caused the change, shown as `<actor>`. */
  actor?: string;
  reason?: string;
  /** The role before the change: who saw it still sees it go (as unavailable). */
  prevRole?: Role;
  /** Everyone sees the occupant as unavailable (its role stopped being broadcast). */
  forceUnavailable?: boolean;
  /** Only this occupant is told (a probe's answer); no muc-broadcast-presence. */
  recipient?: OccupantView;
}

/** `<status code='…'/>` elements, for a `StatusX`. */
export function statusCodes(...codes: string[]): Element[] {
  return codes.map((code) => new Element('status', { code }));
}

/** What every item of one occupant's list carries. */
interface ItemDetails {
  nick?: string;
  actorNick?: string;
  actorJid?: string;
  reason?: string;
}

/**
 * Prosody's add_item: an item (affiliation, role, then the nick and the real JID when there
 * are), with `<actor>` and `<reason>` when there are.
 */
function item(
  affiliation: string,
  role: string,
  jid: string | undefined,
  details: ItemDetails,
): Element {
  const attrs: Record<string, string> = { affiliation, role };
  if (details.nick !== undefined) attrs.nick = details.nick;
  if (jid !== undefined) attrs.jid = jid;
  const element = new Element('item', attrs);
  const { actorNick, actorJid, reason } = details;
  if (actorNick !== undefined || actorJid !== undefined) {
    const actor: Record<string, string> = {};
    if (actorNick !== undefined) actor.nick = actorNick;
    if (actorJid !== undefined) actor.jid = actorJid;
    element.c('actor', actor);
  }
  if (reason !== undefined) element.c('reason').t(reason);
  return element;
}

/**
 * Prosody's build_item_list: one item without a real JID for an anonymous viewer, otherwise one
 * per session of the occupant, each with that session's JID.
 */
export function buildItemList(
  room: RoomView,
  occupant: OccupantView,
  anonymous: boolean,
  details: ItemDetails = {},
): Element[] {
  const affiliation = room.affiliationOf(occupant.bareJid);
  if (anonymous) return [item(affiliation, occupant.role, undefined, details)];
  const items: Element[] = [];
  for (const jid of occupant.sessions.keys()) {
    items.push(item(affiliation, occupant.role, jid, details));
  }
  return items;
}

/** Adds the muc#user `<x>` to `presence` itself: copies of `children`, then `items` as they are. */
function appendX(presence: Element, children: readonly Element[], items: Element[]): Element {
  const x = presence.c('x', { xmlns: NS.mucUser });
  for (const child of children) x.cnode(clone(child));
  for (const entry of items) x.cnode(entry);
  return presence;
}

function withX(presence: Element, children: readonly Element[], items: Element[]): Element {
  return appendX(clone(presence), children, items);
}

/** The presence that stands for the occupant: its primary session's, or a generated unavailable one. */
function basePresence(occupant: OccupantView, forceUnavailable: boolean): Element {
  const stored = occupant.sessions.get(occupant.primaryJid);
  const usable =
    stored &&
    (occupant.role !== 'none' || stored.attrs.type === 'unavailable') &&
    !forceUnavailable;
  const presence = usable ? clone(stored) : new Element('presence', { type: 'unavailable' });
  presence.attrs.from = occupant.occupantJid;
  return presence;
}

/**
 * Tells the room about an occupant's status (Prosody's publicise_occupant_status): every other
 * occupant first, as its whois rights allow, each session of the occupant itself last with 110.
 * An occupant whose role is not broadcast is seen by nobody else, except that those who saw its
 * previous role see it leave (as unavailable).
 */
export function publiciseOccupantStatus(
  room: Room,
  out: Effects,
  occupant: OccupantView,
  publication: Publication,
  by: string,
): void {
  const x = publication.x ?? [];
  const baseX = Array.isArray(x) ? x : x.base;
  const selfX = Array.isArray(x) ? x : x.self;
  const presence = basePresence(occupant, publication.forceUnavailable === true);
  room.fire('muc-build-occupant-presence', { room, out, occupant, presence });
  if (!publication.recipient)
    room.fire('muc-broadcast-presence', { room, out, occupant, presence });
  const actorNick = publication.actor ? room.occupantBySession(publication.actor)?.nick : undefined;
  const details = { nick: publication.nick, actorNick, reason: publication.reason };
  let full: Element | undefined;
  let anonymous: Element | undefined;
  let selfPresence: Element | undefined;
  const selfItems = buildItemList(room, occupant, false, details);
  const forViewer = (viewer: OccupantView): Element => {
    if (room.canSeeRealJids(viewer)) {
      full ??= withX(
        presence,
        baseX,
        buildItemList(room, occupant, false, { ...details, actorJid: publication.actor }),
      );
      return full;
    }
    if (viewer.bareJid === occupant.bareJid) {
      selfPresence ??= withX(presence, selfX, selfItems);
      return selfPresence;
    }
    anonymous ??= withX(presence, baseX, buildItemList(room, occupant, true, details));
    return anonymous;
  };
  if (publication.recipient) {
    routeToOccupant(out, publication.recipient, forViewer(publication.recipient), by);
    return;
  }
  tellOthers(room, out, occupant, publication, forViewer, by);
  tellSelf(room, out, occupant, selfX, selfItems, presence, by);
}

/** A copy of `presence` as unavailable (it is shared and frozen once sent: the copy is made once). */
function unavailableCopy(presence: Element): Element {
  const copy = clone(presence);
  copy.attrs.type = 'unavailable';
  return copy;
}

function tellOthers(
  room: Room,
  out: Effects,
  occupant: OccupantView,
  publication: Publication,
  forViewer: (viewer: OccupantView) => Element,
  by: string,
): void {
  const broadcast = room.config.presenceBroadcast;
  const shown = broadcast.has(occupant.role) || publication.forceUnavailable === true;
  const wasShown = publication.prevRole !== undefined && broadcast.has(publication.prevRole);
  if (!shown && !wasShown) return;
  // Those who saw the previous role see it go: one unavailable copy of each version they see.
  const unavailable = new Map<Element, Element>();
  for (const other of room.occupants()) {
    if (other.nick === occupant.nick) continue;
    let copy = forViewer(other);
    if (!shown) {
      const seen = copy;
      copy = unavailable.get(seen) ?? unavailableCopy(seen);
      unavailable.set(seen, copy);
    }
    routeToOccupant(out, other, copy, by);
  }
}

/** The occupant's own sessions: its own presence per session (or the unavailable one when it left), with 110. */
function tellSelf(
  room: Room,
  out: Effects,
  occupant: OccupantView,
  selfX: readonly Element[],
  selfItems: readonly Element[],
  presence: Element,
  by: string,
): void {
  const items = () => [
    ...selfItems.map((entry) => clone(entry)),
    new Element('status', { code: '110' }),
  ];
  if (occupant.role === 'none') {
    routeToOccupant(out, occupant, withX(presence, selfX, items()), by);
    return;
  }
  for (const [session, own] of occupant.sessions) {
    const copy = clone(own);
    copy.attrs.from = occupant.occupantJid;
    room.fire('muc-build-occupant-presence', { room, out, occupant, presence: copy });
    copy.attrs.to = session;
    out.send(appendX(copy, selfX, items()), by);
  }
}

/** Sends `stanza` to every session of `occupant`. */
export function routeToOccupant(
  out: Effects,
  occupant: OccupantView,
  stanza: Element,
  by: string,
): void {
  for (const session of occupant.sessions.keys()) out.sendCopy(stanza, session, by);
}

/** Sends a message to every occupant's every session (§7.4), after the broadcast hooks ran. */
export function broadcastMessage(
  room: Room,
  out: Effects,
  message: Element,
  sender: OccupantView | undefined,
  by: string,
): void {
  room.fire('muc-broadcast-message', { room, out, occupant: sender, message });
  // Prosody's history.lib.lua at priority 0, after the plugins' handlers (mod_muc_mam's at 1).
  addHistoric(room, out, sender, message);
  out.sendCopies(message, room.recipients(), by);
}
