// Every role change the trace reports — entering, leaving, kicks, voice, affiliation consequences — judged by the stanza that caused it — XEP-0045 §5.1 (Tables 2–5), §7.2, §8
import type { DomainEvent } from '../../muc/effects.js';
import { reappliedAffiliation } from './affiliation-changes.js';
import { type Oracle, roomOf, type Violation, violation } from './context.js';
import type { StepInput } from './inputs.js';
import { prepNick } from './nicks.js';
import {
  AFFILIATION_RANK,
  defaultRole,
  isKickingError,
  ROLE_RANK,
  roleChangeRefusal,
} from './prosody-rules.js';
import {
  addOccupant,
  affiliationIn,
  bareOf,
  type ModelOccupant,
  type ModelRoom,
  occupantOfSession,
  removeOccupant,
  roleOfSession,
} from './room-model.js';

type RoleEvent = Extract<DomainEvent, { kind: 'role' }>;

/** Prosody unlocks a room five minutes after it was locked (lock.lib.lua). */
export const LOCK_TIMEOUT_MS = 5 * 60 * 1000;

export function isLocked(room: ModelRoom, time: number): boolean {
  return room.lifecycle === 'locked' && time - room.lockedAt < LOCK_TIMEOUT_MS;
}

/** §7.2: who may enter, and with which role (Table 4), by the model's values. */
function admissionRefusal(
  oracle: Oracle,
  room: ModelRoom,
  event: RoleEvent,
  input: StepInput | undefined,
): Violation | undefined {
  const at = `${event.room}/${event.nick}`;
  const request = input?.request;
  if (
    request?.kind !== 'presence' ||
    request.type !== undefined ||
    input?.room !== event.room ||
    bareOf(input.sender) !== event.jid
  ) {
    return violation(
      'occupancy',
      `${event.jid} entered as ${at} without sending an available presence there`,
    );
  }
  if (room.occupants.has(event.nick)) {
    return violation(
      'occupancy',
      `${event.jid} was admitted as ${at}, a nick another occupant holds`,
    );
  }
  // A session moving from another occupant of the room (a nick change, a session swap) keeps
  // that occupant's role, and passes none of the entry checks again (Prosody's
  // handle_normal_presence fires muc-occupant-pre-join for new occupants only).
  const moving =
    occupantOfSession(room, input.sender)?.role ??
    oracle.step.left.get(room.jid)?.get(input.sender)?.role;
  if (moving !== undefined) {
    return event.to === moving
      ? undefined
      : violation(
          'roles',
          `${at} (${event.jid}) moved there from its ${moving} occupant as ${event.to}`,
        );
  }
  return entryRefusal(oracle, room, event, request);
}

/** §7.2: who may enter, and with which role (Table 4), by the model's values. */
function entryRefusal(
  oracle: Oracle,
  room: ModelRoom,
  event: RoleEvent,
  request: Extract<StepInput['request'], { kind: 'presence' }>,
): Violation | undefined {
  const at = `${event.room}/${event.nick}`;
  const affiliation = affiliationIn(room, event.jid);
  if (affiliation === 'outcast')
    return violation('occupancy', `the outcast ${event.jid} entered ${event.room} (§7.2.7)`);
  if (room.config.membersOnly && AFFILIATION_RANK[affiliation] < AFFILIATION_RANK.member) {
    return violation(
      'occupancy',
      `the members-only room ${event.room} admitted ${event.jid} (${affiliation}) (§7.2.6)`,
    );
  }
  if (isLocked(room, oracle.step.time) && !oracle.step.created.has(event.room)) {
    return violation(
      'occupancy',
      `the locked room ${event.room} admitted ${event.jid} (§7.2.10: nobody enters until it is configured)`,
    );
  }
  const password = room.config.password;
  if (password && request.hasMucX && request.password !== password) {
    return violation(
      'occupancy',
      `${event.jid} entered the password-protected ${event.room} without its password (§7.2.5)`,
    );
  }
  const expected = defaultRole(affiliation, room.config);
  if (expected !== undefined && event.to !== expected) {
    return violation(
      'roles',
      `${event.jid} (${affiliation}) entered as ${at} with role ${event.to}; Table 4 says ${expected}`,
    );
  }
  return undefined;
}

/** The role an admin item of the input sets for the occupant, when it asks for one. */
function requestedRole(input: StepInput | undefined, nick: string): string | undefined {
  if (input?.request.kind !== 'admin-set') return undefined;
  const item = input.request.item;
  if (!item || item.affiliation !== undefined || item.rawAffiliation !== undefined)
    return undefined;
  return prepNick(item.nick) === nick ? item.role : undefined;
}

function rightsRefusal(
  room: ModelRoom,
  occupant: ModelOccupant,
  event: RoleEvent,
  actor: string,
): Violation | undefined {
  const why = roleChangeRefusal({
    actorAffiliation: affiliationIn(room, actor),
    actorRole: roleOfSession(room, actor),
    targetAffiliation: affiliationIn(room, occupant.bare),
    targetRole: event.from,
    newRole: event.to,
  });
  return why
    ? violation(
        'privileges',
        `${actor} changed ${event.room}/${event.nick} (${occupant.bare}) from ${event.from} to ${event.to}: ${why}`,
      )
    : undefined;
}

/** §8.6 (Prosody's request.lib): a moderator's approval grants voice to the visitor its form names. */
function isVoiceApproval(
  occupant: ModelOccupant,
  event: RoleEvent,
  input: StepInput | undefined,
): boolean {
  if (input?.request.kind !== 'voice-form' || input.room !== event.room) return false;
  const fields = input.request.fields;
  const allow = fields.get('muc#request_allow')?.[0];
  const named = fields.get('muc#jid')?.[0];
  return (
    (allow === '1' || allow === 'true') &&
    named !== undefined &&
    occupant.sessions.has(named) &&
    event.from === 'visitor' &&
    event.to === 'participant'
  );
}

function expectedRole(oracle: Oracle, event: RoleEvent): string | undefined {
  return oracle.step.expectedRoles.get(event.room)?.get(event.nick);
}

/** Why the occupant may not have left: nobody it may obey asked for it. */
function removalRefusal(
  oracle: Oracle,
  room: ModelRoom,
  occupant: ModelOccupant,
  event: RoleEvent,
  input: StepInput | undefined,
): Violation | undefined {
  const request = input?.request;
  const at = `${event.room}/${event.nick} (${occupant.bare})`;
  const fromOccupant =
    input !== undefined && input.room === event.room && occupant.sessions.has(input.sender);
  if (fromOccupant && (request?.kind === 'presence' || isKickingError(input.stanza))) {
    // Leaving, the session moving to another nick, or a kick for sending an error (Prosody's
    // handle_kickable, 333).
    const others = [...occupant.sessions].filter((session) => session !== input.sender);
    return others.length === 0
      ? undefined
      : violation('occupancy', `${at} left the room while its sessions ${others.join(', ')} stay`);
  }
  if (requestedRole(input, event.nick) === 'none' && input)
    return rightsRefusal(room, occupant, event, input.sender);
  const expected = expectedRole(oracle, event);
  if (expected === 'none' || expected === 'unknown') return undefined;
  if (
    request?.kind === 'admin-set' &&
    input &&
    request.item?.rawAffiliation !== undefined &&
    request.item.jid !== undefined &&
    request.item.rawRole === undefined
  ) {
    // Prosody's handle_admin_query_set_command: reserving a nick removes whoever else holds it
    // ("This nickname is reserved"), before set_affiliation looks at the actor's rights or even
    // at the affiliation asked for. Anyone may do it: a Prosody 13 flaw mucsim keeps.
    if (prepNick(request.item.nick) === event.nick && request.item.jid !== occupant.bare)
      return undefined;
  }
  const submission = input ? oracle.step.submissions.get(input.seq) : undefined;
  if (submission?.room === event.room && submission.next.membersOnly === true) {
    // §9.4 (members_only.lib): switching to members-only removes the unaffiliated (322).
    if (!submission.byOwner)
      return violation(
        'privileges',
        `${at} was removed by the members-only form of ${submission.sender}, who is not an owner`,
      );
    if (AFFILIATION_RANK[affiliationIn(room, occupant.bare)] <= AFFILIATION_RANK.none)
      return undefined;
  }
  if ((request?.kind === 'destroy' || request?.kind === 'service-destroy') && input) {
    oracle.step.destroying.add(event.room);
    return undefined;
  }
  return violation(
    'roles',
    `${at} was removed (codes [${event.codes.join(' ')}]) and nothing in ${input ? `the ${input.stanza.name} from ${input.sender}` : 'the step'} allows it`,
  );
}

function changeRefusal(
  oracle: Oracle,
  room: ModelRoom,
  occupant: ModelOccupant,
  event: RoleEvent,
  input: StepInput | undefined,
): Violation | undefined {
  if (requestedRole(input, event.nick) === event.to && input)
    return rightsRefusal(room, occupant, event, input.sender);
  if (isVoiceApproval(occupant, event, input) && input)
    return rightsRefusal(room, occupant, event, input.sender);
  const expected = expectedRole(oracle, event);
  if (expected === event.to || expected === 'unknown') return undefined;
  const reapplied = reappliedAffiliation(room, occupant.bare, input);
  const upgrade = ROLE_RANK[event.to] > ROLE_RANK[event.from];
  const reappliedRole = reapplied && defaultRole(reapplied.affiliation, room.config);
  if (reapplied && upgrade && (reappliedRole === undefined || reappliedRole === event.to)) {
    return reapplied.refusal
      ? violation(
          'privileges',
          `${input?.sender} set ${occupant.bare}'s affiliation (${reapplied.affiliation}) again, moving ${event.room}/${event.nick} to ${event.to}: ${reapplied.refusal}`,
        )
      : undefined;
  }
  return violation(
    'roles',
    `${event.room}/${event.nick} (${occupant.bare}) went ${event.from} → ${event.to}, and nothing in ${input ? `the ${input.stanza.name} from ${input.sender}` : 'the step'} asks for it`,
  );
}

export function onRoleEvent(
  oracle: Oracle,
  event: RoleEvent,
  input: StepInput | undefined,
): Violation | undefined {
  oracle.checks += 1;
  const room = roomOf(oracle, event.room);
  if (!room)
    return violation(
      'occupancy',
      `${event.jid} went ${event.from} → ${event.to} in ${event.room}, which does not exist`,
    );
  if (event.from === 'none') {
    const refused = admissionRefusal(oracle, room, event, input);
    if (refused) return refused;
    const session = input!.sender;
    const previous = room.nickBySession.get(session);
    if (previous !== undefined) room.occupants.get(previous)?.sessions.delete(session);
    addOccupant(room, {
      nick: event.nick,
      bare: event.jid,
      role: event.to,
      sessions: new Set([session]),
    });
    return undefined;
  }
  const occupant = room.occupants.get(event.nick);
  if (!occupant || occupant.bare !== event.jid || occupant.role !== event.from) {
    const known = occupant ? `${occupant.bare} as ${occupant.role}` : 'nobody';
    return violation(
      'roles',
      `${event.room}/${event.nick} went ${event.from} → ${event.to} as ${event.jid}, but the oracle has ${known} there`,
    );
  }
  if (event.to === 'none') {
    const refused = removalRefusal(oracle, room, occupant, event, input);
    if (refused) return refused;
    oracle.step.noteLeft(room.jid, occupant.nick, occupant.bare, occupant.role, occupant.sessions);
    removeOccupant(room, occupant.nick);
    return undefined;
  }
  const refused = changeRefusal(oracle, room, occupant, event, input);
  if (refused) return refused;
  occupant.role = event.to;
  return undefined;
}

type NickEvent = Extract<DomainEvent, { kind: 'nick' }>;

/** §7.6: an occupant takes a free nick by sending presence to it. */
export function onNickEvent(
  oracle: Oracle,
  event: NickEvent,
  input: StepInput | undefined,
): Violation | undefined {
  oracle.checks += 1;
  const room = roomOf(oracle, event.room);
  const occupant = room?.occupants.get(event.from);
  if (!room || !occupant || occupant.bare !== event.jid) {
    return violation(
      'occupancy',
      `${event.jid} changed nick from ${event.from} in ${event.room}, where the oracle has ${occupant?.bare ?? 'nobody'} as ${event.from}`,
    );
  }
  if (room.occupants.has(event.to)) {
    return violation(
      'occupancy',
      `${event.jid} took the nick ${event.to} in ${event.room} while another occupant holds it`,
    );
  }
  if (
    input?.request.kind !== 'presence' ||
    input.room !== event.room ||
    !occupant.sessions.has(input.sender)
  ) {
    return violation(
      'occupancy',
      `${event.room}/${event.from} became ${event.to} without a presence from its own session`,
    );
  }
  removeOccupant(room, event.from);
  occupant.nick = event.to;
  addOccupant(room, occupant);
  return undefined;
}

/** At the end of a step: every occupant an affiliation change moved has the role it leads to. */
export function unmetExpectations(oracle: Oracle): Violation | undefined {
  for (const [jid, byNick] of oracle.step.expectedRoles) {
    const room = oracle.rooms.get(jid);
    for (const [nick, role] of byNick) {
      const occupant = room?.occupants.get(nick);
      const now = occupant?.role ?? 'none';
      if (role !== 'unknown' && now !== role && !(role === 'none' && !occupant)) {
        return violation(
          'roles',
          `${jid}/${nick} should be ${role} after its affiliation changed, but is ${now}`,
        );
      }
    }
  }
  return undefined;
}
