// A room's life as the trace reports it — created by a join, unlocked by its owner's form, destroyed by an owner, an admin or its emptiness — XEP-0045 §10.1, §10.9
import type { DomainEvent } from '../../muc/effects.js';
import { type Oracle, type Violation, violation } from './context.js';
import type { StepInput } from './inputs.js';
import { isLocked } from './role-changes.js';
import { affiliationIn, bareOf, type ModelRoom, newRoomModel } from './room-model.js';

type RoomEvent = Extract<DomainEvent, { kind: 'room' }>;

function created(
  oracle: Oracle,
  event: RoomEvent,
  input: StepInput | undefined,
): Violation | undefined {
  if (oracle.rooms.has(event.room)) {
    return violation('occupancy', `${event.room} was created while it exists`);
  }
  const request = input?.request;
  if (request?.kind !== 'presence' || request.type !== undefined || input?.room !== event.room) {
    return violation('occupancy', `${event.room} came into being without a join (§10.1.1)`);
  }
  const room = newRoomModel(event.room, oracle.step.time, request.password);
  room.lifecycle = event.to === 'open' ? 'open' : 'locked';
  oracle.rooms.set(event.room, room);
  oracle.step.created.add(event.room);
  return undefined;
}

/** §10.9 and Prosody's mod_muc: who may make a room go away in this step. */
function destructionRefusal(
  oracle: Oracle,
  room: ModelRoom,
  input: StepInput | undefined,
): string | undefined {
  const request = input?.request;
  if (request?.kind === 'destroy' && input?.room === room.jid) {
    const affiliation = affiliationIn(room, input.sender);
    return affiliation === 'owner'
      ? undefined
      : `${input.sender} (${affiliation}) destroyed it (§10.9: owners only)`;
  }
  if (request?.kind === 'service-destroy' && input?.toService) {
    return oracle.admins.has(bareOf(input.sender)) && request.rooms.includes(room.jid)
      ? undefined
      : `the service's destroy command from ${input.sender} removed it`;
  }
  // A temporary room goes away with its last occupant, and a room whose creation was refused
  // never stays (Prosody's muc-occupant-left and the failed first join).
  // An owner's form of this step may make it temporary before it is answered.
  const pending = input ? oracle.step.submissions.get(input.seq) : undefined;
  const persistent = pending?.byOwner ? pending.next.persistent : room.config.persistent;
  if (persistent === true) return 'it was persistent, and no owner asked for it';
  if (room.occupants.size === 0 || isSoleOccupantMoving(room, input)) return undefined;
  return `it went away with ${room.occupants.size} occupant(s) and no owner asking for it`;
}

/**
 * Prosody 13 quirk, kept: while the only occupant of a temporary room changes nick, the room
 * is momentarily empty and muc-occupant-left forgets it (mod_muc.lua), the occupant with it.
 */
function isSoleOccupantMoving(room: ModelRoom, input: StepInput | undefined): boolean {
  if (input?.request.kind !== 'presence' || input.request.type !== undefined) return false;
  const occupant = room.occupants.values().next().value;
  return (
    room.occupants.size === 1 &&
    occupant !== undefined &&
    occupant.sessions.has(input.sender) &&
    input.room === room.jid
  );
}

export function onRoomEvent(
  oracle: Oracle,
  event: RoomEvent,
  input: StepInput | undefined,
): Violation | undefined {
  oracle.checks += 1;
  if (event.from === 'absent') return created(oracle, event, input);
  const room = oracle.rooms.get(event.room);
  if (!room)
    return violation(
      'occupancy',
      `${event.room} went ${event.from} → ${event.to}, but it does not exist`,
    );
  if (event.to === 'destroyed') {
    const refused = destructionRefusal(oracle, room, input);
    if (refused) return violation('privileges', `${event.room} was destroyed: ${refused}`);
    if (room.occupants.size > 0 && !isSoleOccupantMoving(room, input)) {
      return violation(
        'occupancy',
        `${event.room} was destroyed with ${room.occupants.size} occupant(s) still in it`,
      );
    }
    oracle.step.destroying.delete(event.room);
    oracle.rooms.delete(event.room);
    oracle.step.destroyed.set(event.room, room);
    return undefined;
  }
  if (event.to === 'open' && room.lifecycle === 'locked') {
    const submission = input ? oracle.step.submissions.get(input.seq) : undefined;
    const unlockedByOwner = submission?.room === event.room && submission.byOwner;
    if (!unlockedByOwner && isLocked(room, oracle.step.time)) {
      return violation(
        'privileges',
        `${event.room} was unlocked without its owner's configuration (§10.1.2)`,
      );
    }
    room.lifecycle = 'open';
    return undefined;
  }
  return violation(
    'occupancy',
    `${event.room} went ${event.from} → ${event.to}, which no room does`,
  );
}
