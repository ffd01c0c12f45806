// Every affiliation change the trace reports, judged by the stanza that caused it: who asked, and whether Prosody's rules let them — XEP-0045 §5.2 (Tables 6–7), §9, §10, §7.10, §7.8.2
import type { DomainEvent } from '../../muc/effects.js';
import type { Affiliation } from '../../muc/model/affiliation.js';
import { domainOf } from '../../xmpp/jid.js';
import { type Oracle, roomOf, type Violation, violation } from './context.js';
import type { StepInput } from './inputs.js';
import { prepNick } from './nicks.js';
import {
  AFFILIATION_RANK,
  affiliationChangeRefusal,
  defaultRole,
  ROLE_RANK,
} from './prosody-rules.js';
import {
  affiliationIn,
  bareOf,
  type ModelRoom,
  ownerRecords,
  roleOfSession,
} from './room-model.js';

type AffiliationEvent = Extract<DomainEvent, { kind: 'affiliation' }>;

/** The bare JID an admin item names: its `jid`, or the occupant holding its `nick`. */
export function itemTarget(room: ModelRoom, input: StepInput): string | undefined {
  if (input.request.kind !== 'admin-set' && input.request.kind !== 'admin-get') return undefined;
  const item = input.request.item;
  if (!item) return undefined;
  if (item.jid !== undefined) return item.jid;
  const nick = prepNick(item.nick);
  return nick === undefined ? undefined : room.occupants.get(nick)?.bare;
}

/** Why the affiliation change is not one a client asked for and was allowed to ask for. */
function refusal(
  oracle: Oracle,
  room: ModelRoom,
  event: AffiliationEvent,
  previous: Affiliation,
  input: StepInput | undefined,
): Violation | undefined {
  const at = `in ${event.room}, ${event.jid} went ${previous} → ${event.to}`;
  const request = input?.request;
  const senderBare = input ? bareOf(input.sender) : undefined;
  // §10.1.1: the creator of a new room becomes its owner.
  if (
    request?.kind === 'presence' &&
    oracle.step.created.has(event.room) &&
    senderBare === event.jid &&
    event.to === 'owner' &&
    previous === 'none'
  ) {
    return undefined;
  }
  if (request?.kind === 'admin-set' && input && request.item?.role === undefined) {
    if (itemTarget(room, input) === event.jid && request.item?.affiliation === event.to) {
      // The actor is whoever sent the stanza, whatever the service says about it.
      const why = affiliationChangeRefusal({
        actorAffiliation: affiliationIn(room, input.sender),
        actorIsTarget: senderBare === event.jid,
        previous,
        next: event.to,
        otherOwners: ownerRecords(room, event.jid),
      });
      return why
        ? violation('privileges', `${at} at the request of ${input.sender}: ${why}`)
        : undefined;
    }
  }
  if (request?.kind === 'register' && senderBare === event.jid) {
    // §7.10 (Prosody's register.lib): registering makes an unaffiliated user a member; removing
    // the registration takes back a membership and nothing else.
    const added =
      previous === 'none' && affiliationIn(room, event.jid) === 'none' && event.to === 'member';
    if (request.remove ? previous === 'member' && event.to === 'none' : added) {
      return undefined;
    }
    return violation(
      'affiliations',
      `${at} by registering, which only adds or removes a membership`,
    );
  }
  if (request?.kind === 'invite' && input?.room === event.room && request.to !== undefined) {
    return inviteRefusal(room, event, input, bareOf(request.to), at);
  }
  return violation(
    'affiliations',
    `${at}, and nothing in ${input ? `the ${input.stanza.name} from ${input.sender}` : 'the step'} asks for it`,
  );
}

/**
 * §7.8.2 as Prosody's members_only.lib does it: an invitation into a members-only room makes
 * an invitee without affiliation (or banned) a member, if the inviter may invite: an admin, or
 * a member when members may invite, and not a visitor.
 */
function inviteRefusal(
  room: ModelRoom,
  event: AffiliationEvent,
  input: StepInput,
  invitee: string,
  at: string,
): Violation | undefined {
  if (invitee !== event.jid || event.to !== 'member' || room.config.membersOnly === false) {
    return violation(
      'affiliations',
      `${at}: an invitation only makes the invitee a member of a members-only room`,
    );
  }
  if (AFFILIATION_RANK[affiliationIn(room, event.jid)] > AFFILIATION_RANK.none) {
    return violation(
      'affiliations',
      `${at}: an invitation does not change an existing affiliation`,
    );
  }
  const inviter = affiliationIn(room, input.sender);
  const required = room.config.allowMemberInvites === false ? 'admin' : 'member';
  const role = room.nickBySession.has(input.sender)
    ? roleOfSession(room, input.sender)
    : defaultRole(inviter, room.config);
  if (
    AFFILIATION_RANK[inviter] < AFFILIATION_RANK[required] ||
    (role !== undefined && ROLE_RANK[role] <= ROLE_RANK.visitor)
  ) {
    return violation(
      'privileges',
      `${at} on the invitation of ${input.sender} (${inviter}, ${role ?? 'role unknown'}), who may not invite into this members-only room`,
    );
  }
  return undefined;
}

/**
 * Prosody's set_affiliation for the occupants holding the JID (a domain counts only for a ban):
 * each moves to the role the new affiliation enters with when that is higher, or when the
 * affiliation went down. The roles the room must reach are noted for the step.
 */
function expectRoles(
  oracle: Oracle,
  room: ModelRoom,
  event: AffiliationEvent,
  previous: Affiliation,
): void {
  const isHost = !event.jid.includes('@');
  const role = defaultRole(event.to, room.config);
  const isDowngrade = AFFILIATION_RANK[previous] > AFFILIATION_RANK[event.to];
  for (const occupant of room.occupants.values()) {
    const holds = isHost
      ? event.to === 'outcast' && domainOf(occupant.bare) === event.jid
      : occupant.bare === event.jid;
    if (!holds) continue;
    if (role === undefined) {
      oracle.step.expectRole(room.jid, occupant.nick, 'unknown');
      continue;
    }
    if (occupant.role !== role && (isDowngrade || ROLE_RANK[occupant.role] < ROLE_RANK[role])) {
      oracle.step.expectRole(room.jid, occupant.nick, role);
    }
  }
}

export function onAffiliationEvent(
  oracle: Oracle,
  event: AffiliationEvent,
  input: StepInput | undefined,
): Violation | undefined {
  oracle.checks += 1;
  const room = roomOf(oracle, event.room);
  if (!room) {
    return violation(
      'affiliations',
      `${event.jid} became ${event.to} in ${event.room}, which does not exist`,
    );
  }
  const previous = room.affiliations.get(event.jid) ?? 'none';
  if (event.from !== previous) {
    return violation(
      'affiliations',
      `in ${event.room}, the room changed ${event.jid} from ${event.from}, but the changes it made before leave ${previous}`,
    );
  }
  const refused = refusal(oracle, room, event, previous, input);
  if (refused) return refused;
  if (event.to === 'none') room.affiliations.delete(event.jid);
  else room.affiliations.set(event.jid, event.to);
  expectRoles(oracle, room, event, previous);
  return undefined;
}

/**
 * The affiliation an input sets for `bare` again, unchanged, so no affiliation event shows it:
 * Prosody's set_affiliation still runs, and still moves the holder up to the role it enters
 * with. Registering keeps an existing affiliation, removing a registration keeps any but a
 * membership, and an admin item may name the affiliation the JID already has. `refusal` is
 * set when the actor had no right to ask.
 */
export function reappliedAffiliation(
  room: ModelRoom,
  bare: string,
  input: StepInput | undefined,
): { affiliation: Affiliation; refusal?: string } | undefined {
  const request = input?.request;
  if (!input || !request) return undefined;
  const record = room.affiliations.get(bare) ?? 'none';
  if (request.kind === 'register' && bareOf(input.sender) === bare) {
    if (affiliationIn(room, bare) === 'outcast') return undefined;
    if (request.remove) return record === 'member' ? undefined : { affiliation: record };
    return record === 'none' ? undefined : { affiliation: record };
  }
  if (request.kind !== 'admin-set' || request.item?.role !== undefined) return undefined;
  if (itemTarget(room, input) !== bare || request.item?.affiliation !== record) return undefined;
  const refusal = affiliationChangeRefusal({
    actorAffiliation: affiliationIn(room, input.sender),
    actorIsTarget: bareOf(input.sender) === bare,
    previous: record,
    next: record,
    otherOwners: ownerRecords(room, bare),
  });
  return refusal ? { affiliation: record, refusal } : { affiliation: record };
}
