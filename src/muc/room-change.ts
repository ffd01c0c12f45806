// What a feature asks the core to change in a room, returned from its hooks and iq handlers: the core applies it, in order, as Prosody's room methods would — XEP-0045 §7–§10
import type { Element } from 'ltx';
import type { Affiliation } from './model/affiliation.js';
import type { RoomConfig } from './model/config.js';
import type { Role } from './model/role.js';
import type { ArchivedMessage, HistoryEntry, Subject } from './model/room-state.js';
import type { RoomLifecycleEvent } from './room-machine.js';

/** Who asks for a change: a real full JID, or the room itself (no privilege check, no actor). */
export type Actor = string | 'room';

/**
 * The data kept with an affiliation (Prosody's affiliation data): the reserved nick and the
 * reason. `undefined` keeps what there is, `false` or an empty object clears it.
 */
export type AffiliationData = { reservedNick?: string; reason?: string } | false | undefined;

/**
 * One change, applied by the core with the name of the feature that asked as its `by`. A role or
 * affiliation change may carry the request to `answer`: its error if the change is refused, its
 * iq result once it is made (an iq only; a message gets no result).
 */
export type RoomChange =
  /** The room's lifecycle chart moves (locked → open, → destroyed). */
  | { kind: 'lifecycle'; event: RoomLifecycleEvent }
  /** Configuration values set before the form is ever submitted (at creation). */
  | { kind: 'config'; patch: Partial<RoomConfig> }
  /** Prosody's set_role, with the actor's rights checked (§8); a word that is no role is not-acceptable. */
  | {
      kind: 'role';
      actor: Actor;
      nick: string;
      role: Role | string;
      reason?: string;
      answer?: Element;
    }
  /** Prosody's set_affiliation, with the actor's rights checked (§9, §10); a word that is no affiliation is not-acceptable. */
  | {
      kind: 'affiliation';
      actor: Actor;
      jid: string;
      affiliation: Affiliation | string;
      reason?: string;
      data?: AffiliationData;
      answer?: Element;
      /**
       * The data goes into the JID's existing table before the change is decided, and stays
       * even if it is refused (Prosody's handle_admin_query_set_command).
       */
      dataFirst?: boolean;
    }
  /** Occupants taken out together with a status code; the others see it only if `tellOthers`. */
  | { kind: 'remove'; nicks: readonly string[]; code: string; tellOthers: boolean }
  /** An occupant's presence told to the room again (unavailable where its role is no longer shown). */
  | { kind: 'presence'; nick: string; forceUnavailable?: boolean }
  /** A message or presence from the room to every occupant, through the broadcast hooks (§7.4). */
  | { kind: 'broadcast'; stanza: Element }
  /** The room's subject (subject.lib.lua's slice of the room). */
  | { kind: 'subject'; subject: Subject }
  /** A message kept in the room's history, which keeps the newest `keep` (history.lib.lua's slice). */
  | { kind: 'history'; entry: HistoryEntry; keep: number }
  /** A message kept in the room's archive (mod_muc_mam's slice). */
  | { kind: 'archived'; entry: ArchivedMessage }
  /** The room's archive emptied, as mod_muc_mam deletes it when the room is destroyed. */
  | { kind: 'archive-deleted' }
  /** The avatar hash, computed once (vcard.lib.lua's slice). */
  | { kind: 'avatar-hash'; hash: string }
  /** Changes made later, when the simulated clock has moved on by `after` milliseconds. */
  | { kind: 'timer'; after: number; changes: readonly RoomChange[] };
