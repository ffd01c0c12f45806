// Table 5 of XEP-0045 §5.1.3 ("Role State Chart") as data: who may move an occupant from one role to another
import type { Affiliation } from '../../src/muc/model/affiliation.js';
import type { Role } from '../../src/muc/model/role.js';
import type { KnownFailure, Note } from './cases.js';

/**
 * One answer of the chart, Prosody's first (the expected value), then the XEP's when it differs:
 * - `ok`: both carry the change out;  `NA`: both answer not-allowed;
 * - `NA/F`: Prosody not-allowed, XEP forbidden (the actor lacks the privilege altogether);
 * - `NA/ok`: Prosody refuses a *grant* to a user of higher affiliation, which the XEP allows;
 * - `ok/NA`: Prosody allows what a MUST NOT of the XEP refuses (§8.4 voice of admins and owners,
 *   §9.7 an admin revoking moderator status from an admin).
 */
export type Answer = 'ok' | 'NA' | 'NA/F' | 'NA/ok' | 'ok/NA';

/** The actors of the chart's rows "moderator", "admin or owner", and those with neither. */
export const ACTORS = {
  'visitor/none': { role: 'visitor', affiliation: 'none', label: 'visitor (none)' },
  'participant/none': { role: 'participant', affiliation: 'none', label: 'participant (none)' },
  'participant/member': {
    role: 'participant',
    affiliation: 'member',
    label: 'participant (member)',
  },
  'moderator/none': { role: 'moderator', affiliation: 'none', label: 'moderator (none)' },
  'moderator/member': { role: 'moderator', affiliation: 'member', label: 'moderator (member)' },
  'moderator/admin': { role: 'moderator', affiliation: 'admin', label: 'moderator (admin)' },
  'moderator/owner': { role: 'moderator', affiliation: 'owner', label: 'moderator (owner)' },
  'absent/owner': { role: 'none', affiliation: 'owner', label: 'owner not in the room' },
} as const satisfies Record<string, { role: Role; affiliation: Affiliation; label: string }>;

export type ActorKey = keyof typeof ACTORS;

/** The columns of each grid: the target's affiliation. */
export const TARGETS = ['none', 'member', 'admin', 'owner'] as const satisfies Affiliation[];

/** The XEP's words for the three kinds of disagreement, per cell where they occur. */
export interface Disagreements {
  'NA/F': Required<Note>;
  'NA/ok'?: Required<Note>;
  'ok/NA'?: Required<Note>;
}

// Where Prosody (the expected value) and the XEP disagree, in a line each; the longer story:
// - UNPRIVILEGED: §8's and §9's preambles answer `forbidden` to a requester who is not a
//   moderator (resp. admin); Prosody's may_set_role (muc.lib.lua:1573) answers not-allowed to
//   every refusal, as the README lists.
// - GRANT_TO_HIGHER: may_set_role starts with "Can't do anything to someone with higher
//   affiliation", so it refuses even a grant of voice or moderator; the XEP restricts revoking only.
// - VOICE_OF_ADMINS: §8.4 "a service MUST NOT allow the voice privileges of an admin or owner to
//   be removed by anyone"; may_set_role compares ranks only, so an owner may silence an admin.
// - ADMIN_REVOKES_ADMIN: §9.7 "an admin MUST NOT be allowed to revoke moderator status from a
//   user whose affiliation is owner or admin"; may_set_role lets an admin demote an equal admin.
const UNPRIVILEGED: Required<Note> = {
  xep: 'forbidden',
  prosody: 'not-allowed for every refused role change',
};
const GRANT_TO_HIGHER: Required<Note> = {
  xep: 'allowed',
  prosody: 'no change at all to a higher affiliation, grants included',
};
const VOICE_OF_ADMINS: Required<Note> = {
  xep: "not-allowed, §8.4: no one removes an admin's or owner's voice",
  prosody: 'compares affiliation ranks only',
};
const ADMIN_REVOKES_ADMIN: Required<Note> = {
  xep: 'not-allowed, §9.7: not from an admin or owner',
  prosody: 'compares affiliation ranks only',
};

export interface RoleChangeCell {
  from: Role;
  to: Role;
  /** The chart's text for the cell. */
  xepText: string;
  /** Rows: actors; columns: target affiliation none, member, admin, owner (TARGETS). */
  grid: Record<ActorKey, [Answer, Answer, Answer, Answer]>;
  /** The actor changing its own role, for the actors who hold `from`. */
  self: Partial<Record<ActorKey, Answer>>;
  notes: Disagreements;
}

/** The nine cells changed through muc#admin `<item nick role>` (§8.2–8.4, §9.6–9.7). */
// biome-ignore format: the grids are aligned like the XEP's table
export const ADMIN_CELLS: RoleChangeCell[] = [
  {
    from: 'visitor',
    to: 'none',
    xepText: 'Exit room or be kicked by a moderator (§8.2)',
    grid: {
      // target is:           none     member   admin    owner
      'visitor/none':       ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'participant/none':   ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'participant/member': ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'moderator/none':     ['ok',    'NA',    'NA',    'NA'],
      'moderator/member':   ['ok',    'ok',    'NA',    'NA'],
      'moderator/admin':    ['ok',    'ok',    'ok',    'NA'],
      'moderator/owner':    ['ok',    'ok',    'ok',    'ok'],
      'absent/owner':       ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
    },
    self: { 'visitor/none': 'NA/F' },
    notes: { 'NA/F': UNPRIVILEGED },
  },
  {
    from: 'visitor',
    to: 'participant',
    xepText: 'Moderator grants voice (§8.3)',
    grid: {
      // target is:           none     member   admin    owner
      'visitor/none':       ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'participant/none':   ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'participant/member': ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'moderator/none':     ['ok',    'NA/ok', 'NA/ok', 'NA/ok'],
      'moderator/member':   ['ok',    'ok',    'NA/ok', 'NA/ok'],
      'moderator/admin':    ['ok',    'ok',    'ok',    'NA/ok'],
      'moderator/owner':    ['ok',    'ok',    'ok',    'ok'],
      'absent/owner':       ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
    },
    self: { 'visitor/none': 'NA/F' },
    notes: { 'NA/F': UNPRIVILEGED, 'NA/ok': GRANT_TO_HIGHER },
  },
  {
    from: 'visitor',
    to: 'moderator',
    xepText: 'Admin or owner grants moderator status (§9.6)',
    grid: {
      // target is:           none     member   admin    owner
      'visitor/none':       ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'participant/none':   ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'participant/member': ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'moderator/none':     ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'moderator/member':   ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'moderator/admin':    ['ok',    'ok',    'ok',    'NA/ok'],
      'moderator/owner':    ['ok',    'ok',    'ok',    'ok'],
      'absent/owner':       ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
    },
    self: { 'visitor/none': 'NA/F' },
    notes: { 'NA/F': UNPRIVILEGED, 'NA/ok': GRANT_TO_HIGHER },
  },
  {
    from: 'participant',
    to: 'none',
    xepText: 'Exit room or be kicked by a moderator (§8.2)',
    grid: {
      // target is:           none     member   admin    owner
      'visitor/none':       ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'participant/none':   ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'participant/member': ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'moderator/none':     ['ok',    'NA',    'NA',    'NA'],
      'moderator/member':   ['ok',    'ok',    'NA',    'NA'],
      'moderator/admin':    ['ok',    'ok',    'ok',    'NA'],
      'moderator/owner':    ['ok',    'ok',    'ok',    'ok'],
      'absent/owner':       ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
    },
    self: { 'participant/none': 'NA/F', 'participant/member': 'NA/F' },
    notes: { 'NA/F': UNPRIVILEGED },
  },
  {
    from: 'participant',
    to: 'visitor',
    xepText: 'Moderator revokes voice (§8.4)',
    grid: {
      // target is:           none     member   admin    owner
      'visitor/none':       ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'participant/none':   ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'participant/member': ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'moderator/none':     ['ok',    'NA',    'NA',    'NA'],
      'moderator/member':   ['ok',    'ok',    'NA',    'NA'],
      'moderator/admin':    ['ok',    'ok',    'ok/NA', 'NA'],
      'moderator/owner':    ['ok',    'ok',    'ok/NA', 'ok/NA'],
      'absent/owner':       ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
    },
    self: { 'participant/none': 'NA/F', 'participant/member': 'NA/F' },
    notes: { 'NA/F': UNPRIVILEGED, 'ok/NA': VOICE_OF_ADMINS },
  },
  {
    from: 'participant',
    to: 'moderator',
    xepText: 'Admin or owner grants moderator status (§9.6)',
    grid: {
      // target is:           none     member   admin    owner
      'visitor/none':       ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'participant/none':   ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'participant/member': ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'moderator/none':     ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'moderator/member':   ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'moderator/admin':    ['ok',    'ok',    'ok',    'NA/ok'],
      'moderator/owner':    ['ok',    'ok',    'ok',    'ok'],
      'absent/owner':       ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
    },
    self: { 'participant/none': 'NA/F', 'participant/member': 'NA/F' },
    notes: { 'NA/F': UNPRIVILEGED, 'NA/ok': GRANT_TO_HIGHER },
  },
  {
    from: 'moderator',
    to: 'none',
    xepText: 'Exit room or be kicked by an admin or owner* (§8.2; * not by a lower affiliation)',
    grid: {
      // target is:           none     member   admin    owner
      'visitor/none':       ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'participant/none':   ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'participant/member': ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'moderator/none':     ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'moderator/member':   ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'moderator/admin':    ['ok',    'ok',    'ok',    'NA'],
      'moderator/owner':    ['ok',    'ok',    'ok',    'ok'],
      'absent/owner':       ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
    },
    // §8.2: a self-kick MAY get conflict; Prosody lets admins and owners kick themselves (D8).
    self: {
      'moderator/none': 'NA/F',
      'moderator/member': 'NA/F',
      'moderator/admin': 'ok',
      'moderator/owner': 'ok',
    },
    notes: { 'NA/F': UNPRIVILEGED },
  },
  {
    from: 'moderator',
    to: 'visitor',
    xepText: 'Admin or owner changes role to visitor* (§8.4)',
    grid: {
      // target is:           none     member   admin    owner
      'visitor/none':       ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'participant/none':   ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'participant/member': ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'moderator/none':     ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'moderator/member':   ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'moderator/admin':    ['ok',    'ok',    'ok/NA', 'NA'],
      'moderator/owner':    ['ok',    'ok',    'ok/NA', 'ok/NA'],
      'absent/owner':       ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
    },
    self: {
      'moderator/none': 'NA/F',
      'moderator/member': 'NA/F',
      'moderator/admin': 'ok/NA',
      'moderator/owner': 'ok/NA',
    },
    notes: { 'NA/F': UNPRIVILEGED, 'ok/NA': VOICE_OF_ADMINS },
  },
  {
    from: 'moderator',
    to: 'participant',
    xepText: 'Admin or owner changes role to participant or revokes moderator status* (§9.7)',
    grid: {
      // target is:           none     member   admin    owner
      'visitor/none':       ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'participant/none':   ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'participant/member': ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'moderator/none':     ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'moderator/member':   ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
      'moderator/admin':    ['ok',    'ok',    'ok/NA', 'NA'],
      'moderator/owner':    ['ok',    'ok',    'ok',    'ok'],
      'absent/owner':       ['NA/F',  'NA/F',  'NA/F',  'NA/F'],
    },
    self: {
      'moderator/none': 'NA/F',
      'moderator/member': 'NA/F',
      'moderator/admin': 'ok/NA',
      'moderator/owner': 'ok',
    },
    notes: { 'NA/F': UNPRIVILEGED, 'ok/NA': ADMIN_REVOKES_ADMIN },
  },
];

/** The cells a user's own presence produces: entering (§7.2) and exiting (§7.14). */
export interface PresenceCell {
  from: Role;
  to: Role;
  xepText: string;
  room: 'moderated' | 'unmoderated';
  /** The role reached, per target affiliation (TARGETS order); entering a room is Table 4 again. */
  reached: [Role, Role, Role, Role];
}

export const JOIN_CELLS: PresenceCell[] = [
  {
    from: 'none',
    to: 'visitor',
    xepText: 'Enter moderated room',
    room: 'moderated',
    reached: ['visitor', 'participant', 'moderator', 'moderator'],
  },
  {
    from: 'none',
    to: 'participant',
    xepText: 'Enter unmoderated room',
    room: 'unmoderated',
    reached: ['participant', 'participant', 'moderator', 'moderator'],
  },
  {
    from: 'none',
    to: 'moderator',
    xepText: 'Admin or owner enters room',
    room: 'unmoderated',
    reached: ['participant', 'participant', 'moderator', 'moderator'],
  },
];

export const EXIT_CELLS: PresenceCell[] = (['visitor', 'participant', 'moderator'] as const).map(
  (from) => ({
    from,
    to: 'none',
    xepText: 'Exit room',
    room: 'moderated',
    reached: ['none', 'none', 'none', 'none'],
  }),
);

/**
 * Cells where the simulator answers otherwise, keyed `from→to actor target` (`self` for the
 * actor's own role). None today: the simulator follows Prosody 13's may_set_role
 * (/usr/lib/prosody/modules/muc/muc.lib.lua), which refuses a change only when the target's
 * affiliation ranks higher than the actor's, when a non-admin touches the moderator role, or
 * when the actor is not a moderator in the room.
 */
export const KNOWN_TABLE5: Record<string, KnownFailure> = {};
