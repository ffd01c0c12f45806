// The fuzzer's own reading of the privilege tables — XEP-0045 §5.1.2 (Table 4), §5.1.3 (Table 5), §5.2.1–2 (Tables 6–7) and Prosody's deviations (README)
// Written apart from src/muc/model/privileges.ts on purpose: an oracle that shares the code it checks finds nothing.
import type { Affiliation } from '../muc/model/affiliation.js';
import type { Role } from '../muc/model/role.js';

const AFFILIATION_ORDER: Record<Affiliation, number> = {
  outcast: -1,
  none: 0,
  member: 1,
  admin: 2,
  owner: 3,
};

const ROLE_ORDER: Record<Role, number> = { none: 0, visitor: 1, participant: 2, moderator: 3 };

export function affiliationAbove(a: Affiliation, b: Affiliation): boolean {
  return AFFILIATION_ORDER[a] > AFFILIATION_ORDER[b];
}

export function roleAbove(a: Role, b: Role): boolean {
  return ROLE_ORDER[a] > ROLE_ORDER[b];
}

export function isMemberOrAbove(affiliation: Affiliation): boolean {
  return AFFILIATION_ORDER[affiliation] >= AFFILIATION_ORDER.member;
}

/** Table 4: the role an affiliation enters with; `none` means it may not enter at all. */
export function entryRole(
  affiliation: Affiliation,
  room: { moderated: boolean; membersOnly: boolean },
): Role {
  if (affiliation === 'owner' || affiliation === 'admin') return 'moderator';
  if (affiliation === 'member') return 'participant';
  if (affiliation === 'outcast') return 'none';
  if (room.membersOnly) return 'none';
  return room.moderated ? 'visitor' : 'participant';
}

export interface RoleRequest {
  actorAffiliation: Affiliation;
  /** The actor's role in the room before the request. */
  actorRole: Role;
  actorIsTarget: boolean;
  targetAffiliation: Affiliation;
  targetRole: Role;
  newRole: Role;
}

/** Why a role change is beyond the actor's privileges, or undefined when it is within them. */
export function roleChangeRefusal(request: RoleRequest): string | undefined {
  // Table 3: kicking, granting and revoking voice are moderator privileges.
  if (request.actorRole !== 'moderator') {
    return `a ${request.actorRole === 'none' ? 'non-occupant' : request.actorRole} changed a role (Table 3: moderators only)`;
  }
  // Table 5 ("nobody SHOULD revoke moderation from someone with a higher affiliation"), §8.2,
  // §8.4; Prosody's may_set_role: no one changes the role of someone with a higher affiliation.
  if (affiliationAbove(request.targetAffiliation, request.actorAffiliation)) {
    return `a${request.actorAffiliation === 'owner' || request.actorAffiliation === 'admin' || request.actorAffiliation === 'outcast' ? 'n' : ''} ${request.actorAffiliation} changed the role of a higher ${request.targetAffiliation} (Table 5)`;
  }
  // Table 5: only admins and owners grant or revoke the moderator role.
  const touchesModerator = request.targetRole === 'moderator' || request.newRole === 'moderator';
  const actorIsAdmin = request.actorAffiliation === 'owner' || request.actorAffiliation === 'admin';
  if (touchesModerator && !actorIsAdmin) {
    return `a ${request.actorAffiliation} moderator changed a role ${request.targetRole} → ${request.newRole} (Table 5: admins and owners only)`;
  }
  return undefined;
}

export interface AffiliationRequest {
  actorAffiliation: Affiliation;
  actorIsTarget: boolean;
  previous: Affiliation;
  next: Affiliation;
  /** Owners of the room other than the target. */
  otherOwners: number;
}

/** Why an affiliation change is beyond the actor's privileges (Tables 6 and 7), or undefined. */
export function affiliationChangeRefusal(request: AffiliationRequest): string | undefined {
  const { actorAffiliation, previous, next } = request;
  if (actorAffiliation === 'owner') {
    // §10.4 and §10.5: a room keeps at least one owner.
    const stepsDown = AFFILIATION_ORDER[next] < AFFILIATION_ORDER[previous];
    if (request.actorIsTarget && stepsDown && request.otherOwners === 0) {
      return `the last owner changed their own affiliation to ${next} (§10.4: conflict)`;
    }
    return undefined;
  }
  if (actorAffiliation === 'admin') {
    const low = (affiliation: Affiliation) =>
      affiliation === 'none' || affiliation === 'member' || affiliation === 'outcast';
    if (low(previous) && low(next)) return undefined;
    return `an admin changed ${previous} → ${next} (Table 7: admins edit members and outcasts only)`;
  }
  return `a${actorAffiliation === 'outcast' ? 'n' : ''} ${actorAffiliation} changed an affiliation ${previous} → ${next} (Table 6)`;
}
