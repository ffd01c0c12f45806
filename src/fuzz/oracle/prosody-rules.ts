// The oracle's own statement of who may do what: XEP-0045 §5 (Tables 4–7) as Prosody 13's muc.lib.lua decides it, written apart from src/muc on purpose
// An oracle that shares the code it checks finds nothing: these rules come from the XEP's tables
// and from reading Prosody (get_affiliation, get_default_role, may_set_role, set_affiliation,
// handle_admin_query_get_command, muc-pre-invite), never from src/muc.
import type { Element } from 'ltx';
import type { Affiliation } from '../../muc/model/affiliation.js';
import type { Role } from '../../muc/model/role.js';
import { firstElement } from '../../xmpp/xml.js';

/** Prosody's valid_affiliations. */
export const AFFILIATION_RANK: Readonly<Record<Affiliation, number>> = {
  outcast: 0,
  none: 1,
  member: 2,
  admin: 3,
  owner: 4,
};

/** Prosody's valid_roles. */
export const ROLE_RANK: Readonly<Record<Role, number>> = {
  none: 0,
  visitor: 1,
  participant: 2,
  moderator: 3,
};

export function isAffiliationName(value: string | undefined): value is Affiliation {
  return value !== undefined && Object.hasOwn(AFFILIATION_RANK, value);
}

export function isRoleName(value: string | undefined): value is Role {
  return value !== undefined && Object.hasOwn(ROLE_RANK, value);
}

/**
 * Prosody's get_affiliation: the bare JID's own record; failing that, a record for its whole
 * domain counts only when it is a ban ("host banned"). A host-level member, admin or owner
 * record gives nobody anything.
 */
export function effectiveAffiliation(
  records: ReadonlyMap<string, Affiliation>,
  bare: string,
): Affiliation {
  const own = records.get(bare);
  if (own !== undefined) return own;
  const at = bare.indexOf('@');
  const host = at === -1 ? bare : bare.slice(at + 1);
  return records.get(host) === 'outcast' ? 'outcast' : 'none';
}

export interface RoomRules {
  membersOnly: boolean | undefined;
  moderated: boolean | undefined;
}

/**
 * Table 4 through Prosody's muc-get-default-role chain: admins and owners moderate; without an
 * affiliation, members-only keeps you out and a moderated room makes you a visitor; outcasts
 * get no role. `undefined` when the room's configuration is not known well enough to say.
 */
export function defaultRole(affiliation: Affiliation, room: RoomRules): Role | undefined {
  if (AFFILIATION_RANK[affiliation] >= AFFILIATION_RANK.admin) return 'moderator';
  if (affiliation === 'member') return 'participant';
  if (affiliation === 'outcast') return 'none';
  if (room.membersOnly === undefined) return undefined;
  if (room.membersOnly) return 'none';
  if (room.moderated === undefined) return undefined;
  return room.moderated ? 'visitor' : 'participant';
}

export interface RoleChange {
  actorAffiliation: Affiliation;
  /** The actor's role in the room (none when not an occupant). */
  actorRole: Role;
  targetAffiliation: Affiliation;
  targetRole: Role;
  newRole: Role;
}

/**
 * Prosody's may_set_role: nobody acts on a higher affiliation (Table 5); only owners and admins
 * grant or revoke moderator; the actor must be a moderator in the room (Table 3). Returns why
 * the change is beyond the actor, or undefined when it is within its rights.
 */
export function roleChangeRefusal(change: RoleChange): string | undefined {
  const { actorAffiliation, targetAffiliation } = change;
  if (AFFILIATION_RANK[actorAffiliation] < AFFILIATION_RANK[targetAffiliation]) {
    return `the actor (${actorAffiliation}) is below the target (${targetAffiliation}) (Table 5)`;
  }
  const touchesModerator = change.targetRole === 'moderator' || change.newRole === 'moderator';
  if (touchesModerator && actorAffiliation !== 'owner' && actorAffiliation !== 'admin') {
    return `a ${actorAffiliation} granted or revoked moderator (Table 5: owners and admins only)`;
  }
  if (change.actorRole !== 'moderator') {
    return `the actor is ${change.actorRole === 'none' ? 'not in the room' : `a ${change.actorRole}`} (Table 3: moderators only)`;
  }
  return undefined;
}

export interface AffiliationChange {
  actorAffiliation: Affiliation;
  actorIsTarget: boolean;
  /** The target's own record before the change (not its domain's). */
  previous: Affiliation;
  next: Affiliation;
  /** Owner records other than the target's. */
  otherOwners: number;
}

/**
 * Prosody's set_affiliation (Tables 6 and 7): owners may do anything except leave the room
 * without an owner; admins move JIDs between none, member and outcast only; nobody else
 * changes affiliations.
 */
export function affiliationChangeRefusal(change: AffiliationChange): string | undefined {
  const { actorAffiliation, previous, next } = change;
  if (actorAffiliation === 'owner') {
    const isDowngrade = AFFILIATION_RANK[previous] > AFFILIATION_RANK[next];
    if (change.actorIsTarget && isDowngrade && change.otherOwners === 0) {
      return 'the last owner gave up ownership (§10.6: conflict)';
    }
    return undefined;
  }
  const high = (affiliation: Affiliation) => affiliation === 'owner' || affiliation === 'admin';
  if (actorAffiliation === 'admin' && !high(previous) && !high(next)) return undefined;
  if (actorAffiliation === 'admin') {
    return `an admin changed ${previous} → ${next} (Table 7: admins edit members and outcasts only)`;
  }
  return `a${actorAffiliation === 'outcast' ? 'n' : ''} ${actorAffiliation} changed an affiliation (Tables 6–7: owners and admins only)`;
}

/**
 * Prosody's handle_admin_query_get_command: an affiliation list goes to admins and owners (for
 * affiliations up to their own), or to members of a members-only, non-anonymous room.
 */
export function mayGetAffiliationList(
  requester: Affiliation,
  listed: Affiliation,
  room: { membersOnly: boolean | undefined; whois: string | undefined },
): boolean | undefined {
  const rank = AFFILIATION_RANK[requester];
  if (rank >= AFFILIATION_RANK.admin && rank >= AFFILIATION_RANK[listed]) return true;
  if (room.membersOnly === undefined || room.whois === undefined) return undefined;
  return room.membersOnly && room.whois === 'anyone' && rank >= AFFILIATION_RANK.member;
}

/** A role list goes to moderators (the requester's role, or the role it would enter with). */
export function mayGetRoleList(requesterRole: Role | undefined): boolean | undefined {
  return requesterRole === undefined ? undefined : requesterRole === 'moderator';
}

/**
 * §7.8.2 as Prosody masks it (whois.lib.lua): in a semi-anonymous room an invitee who would
 * not enter as a moderator sees the inviter's occupant JID, not its real JID, when the inviter
 * is in the room.
 */
export function inviterMayBeShown(
  room: { whois: string | undefined },
  inviteeRole: Role | undefined,
  inviterInRoom: boolean,
): boolean {
  if (room.whois === 'anyone' || !inviterInRoom) return true;
  if (inviteeRole === undefined || room.whois === undefined) return true;
  return inviteeRole === 'moderator';
}

/** Prosody's kickable_error_conditions (muc/util.lib.lua): errors that make an occupant leave. */
const KICKABLE = new Set([
  'gone',
  'internal-server-error',
  'item-not-found',
  'jid-malformed',
  'recipient-unavailable',
  'redirect',
  'remote-server-not-found',
  'remote-server-timeout',
  'service-unavailable',
]);

/**
 * Whether an error an occupant sends gets it kicked (333): any presence error; a message error
 * when kickable. An error with no child element at all never reaches the room: Prosody's stanza
 * router discards it.
 */
export function isKickingError(stanza: Element): boolean {
  if (stanza.attrs.type !== 'error' || stanza.getChildElements().length === 0) return false;
  if (stanza.name === 'presence') return true;
  if (stanza.name !== 'message') return false;
  const condition = stanza
    .getChild('error')
    ?.getChildElements()
    .find(
      (child) =>
        child.attrs.xmlns === 'urn:ietf:params:xml:ns:xmpp-stanzas' && child.name !== 'text',
    );
  return condition === undefined || KICKABLE.has(condition.name);
}

function firstValue(form: Element | undefined, name: string): string | undefined {
  const field = form?.getChildren('field').find((candidate) => candidate.attrs.var === name);
  return field?.getChild('value')?.getText();
}

/** The form's field named `name`, if it has one. */
function fieldOf(form: Element, name: string): Element | undefined {
  return form.getChildren('field').find((field) => field.attrs.var === name);
}

/**
 * Requests Prosody 13 may leave unanswered, its handler stopping on a Lua error part-way: a
 * configuration form with a whois other than moderators or anyone (whois.lib.lua's assert) or a
 * presence broadcast field without values (presence_broadcast.lib.lua's ipairs over the nil
 * dataforms.lua reads it as), a registration form without a nickname (register.lib.lua's
 * resourceprep of nil).
 */
export function mayGoUnanswered(stanza: Element): boolean {
  if (stanza.name !== 'iq' || stanza.attrs.type !== 'set') return false;
  const query = firstElement(stanza);
  const form = query?.getChild('x', 'jabber:x:data');
  if (form?.attrs.type !== 'submit') return false;
  if (query?.attrs.xmlns === 'http://jabber.org/protocol/muc#owner') {
    const whois = fieldOf(form, 'muc#roomconfig_whois');
    const broadcast = fieldOf(form, 'muc#roomconfig_presencebroadcast');
    const badWhois =
      whois !== undefined &&
      !['moderators', 'anyone'].includes(firstValue(form, 'muc#roomconfig_whois') ?? '');
    return badWhois || (broadcast !== undefined && broadcast.getChildren('value').length === 0);
  }
  return query?.attrs.xmlns === 'jabber:iq:register' && !firstValue(form, 'muc#register_roomnick');
}
