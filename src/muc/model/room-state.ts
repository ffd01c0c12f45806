// A room's data: configuration, affiliations, occupants, subject, history and archive — XEP-0045 §5, §7.2.13–15, §10
import type { Element } from 'ltx';
import type { RoomSnapshot } from '../room-machine.js';
import type { Affiliation } from './affiliation.js';
import type { RoomConfig } from './config.js';
import type { Occupant } from './occupant.js';

export interface AffiliationRecord {
  affiliation: Exclude<Affiliation, 'none'>;
  /** A nick reserved by registration or by an admin item with `nick` (§7.10, §9.5). */
  reservedNick?: string;
  reason?: string;
}

export interface Subject {
  /** Undefined once someone cleared it with an empty `<subject/>`. */
  text: string | undefined;
  /** The setter's occupant JID at the time: the join-time subject comes from it (§7.2.15). */
  from: string;
  stamp: number;
}

export interface HistoryEntry {
  /** The reflected message, addressed from the occupant JID and to nobody. */
  stanza: Element;
  stamp: number;
  /** Length of the serialised stanza, used by `maxchars` (§7.2.14). */
  chars: number;
}

/** A message in the room's archive (mod_muc_mam's store): its archive id and when it was kept. */
export interface ArchivedMessage {
  id: string;
  stanza: Element;
  /** Simulated milliseconds. */
  when: number;
}

export interface RoomState {
  jid: string;
  lifecycle: RoomSnapshot;
  config: RoomConfig;
  affiliations: Map<string, AffiliationRecord>;
  occupants: Map<string, Occupant>;
  nickBySession: Map<string, string>;
  subject: Subject | undefined;
  history: HistoryEntry[];
  /** Every archived message, oldest first (mod_muc_mam's muc_log store). */
  archive: ArchivedMessage[];
  /**
   * How an owner (or a service admin) destroyed the room (§10.9), set as the destruction starts:
   * a persistent room's tombstone repeats it.
   */
  destruction?: {
    alternateVenue: string | undefined;
    reason: string | undefined;
    password?: string | undefined;
  };
  /** The avatar hash, once one was computed: Prosody caches it in the room and never forgets it. */
  avatarHash?: string;
  /**
   * register.lib.lua's reserved nick cache, nick to bare JID: made from the affiliation records
   * when first read, forgotten when an affiliation is set. State, not a mere cache: a record's
   * nick revised by a refused admin item is not in it until then (src/muc/room.ts).
   */
  reservedNicks?: Map<string, string>;
}
