// The two changes many flows and features share: set a role, set an affiliation — XEP-0045 §8.2–8.4, §9, §10.3–10.8
import { Element } from 'ltx';
import { bareJid, domainOf, localOf, prepJid } from '../../xmpp/jid.js';
import { NS } from '../../xmpp/namespaces.js';
import type { StanzaErrorSpec } from '../../xmpp/stanza-error.js';
import type { Effects } from '../effects.js';
import { AFFILIATION_RANK, type Affiliation } from '../model/affiliation.js';
import type { Occupant } from '../model/occupant.js';
import { checkAffiliationChange, checkRoleChange } from '../model/privileges.js';
import { isRole, ROLE_RANK, type Role } from '../model/role.js';
import type { Room } from '../room.js';
import { sendOccupantList } from './occupant-list.js';
import { publiciseOccupantStatus, routeToOccupant, statusCodes } from './publicise.js';

/** Who asks for a change: a real full JID, or the room itself (no privilege check, no actor). */
export type Actor = string | 'room';

/**
 * Sets an occupant's role (Prosody's set_role): kick (role none, 307), grant or revoke voice,
 * grant or revoke moderator. "The service MUST … send an unavailable presence … with 307" (§8.2).
 * The change is told to the room even when the role stays what it was. `role` is read as an
 * item gives it: a name Prosody does not know is not-acceptable, once the occupant is found.
 */
export function setRole(
  room: Room,
  out: Effects,
  actor: Actor,
  nick: string,
  role: string,
  reason: string | undefined,
  by: string,
): StanzaErrorSpec | undefined {
  const occupant = room.occupantByNick(nick);
  if (!occupant) return { type: 'modify', condition: 'item-not-found' };
  if (!isRole(role)) return { type: 'modify', condition: 'not-acceptable' };
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
  room.changeRole(out, occupant, role, codes, by);
  publiciseOccupantStatus(
    room,
    out,
    occupant,
    { x: statusCodes(...codes), actor: actor === 'room' ? undefined : actor, reason, prevRole },
    by,
  );
  if (role === 'none') room.fire('muc-occupant-left', { room, out, occupant });
  return undefined;
}

/**
 * The data kept with an affiliation (Prosody's affiliation data): the reserved nick and the
 * reason. `undefined` keeps what there is, `false` or an empty object clears it.
 */
export type AffiliationData = { reservedNick?: string; reason?: string } | false | undefined;

export interface AffiliationDetails {
  /** The reason told with the change (in presences and the absent user's notice). */
  reason?: string;
  data?: AffiliationData;
}

function holdsJid(occupant: Occupant, jid: string): boolean {
  return localOf(jid) === undefined ? domainOf(occupant.bareJid) === jid : occupant.bareJid === jid;
}

function storedData(
  room: Room,
  jid: string,
  affiliation: Affiliation,
  data: AffiliationData,
): { reservedNick?: string; reason?: string } {
  if (affiliation === 'none' || data === false) return {};
  if (data === undefined) {
    const record = room.affiliationRecord(jid);
    return { reservedNick: record?.reservedNick, reason: record?.reason };
  }
  return data;
}

/**
 * Sets a bare JID's affiliation (Prosody's set_affiliation). Occupants holding it are moved to
 * the new default role when it is higher, or when the affiliation went down; with no role left
 * they are removed with 301 (banned) or 321 (affiliation change). If nobody holding it is
 * present, the room tells its occupants (only moderators in a semi-anonymous room) with a
 * message carrying the item (§9.3, §10.3).
 */
export function setAffiliation(
  room: Room,
  out: Effects,
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
  const data = storedData(room, jid, affiliation, details.data);
  const event = {
    room,
    out,
    actor: actorJid,
    jid,
    previous,
    affiliation,
    reason: details.reason,
    reservedNick: data.reservedNick,
  };
  const pre = room.fire('muc-pre-set-affiliation', event);
  if (pre && pre.outcome !== 'handled') return pre.outcome.veto;
  room.storeAffiliation(out, jid, affiliation, { ...data, actor: actorJid }, by);
  const updated = updateRoles(room, out, jid, affiliation, previous, by);
  const role = room.defaultRoleFor(affiliation);
  const x = role === 'none' ? statusCodes(affiliation === 'outcast' ? '301' : '321') : [];
  for (const [occupant, prevRole] of updated) {
    publiciseOccupantStatus(
      room,
      out,
      occupant,
      { x, actor: actorJid, reason: details.reason, prevRole },
      by,
    );
    if (occupant.role === 'none') room.fire('muc-occupant-left', { room, out, occupant });
    else if (gainedOrLostModerator(room, prevRole, occupant.role))
      resendOccupantList(room, out, occupant);
  }
  if (updated.size === 0) announceAbsentChange(room, out, jid, affiliation, x, details.reason, by);
  room.fire('muc-set-affiliation', event);
  return undefined;
}

/**
 * The occupants holding `jid` (by domain, for a domain-wide ban), each with its role before: a
 * role goes up to the affiliation's default, or down to it when the affiliation went down.
 */
function updateRoles(
  room: Room,
  out: Effects,
  jid: string,
  affiliation: Affiliation,
  previous: Affiliation,
  by: string,
): Map<Occupant, Role> {
  const role = room.defaultRoleFor(affiliation);
  const isDowngrade = AFFILIATION_RANK[previous] > AFFILIATION_RANK[affiliation];
  const isBan = localOf(jid) === undefined && affiliation === 'outcast';
  const updated = new Map<Occupant, Role>();
  for (const occupant of [...room.occupants()]) {
    if (occupant.bareJid !== jid && !(isBan && holdsJid(occupant, jid))) continue;
    updated.set(occupant, occupant.role);
    if (occupant.role !== role && (isDowngrade || ROLE_RANK[occupant.role] < ROLE_RANK[role])) {
      room.changeRole(
        out,
        occupant,
        role,
        role === 'none' ? [affiliation === 'outcast' ? '301' : '321'] : [],
        by,
      );
    }
  }
  return updated;
}

function gainedOrLostModerator(room: Room, before: Role, after: Role): boolean {
  return room.config.whois === 'moderators' && (before === 'moderator') !== (after === 'moderator');
}

/** In a semi-anonymous room a new or former moderator sees real JIDs differently: Prosody re-sends the others' presence. */
function resendOccupantList(room: Room, out: Effects, occupant: Occupant): void {
  for (const session of occupant.sessions.keys()) {
    sendOccupantList(room, out, session, (other) => !other || other.bareJid !== occupant.bareJid);
  }
}

/**
 * §9.3/§10.3 for a user who is not in the room: a message from the room carrying the item (the
 * status code and the reason with it), to every occupant, or to the moderators only in a
 * semi-anonymous room (Prosody's announce_msg).
 */
function announceAbsentChange(
  room: Room,
  out: Effects,
  jid: string,
  affiliation: Affiliation,
  codes: Element[],
  reason: string | undefined,
  by: string,
): void {
  const notice = new Element('message', { from: room.jid });
  const x = notice.c('x', { xmlns: NS.mucUser });
  for (const code of codes) x.cnode(code);
  const item = x.c('item', { affiliation, jid });
  if (reason !== undefined) item.c('reason').t(reason);
  const moderatorsOnly = room.config.whois === 'moderators';
  for (const occupant of room.occupants()) {
    if (!moderatorsOnly || occupant.role === 'moderator')
      routeToOccupant(out, occupant, notice, by);
  }
}

/**
 * Takes several occupants out of the room at once (role none, with the status code): all leave
 * before anyone is told, each is told with the code, and the others see them go only when
 * `tellOthers` (otherwise their previous role is not told).
 */
export function removeOccupants(
  room: Room,
  out: Effects,
  occupants: readonly Occupant[],
  code: string,
  tellOthers: boolean,
  by: string,
): void {
  const prevRoles = occupants.map((occupant) => occupant.role);
  for (const occupant of occupants) room.changeRole(out, occupant, 'none', [code], by);
  occupants.forEach((occupant, index) => {
    const prevRole = tellOthers ? prevRoles[index] : undefined;
    publiciseOccupantStatus(room, out, occupant, { x: statusCodes(code), prevRole }, by);
    room.fire('muc-occupant-left', { room, out, occupant });
  });
}
