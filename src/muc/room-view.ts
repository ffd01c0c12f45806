// What a feature sees of a room: its data and lookups, read-only — the plugins of XEP-0045 features read the room (§5, §7, §10) and return what should change
import type { Element } from 'ltx';
import type { MucEnvironment } from './environment.js';
import type { MucExtra } from './extras.js';
import type { Affiliation } from './model/affiliation.js';
import type { RoomConfig } from './model/config.js';
import type { Role } from './model/role.js';
import type {
  AffiliationRecord,
  ArchivedMessage,
  HistoryEntry,
  Subject,
} from './model/room-state.js';
import type { RoomLifecycle } from './room-machine.js';

/**
 * An occupant as a feature sees it, or as Prosody holds it in the middle of a change (its
 * other sessions, its role before or after): nothing of it can be changed from here.
 */
export interface OccupantView {
  readonly nick: string;
  /** room@service/nick */
  readonly occupantJid: string;
  readonly bareJid: string;
  readonly role: Role;
  readonly sessions: ReadonlyMap<string, Element>;
  readonly primaryJid: string;
}

/** The room's data a feature reads; each feature changes its own slice only through the core. */
export interface RoomStateView {
  readonly jid: string;
  readonly affiliations: ReadonlyMap<string, Readonly<AffiliationRecord>>;
  readonly subject: Readonly<Subject> | undefined;
  readonly history: readonly HistoryEntry[];
  readonly archive: readonly ArchivedMessage[];
  readonly destruction?: Readonly<{
    alternateVenue: string | undefined;
    reason: string | undefined;
  }>;
  readonly avatarHash?: string;
}

/** What the service gives every room, as a feature may read it. */
export interface RoomServicesView {
  readonly extras: ReadonlySet<MucExtra>;
  readonly env: MucEnvironment;
  readonly occupantIdSecret: string;
  readonly vcards: ReadonlyMap<string, Element>;
}

/** A room, read-only: what every hook and iq handler of a feature gets. */
export interface RoomView {
  readonly jid: string;
  readonly config: Readonly<RoomConfig>;
  readonly state: RoomStateView;
  readonly services: RoomServicesView;
  now(): number;
  lifecycle(): RoomLifecycle;
  affiliationRecord(jid: string): Readonly<AffiliationRecord> | undefined;
  affiliationOf(jid: string): Affiliation;
  reservedNickOf(jid: string): string | undefined;
  jidReservingNick(nick: string): string | undefined;
  ownerCount(): number;
  occupantByNick(nick: string): OccupantView | undefined;
  occupantBySession(realJid: string): OccupantView | undefined;
  occupantJidOf(nick: string): string;
  occupants(): IterableIterator<OccupantView>;
  occupantCount(): number;
  defaultRoleFor(affiliation: Affiliation): Role;
  canSeeRealJids(viewer: OccupantView | undefined): boolean;
}
