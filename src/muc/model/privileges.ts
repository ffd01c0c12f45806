// The privilege tables of XEP-0045 §5 (Tables 3–7) as pure functions, with Prosody's decisions where the XEP leaves room
import type { StanzaErrorSpec } from '../../xmpp/stanza-error.js';
import { AFFILIATION_RANK, type Affiliation } from './affiliation.js';
import { ROLE_RANK, type Role } from './role.js';

/** Table 3 (§5.1.1): what each role may do, with the room's configurable defaults applied. */
export const ROLE_PRIVILEGES = {
  presentInRoom: { none: false, visitor: true, participant: true, moderator: true },
  receiveMessages: { none: false, visitor: true, participant: true, moderator: true },
  receiveOccupantPresence: { none: false, visitor: true, participant: true, moderator: true },
  broadcastPresence: { none: false, visitor: true, participant: true, moderator: true },
  changeAvailability: { none: false, visitor: true, participant: true, moderator: true },
  changeNickname: { none: false, visitor: true, participant: true, moderator: true },
  sendPrivateMessages: { none: false, visitor: true, participant: true, moderator: true },
  inviteOtherUsers: { none: false, visitor: false, participant: true, moderator: true },
  sendMessagesToAll: { none: false, visitor: false, participant: true, moderator: true },
  modifySubject: { none: false, visitor: false, participant: false, moderator: true },
  kickParticipantsAndVisitors: { none: false, visitor: false, participant: false, moderator: true },
  grantVoice: { none: false, visitor: false, participant: false, moderator: true },
  revokeVoice: { none: false, visitor: false, participant: false, moderator: true },
} as const satisfies Record<string, Record<Role, boolean>>;

export type RolePrivilege = keyof typeof ROLE_PRIVILEGES;

export function roleMay(role: Role, privilege: RolePrivilege): boolean {
  return ROLE_PRIVILEGES[privilege][role];
}

/** "Modify Subject: No* / Yes*": participants may when muc#roomconfig_changesubject allows it. */
export function mayChangeSubject(role: Role, participantsMayChangeSubject: boolean): boolean {
  return role === 'moderator' || (role === 'participant' && participantsMayChangeSubject);
}

export interface RoomKind {
  moderated: boolean;
  membersOnly: boolean;
}

/** Table 4 (§5.1.2): the role an affiliation gets on entering; 'none' means entry is refused. */
export function defaultRole(affiliation: Affiliation, room: RoomKind): Role {
  switch (affiliation) {
    case 'owner':
    case 'admin':
      return 'moderator';
    case 'member':
      return 'participant';
    case 'none':
      if (room.membersOnly) return 'none';
      return room.moderated ? 'visitor' : 'participant';
    case 'outcast':
      return 'none';
  }
}

const notAllowed: StanzaErrorSpec = { type: 'cancel', condition: 'not-allowed' };

export interface RoleChange {
  actorAffiliation: Affiliation;
  /** The actor's role in the room; 'none' when the actor is not an occupant. */
  actorRole: Role;
  targetAffiliation: Affiliation;
  targetRole: Role;
  newRole: Role;
}

/**
 * Table 5 (§5.1.3) as Prosody enforces it (may_set_role): nobody changes the role of someone
 * with a higher affiliation; only admins and owners grant or revoke moderator; the actor must
 * be a moderator in the room. Prosody answers `not-allowed` to all three. It compares ranks
 * only, so an owner may also take an admin's voice, where §8.4 says no one may.
 */
export function checkRoleChange(change: RoleChange): StanzaErrorSpec | undefined {
  if (AFFILIATION_RANK[change.actorAffiliation] < AFFILIATION_RANK[change.targetAffiliation]) {
    return notAllowed;
  }
  if (change.targetRole === 'moderator' || change.newRole === 'moderator') {
    if (change.actorAffiliation !== 'owner' && change.actorAffiliation !== 'admin') {
      return notAllowed;
    }
  }
  if (change.actorRole !== 'moderator') return notAllowed;
  return undefined;
}

export interface AffiliationChange {
  actorAffiliation: Affiliation;
  actorIsTarget: boolean;
  targetAffiliation: Affiliation;
  newAffiliation: Affiliation;
  /** Owners other than the target. */
  otherOwners: number;
}

/**
 * Table 7 (§5.2.2) as Prosody enforces it (set_affiliation): owners may make any change, but
 * the last owner may not lower their own affiliation (`conflict`, §10.4); admins may change
 * only members, unaffiliated users and outcasts, and only among those; everyone else gets
 * `not-allowed` (the XEP's preamble says `forbidden`: Prosody differs).
 */
export function checkAffiliationChange(change: AffiliationChange): StanzaErrorSpec | undefined {
  if (change.actorAffiliation === 'owner') {
    const isDowngrade =
      AFFILIATION_RANK[change.newAffiliation] < AFFILIATION_RANK[change.targetAffiliation];
    if (change.actorIsTarget && isDowngrade && change.otherOwners === 0) {
      return { type: 'cancel', condition: 'conflict' };
    }
    return undefined;
  }
  if (change.actorAffiliation === 'admin') {
    const privileged = (affiliation: Affiliation) =>
      affiliation === 'owner' || affiliation === 'admin';
    if (privileged(change.targetAffiliation) || privileged(change.newAffiliation)) {
      return notAllowed;
    }
    return undefined;
  }
  return notAllowed;
}

export interface ListRequest {
  requesterAffiliation: Affiliation;
  list: Affiliation;
  membersOnly: boolean;
  nonAnonymous: boolean;
}

/**
 * Table 6 (§5.2.1) "Retrieve Member List" and §9.5/§10.5, as Prosody decides: admins and owners
 * may read lists of their own rank or lower; members may read every list of a members-only,
 * non-anonymous room (the 1.35.0 rule); anyone else gets `forbidden`.
 */
export function mayRetrieveAffiliationList(request: ListRequest): boolean {
  const rank = AFFILIATION_RANK[request.requesterAffiliation];
  if (rank >= AFFILIATION_RANK.admin && rank >= AFFILIATION_RANK[request.list]) return true;
  return request.membersOnly && request.nonAnonymous && rank >= AFFILIATION_RANK.member;
}

/** §8.5/§9.8: the voice and moderator lists are for moderators. */
export function mayRetrieveRoleList(requesterRole: Role): boolean {
  return ROLE_RANK[requesterRole] >= ROLE_RANK.moderator;
}

/** Table 6 "Enter Members-Only Room": members, admins and owners. */
export function mayEnterMembersOnly(affiliation: Affiliation): boolean {
  return AFFILIATION_RANK[affiliation] >= AFFILIATION_RANK.member;
}

/** §7.10: Prosody lets only affiliated users register unless the room allows everyone. */
export function mayRegister(affiliation: Affiliation, unaffiliatedMayRegister: boolean): boolean {
  if (affiliation === 'outcast') return false;
  return affiliation !== 'none' || unaffiliatedMayRegister;
}
