// Destroying a room, by its owner or a service admin, with reason and alternate venue — XEP-0045 §10.9, as Prosody's destroy and clear
import { Element } from 'ltx';
import { iqResult } from '../../xmpp/iq-result.js';
import type { Effects } from '../effects.js';
import type { IqContext } from '../hooks.js';
import type { Room } from '../room.js';
import { publiciseOccupantStatus } from './publicise.js';

const BY = 'destroy';

/** "The service MUST remove all occupants … then … inform the owner of successful destruction". */
export function handleDestroyRequest({ room, out, stanza, payload }: IqContext): void {
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
  };
  const occupants = [...room.occupants()].map((occupant) => [occupant, occupant.role] as const);
  for (const [occupant] of occupants) room.changeRole(out, occupant, 'none', [], by);
  for (const [occupant, prevRole] of occupants) {
    publiciseOccupantStatus(room, out, occupant, { x: [destroy], prevRole }, by);
    room.bus.fire('muc-occupant-left', { room, out, occupant });
  }
  room.advanceLifecycle(out, { type: 'room.destroyed' }, by);
  room.bus.fire('muc-room-destroyed', {
    room,
    out,
    alternateVenue: destruction.alternateVenue,
    reason: destruction.reason,
    password: destruction.password,
  });
}

/** A temporary room left empty goes silently, nobody being there to tell; mod_muc fires muc-room-destroyed for it too (mod_muc_mam then drops the archive). */
export function destroyEmptyRoom(room: Room, out: Effects, by: string): void {
  room.advanceLifecycle(out, { type: 'room.destroyed' }, by);
  room.bus.fire('muc-room-destroyed', {
    room,
    out,
    alternateVenue: undefined,
    reason: undefined,
    password: undefined,
  });
}
