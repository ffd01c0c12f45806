// The three changes many features share: set a role, set an affiliation, destroy the room — XEP-0045 §8.2–8.4, §9, §10.3–10.9
import { Element } from 'ltx';
import { bareJid, domainOf, localOf, prepJid } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import type { StanzaErrorSpec } from '../xmpp/stanza-error.js';
import { sendOccupantList } from './features/enter.js';
import { AFFILIATION_RANK, type Affiliation } from './model/affiliation.js';
import type { Occupant } from './model/occupant.js';
import { checkAffiliationChange, checkRoleChange } from './model/privileges.js';
import { ROLE_RANK, type Role } from './model/role.js';
import { publiciseOccupantStatus, routeToOccupant } from './presence.js';
import type { Room } from './room.js';

/** Who asks for a change: a real full JID, or the room itself (no privilege check, no actor). */
export type Actor = string | 'room';

/**
 * Sets an occupant's role (Prosody's set_role): kick (role none, 307), grant or revoke voice,
 * grant or revoke moderator. "The service MUST … send an unavailable presence … with 307" (§8.2).
 */
export function setRole(
  room: Room,
  actor: Actor,
  nick: string,
  role: Role,
  reason: string | undefined,
  by: string,
): StanzaErrorSpec | undefined {
  const occupant = room.occupantByNick(nick);
  if (!occupant) return { type: 'modify', condition: 'item-not-found' };
  if (actor !== 'room') {
    const refusal = checkRoleChange({
      actorAffiliation: room.affiliationOf(actor),
      actorRole: room.occupantBySession(actor)?.role ?? 'none',
      targetAffiliation: room.affiliationOf(occupant.bareJid),
      targetRole: occupant.role,
      newRole: role,
    });
    if (refusal) return refusal;
  }
  const prevRole = occupant.role;
  const codes = role === 'none' ? ['307'] : [];
  room.changeRole(occupant, role, codes, by);
  publiciseOccupantStatus(
    room,
    occupant,
    { codes, actor: actor === 'room' ? undefined : actor, reason, prevRole },
    by,
  );
  if (role === 'none') room.bus.fire('muc-occupant-left', { room, occupant });
  return undefined;
}

export interface AffiliationDetails {
  reason?: string;
  /** A nick to reserve; '' clears the reservation (XEP-0045 1.35.4). */
  reservedNick?: string;
}

/**
 * Whose role a change of `jid`'s affiliation updates (Prosody's set_affiliation): the occupants
 * of that bare JID, and for a ban of a whole domain every occupant from it, whatever their own
 * affiliation. A domain's other affiliations apply to nobody.
 */
function isAffectedBy(occupant: Occupant, jid: string, affiliation: Affiliation): boolean {
  if (occupant.bareJid === jid) return true;
  return (
    localOf(jid) === undefined && affiliation === 'outcast' && domainOf(occupant.bareJid) === jid
  );
}

/**
 * Sets a bare JID's affiliation (Prosody's set_affiliation). Occupants holding it are moved to
 * the new default role when it is higher, or when the affiliation went down; those left with
 * no role are removed with 301 (banned) or 321 (affiliation change). If nobody holding it is
 * present, the room tells its moderators with a message carrying the item (§9.3, §10.3).
 */
export function setAffiliation(
  room: Room,
  actor: Actor,
  rawJid: string,
  affiliation: Affiliation,
  details: AffiliationDetails,
  by: string,
): StanzaErrorSpec | undefined {
  const prepared = prepJid(rawJid);
  if (!prepared) return { type: 'modify', condition: 'not-acceptable' };
  const jid = bareJid(prepared);
  const previous: Affiliation = room.affiliationRecord(jid)?.affiliation ?? 'none';
  const actorJid = actor === 'room' ? undefined : actor;
  if (actorJid) {
    const refusal = checkAffiliationChange({
      actorAffiliation: room.affiliationOf(actorJid),
      actorIsTarget: bareJid(actorJid) === jid,
      targetAffiliation: previous,
      newAffiliation: affiliation,
      otherOwners: room.ownerCount() - (previous === 'owner' ? 1 : 0),
    });
    if (refusal) return refusal;
  }
  const event = {
    room,
    actor: actorJid,
    jid,
    previous,
    affiliation,
    reason: details.reason,
    reservedNick: details.reservedNick,
  };
  const pre = room.bus.fire('muc-pre-set-affiliation', event);
  if (pre && pre.outcome !== 'handled') return pre.outcome.veto;

  const holders = [...room.occupants()].filter((occupant) =>
    isAffectedBy(occupant, jid, affiliation),
  );
  const keptNick = affiliation === 'none' ? undefined : room.reservedNickOf(jid);
  const reservedNick =
    details.reservedNick === undefined ? keptNick : details.reservedNick || undefined;
  room.storeAffiliation(
    jid,
    affiliation,
    { reservedNick, reason: details.reason, actor: actorJid },
    by,
  );

  // Table 4's role for the affiliation set, given to each occupant it affects when it is higher
  // or when the record went down (Prosody compares the record, not what each occupant holds).
  const role = room.defaultRoleFor(affiliation);
  const isDowngrade = AFFILIATION_RANK[affiliation] < AFFILIATION_RANK[previous];
  const codes = role === 'none' ? [affiliation === 'outcast' ? '301' : '321'] : [];
  const updated: { occupant: Occupant; prevRole: Role; codes: string[] }[] = [];
  for (const occupant of holders) {
    const prevRole = occupant.role;
    if (prevRole !== role && (isDowngrade || ROLE_RANK[prevRole] < ROLE_RANK[role])) {
      room.changeRole(occupant, role, codes, by);
    }
    updated.push({ occupant, prevRole, codes });
  }
  for (const { occupant, prevRole, codes } of updated) {
    const publicity = {
      codes: occupant.role === 'none' ? codes : [],
      actor: actorJid,
      reason: details.reason,
      prevRole,
    };
    publiciseOccupantStatus(room, occupant, publicity, by);
    if (occupant.role === 'none') room.bus.fire('muc-occupant-left', { room, occupant });
    else if (gainedOrLostModerator(room, prevRole, occupant.role))
      resendOccupantList(room, occupant);
  }
  if (updated.length === 0) announceAbsentChange(room, jid, affiliation, details.reason, by);
  room.bus.fire('muc-set-affiliation', event);
  return undefined;
}

function gainedOrLostModerator(room: Room, before: Role, after: Role): boolean {
  return room.config.whois === 'moderators' && (before === 'moderator') !== (after === 'moderator');
}

/** In a semi-anonymous room a new or former moderator sees real JIDs differently: Prosody re-sends the others' presence. */
function resendOccupantList(room: Room, occupant: Occupant): void {
  for (const session of occupant.sessions.keys()) sendOccupantList(room, session, occupant.role);
}

/**
 * §9.3/§10.3 for a user who is not in the room: a message from the room carrying the item (and
 * the reason; 301 for a ban, 321 where the new affiliation may not enter), to the occupants who
 * may see real JIDs (Prosody's announce_msg).
 */
function announceAbsentChange(
  room: Room,
  jid: string,
  affiliation: Affiliation,
  reason: string | undefined,
  by: string,
): void {
  const notice = new Element('message', { from: room.jid });
  const x = notice.c('x', { xmlns: NS.mucUser });
  if (room.defaultRoleFor(affiliation) === 'none') {
    x.c('status', { code: affiliation === 'outcast' ? '301' : '321' });
  }
  const item = x.c('item', { jid, affiliation });
  if (reason) item.c('reason').t(reason);
  for (const occupant of room.occupants()) {
    if (room.canSeeRealJids(occupant)) routeToOccupant(room, occupant, notice, by);
  }
}

export interface Destruction {
  alternateVenue?: string;
  reason?: string;
  password?: string;
}

/**
 * Destroys the room (§10.9): every occupant gets one unavailable presence carrying
 * `<destroy>` with the reason and alternate venue; Prosody adds the real affiliation and 110.
 */
export function destroyRoom(room: Room, destruction: Destruction, by: string): void {
  const destroy = new Element(
    'destroy',
    destruction.alternateVenue ? { jid: destruction.alternateVenue } : {},
  );
  if (destruction.reason) destroy.c('reason').t(destruction.reason);
  if (destruction.password) destroy.c('password').t(destruction.password);
  const occupants = [...room.occupants()];
  for (const occupant of occupants) room.changeRole(occupant, 'none', [], by);
  for (const occupant of occupants) {
    publiciseOccupantStatus(room, occupant, { lead: [destroy], selfOnly: true }, by);
  }
  room.state.destruction = {
    alternateVenue: destruction.alternateVenue,
    reason: destruction.reason,
  };
  room.advanceLifecycle({ type: 'room.destroyed' }, by);
  room.bus.fire('muc-room-destroyed', {
    room,
    alternateVenue: destruction.alternateVenue,
    reason: destruction.reason,
    password: destruction.password,
  });
}
