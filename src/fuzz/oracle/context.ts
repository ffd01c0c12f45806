// What every check of the oracle shares: the invariants' names, the model of the rooms, and what the current step has done so far — XEP-0045 §5, §7, §17
import type { Role } from '../../muc/model/role.js';
import type { StepInput } from './inputs.js';
import type { ModelConfig, ModelRoom } from './room-model.js';

export const INVARIANTS = [
  'no-crash',
  'occupancy',
  'roles',
  'affiliations',
  'privileges',
  'anonymity',
  'request-reply',
  'delivery',
] as const;
export type InvariantName = (typeof INVARIANTS)[number];

export interface Violation {
  invariant: InvariantName;
  detail: string;
}

export function violation(invariant: InvariantName, detail: string): Violation {
  return { invariant, detail };
}

/** An owner's configuration form in flight: what it sets, once the room accepts it. */
export interface Submission {
  room: string;
  sender: string;
  /** The sender was an owner of the room when it submitted. */
  byOwner: boolean;
  form: import('ltx').Element;
  /** The configuration the form leads to. */
  next: ModelConfig;
}

/** The inner map of `outer` at `key`, made on first use. */
export function entryOf<K, IK, IV>(outer: Map<K, Map<IK, IV>>, key: K): Map<IK, IV> {
  let inner = outer.get(key);
  if (!inner) {
    inner = new Map();
    outer.set(key, inner);
  }
  return inner;
}

/** What the step has done so far, as the oracle follows its trace entries in order. */
export class StepState {
  time = 0;
  readonly inputs = new Map<number, StepInput>();
  /** Rooms that came into being in this step. */
  readonly created = new Set<string>();
  /**
   * Per room, the sessions that left an occupant in this step → that occupant's bare JID and
   * role (their last presence may follow; a session moving to a new nick keeps the role).
   */
  readonly left = new Map<string, Map<string, { bare: string; role: Role }>>();
  /** Per room, the nicks vacated in this step → the bare JID that held them. */
  readonly vacated = new Map<string, Map<string, string>>();
  /**
   * Per room and nick, the role an affiliation change of this step leads to ('unknown' when the
   * configuration it depends on is not known).
   */
  readonly expectedRoles = new Map<string, Map<string, Role | 'unknown'>>();
  /** Configuration forms of this step, by the input's sequence number. */
  readonly submissions = new Map<number, Submission>();
  /** Sessions whose stream closed in this step. */
  readonly disconnected: string[] = [];
  /** Rooms emptied by a destruction request, which must then be destroyed in this step. */
  readonly destroying = new Set<string>();
  /** Rooms destroyed in this step: what follows in the step may still concern them. */
  readonly destroyed = new Map<string, ModelRoom>();

  reset(time: number): void {
    this.time = time;
    // Clearing an empty collection still makes it a new table: most steps leave most empty.
    // Each is named, so that every size read sees one kind of collection.
    if (this.inputs.size > 0) this.inputs.clear();
    if (this.submissions.size > 0) this.submissions.clear();
    if (this.left.size > 0) this.left.clear();
    if (this.vacated.size > 0) this.vacated.clear();
    if (this.expectedRoles.size > 0) this.expectedRoles.clear();
    if (this.destroyed.size > 0) this.destroyed.clear();
    if (this.created.size > 0) this.created.clear();
    if (this.destroying.size > 0) this.destroying.clear();
    if (this.disconnected.length > 0) this.disconnected.length = 0;
  }

  noteLeft(room: string, nick: string, bare: string, role: Role, sessions: Iterable<string>): void {
    const bySession = entryOf(this.left, room);
    for (const session of sessions) bySession.set(session, { bare, role });
    entryOf(this.vacated, room).set(nick, bare);
  }

  expectRole(room: string, nick: string, role: Role | 'unknown'): void {
    entryOf(this.expectedRoles, room).set(nick, role);
  }
}

/** The room's model, or the one of a room destroyed earlier in the step. */
export function roomOf(oracle: Oracle, jid: string): ModelRoom | undefined {
  return oracle.rooms.get(jid) ?? oracle.step.destroyed.get(jid);
}

/** The model and the cast, as every check reads them. */
export interface Oracle {
  readonly mucDomain: string;
  /** Bare JIDs of the cast's users: the real JIDs anonymity protects. */
  readonly realBares: ReadonlySet<string>;
  /** The service admins (Prosody's `admins`): they may destroy rooms through the service's command. */
  readonly admins: ReadonlySet<string>;
  readonly rooms: Map<string, ModelRoom>;
  readonly connected: Set<string>;
  readonly step: StepState;
  /** Counts the checks made, for the summary line. */
  checks: number;
}
