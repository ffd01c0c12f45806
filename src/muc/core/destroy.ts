// Destroying a room, by its owner or a service admin, with reason and alternate venue — XEP-0045 §10.9, as Prosody's destroy and clear
import { Element } from 'ltx';
import { iqResult } from '../../xmpp/iq-result.js';
import type { Effects } from '../effects.js';
import type { Room } from '../room.js';
import type { RoomLifecycleEvent } from '../room-machine.js';
import type { CoreIqContext } from './core-iq.js';
import { publiciseOccupantStatus } from './publicise.js';

const BY = 'destroy';

/** "The service MUST remove all occupants … then … inform the owner of successful destruction". */
export function handleDestroyRequest({ room, out, stanza, payload }: CoreIqContext): undefined {
  const request = payload.getChild('destroy')!;
  destroyRoom(
    room,
    out,
    {
      alternateVenue: request.attrs.jid,
      reason: request.getChildText('reason') ?? undefined,
      password: request.getChildText('password') ?? undefined,
    },
    BY,
  );
  out.send(iqResult(stanza), BY);
  return undefined;
}

export interface Destruction {
  alternateVenue?: string;
  reason?: string;
  password?: string;
}

/**
 * Destroys the room (§10.9, Prosody's destroy and clear): every occupant gets one unavailable
 * presence carrying `<destroy>` with the reason and alternate venue; Prosody adds the real
 * affiliation and 110. Nobody else is told: everyone is already out.
 */
export function destroyRoom(room: Room, out: Effects, destruction: Destruction, by: string): void {
  const destroy = new Element(
    'destroy',
    destruction.alternateVenue ? { jid: destruction.alternateVenue } : {},
  );
  if (destruction.reason) destroy.c('reason').t(destruction.reason);
  if (destruction.password) destroy.c('password').t(destruction.password);
  room.state.destruction = {
    alternateVenue: destruction.alternateVenue,
    reason: destruction.reason,
    password: destruction.password,
  };
  const occupants = [...room.occupants()].map((occupant) => [occupant, occupant.role] as const);
  for (const [occupant] of occupants) room.changeRole(out, occupant, 'none', [], by);
  for (const [occupant, prevRole] of occupants) {
    publiciseOccupantStatus(room, out, occupant, { x: [destroy], prevRole }, by);
    room.fire('muc-occupant-left', { room, out, occupant });
  }
  advanceLifecycle(room, out, { type: 'room.destroyed' }, by);
}

/**
 * Moves the room's lifecycle chart; a room that ends destroyed fires muc-room-destroyed, with how
 * it was destroyed, if someone did (mod_muc fires it for an empty temporary room too).
 */
export function advanceLifecycle(
  room: Room,
  out: Effects,
  event: RoomLifecycleEvent,
  by: string,
): void {
  const before = room.lifecycle();
  room.advanceLifecycle(out, event, by);
  if (before === 'destroyed' || room.lifecycle() !== 'destroyed') return;
  const { alternateVenue, reason, password } = room.state.destruction ?? {};
  room.fire('muc-room-destroyed', { room, out, alternateVenue, reason, password });
}
