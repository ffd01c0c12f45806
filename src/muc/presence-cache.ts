// Occupants' current presence as others see it, built once per occupant state and shared by every joiner's occupant list — XEP-0045 §7.2.3
import type { Element } from 'ltx';
import { addressedCopies } from '../xmpp/addressed-copy.js';
import type { Affiliation } from './model/affiliation.js';
import type { Occupant } from './model/occupant.js';
import type { Role } from './model/role.js';
import { presenceFor } from './presence.js';
import type { Room } from './room.js';

/** Everything `presenceFor` reads for a viewer without publicity, and what it built from it. */
interface Built {
  role: Role;
  affiliation: Affiliation;
  occupantJid: string;
  base: Element | undefined;
  primaryJid: string;
  copyTo: (to: string) => Element;
}

const cache = new WeakMap<Occupant, { withJids?: Built; withoutJids?: Built }>();

function isCurrent(built: Built | undefined, occupant: Occupant, affiliation: Affiliation) {
  return (
    built !== undefined &&
    built.role === occupant.role &&
    built.affiliation === affiliation &&
    built.occupantJid === occupant.occupantJid &&
    built.base === occupant.sessions.get(occupant.primaryJid) &&
    built.primaryJid === occupant.primaryJid
  );
}

/**
 * Copies of the occupant's presence as another occupant sees it (no status codes, no actor),
 * each addressed to one joiner. Rebuilt when its role, affiliation, nick or primary presence
 * changed; with real JIDs it lists every session, so an occupant with several is always rebuilt.
 * (`muc-build-occupant-presence` hooks read only the room's JID, the occupant and the presence,
 * which is what makes this cache sound.)
 */
export function presenceCopiesFor(
  room: Room,
  occupant: Occupant,
  seesJids: boolean,
): (to: string) => Element {
  const affiliation = room.affiliationOf(occupant.bareJid);
  const entry = cache.get(occupant) ?? {};
  const known = seesJids ? entry.withJids : entry.withoutJids;
  const cacheable = occupant.role !== 'none' && !(seesJids && occupant.sessions.size > 1);
  if (cacheable && isCurrent(known, occupant, affiliation)) return known!.copyTo;
  const copyTo = addressedCopies(presenceFor(room, occupant, { kind: 'other', seesJids }));
  if (!cacheable) return copyTo;
  const built: Built = {
    role: occupant.role,
    affiliation,
    occupantJid: occupant.occupantJid,
    base: occupant.sessions.get(occupant.primaryJid),
    primaryJid: occupant.primaryJid,
    copyTo,
  };
  cache.set(occupant, seesJids ? { ...entry, withJids: built } : { ...entry, withoutJids: built });
  return copyTo;
}
