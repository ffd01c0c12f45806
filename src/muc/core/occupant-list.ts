// The occupant list a joiner (or a new moderator) gets: each occupant's current presence, as the viewer may see it (Prosody's send_occupant_list) — XEP-0045 §7.2.2–4
import { clone, Element } from 'ltx';
import { addressedCopies } from '../../xmpp/addressed-copy.js';
import { bareJid } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import type { Effects } from '../effects.js';
import type { Affiliation } from '../model/affiliation.js';
import type { Occupant } from '../model/occupant.js';
import type { Role } from '../model/role.js';
import type { Room } from '../room.js';
import { buildItemList } from './publicise.js';

const BY = 'occupant-list';

/**
 * Prosody's is_anonymous_for: in a semi-anonymous room, real JIDs are hidden from `jid` unless
 * it is an admin or owner, or an occupant who may see them (a moderator).
 */
export function isAnonymousFor(room: Room, jid: string): boolean {
  if (room.config.whois === 'anyone') return false;
  const affiliation = room.affiliationOf(jid);
  if (affiliation === 'admin' || affiliation === 'owner') return false;
  return room.occupantBySession(jid)?.role !== 'moderator';
}

/** The occupant's current presence with its items, as a viewer sees it, without `to`. */
function listedPresence(room: Room, out: Effects, occupant: Occupant, anonymous: boolean): Element {
  const presence = clone(occupant.sessions.get(occupant.primaryJid) ?? new Element('presence'));
  presence.attrs.from = occupant.occupantJid;
  const x = presence.c('x', { xmlns: NS.mucUser });
  for (const entry of buildItemList(room, occupant, anonymous)) x.cnode(entry);
  room.fire('muc-build-occupant-presence', { room, out, occupant, presence });
  return presence;
}

/** Everything `listedPresence` reads, and the copies built from it. */
interface Built {
  role: Role;
  affiliation: Affiliation;
  occupantJid: string;
  base: Element | undefined;
  primaryJid: string;
  copyTo: (to: string) => Element;
}

const cache = new WeakMap<Occupant, { full?: Built; anonymous?: Built }>();

/**
 * Copies of the occupant's listed presence, each addressed to one joiner: built once per
 * occupant state and shared by a join storm's joiners. With real JIDs it lists every session,
 * so an occupant with several is always rebuilt.
 */
function listedCopies(
  room: Room,
  out: Effects,
  occupant: Occupant,
  anonymous: boolean,
): (to: string) => Element {
  const affiliation = room.affiliationOf(occupant.bareJid);
  const entry = cache.get(occupant) ?? {};
  const known = anonymous ? entry.anonymous : entry.full;
  const base = occupant.sessions.get(occupant.primaryJid);
  const cacheable = anonymous || occupant.sessions.size === 1;
  const current =
    known !== undefined &&
    known.role === occupant.role &&
    known.affiliation === affiliation &&
    known.occupantJid === occupant.occupantJid &&
    known.base === base &&
    known.primaryJid === occupant.primaryJid;
  if (cacheable && current) return known.copyTo;
  const copyTo = addressedCopies(listedPresence(room, out, occupant, anonymous));
  if (!cacheable) return copyTo;
  const built: Built = {
    role: occupant.role,
    affiliation,
    occupantJid: occupant.occupantJid,
    base,
    primaryJid: occupant.primaryJid,
    copyTo,
  };
  cache.set(occupant, anonymous ? { ...entry, anonymous: built } : { ...entry, full: built });
  return copyTo;
}

/**
 * Prosody's send_occupant_list: the presence of every occupant `include` accepts whose role is
 * broadcast (one's own occupant always), then, where role `none` is broadcast, an unavailable
 * presence for each affiliated user who is away (with the reserved nick, or from the room).
 */
export function sendOccupantList(
  room: Room,
  out: Effects,
  to: string,
  include: (occupant: Occupant | undefined, jid: string) => boolean,
): void {
  const toBare = bareJid(to);
  const broadcast = room.config.presenceBroadcast;
  const anonymous = isAnonymousFor(room, to);
  // Prosody saves the recipient's occupant before it sends the list, so its bare JID is always
  // among the present ones — even when a nick change has just emptied and destroyed the room.
  const present = new Set<string>([toBare]);
  for (const occupant of room.occupants()) {
    present.add(occupant.bareJid);
    const own = occupant.bareJid === toBare;
    if (!include(occupant, occupant.occupantJid) || !(own || broadcast.has(occupant.role)))
      continue;
    out.send(listedCopies(room, out, occupant, anonymous && !own)(to), BY);
  }
  if (!broadcast.has('none')) return;
  for (const [jid, record] of room.state.affiliations) {
    const nick = record.reservedNick;
    if ((!nick && anonymous) || present.has(jid) || !include(undefined, jid)) continue;
    const from = nick ? room.occupantJidOf(nick) : room.jid;
    const presence = new Element('presence', { to, from, type: 'unavailable' });
    const attrs: Record<string, string> = { affiliation: record.affiliation, role: 'none' };
    if (nick) attrs.nick = nick;
    if (!anonymous) attrs.jid = jid;
    presence.c('x', { xmlns: NS.mucUser }).c('item', attrs);
    out.send(presence, BY);
  }
}
