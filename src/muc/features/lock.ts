// Room locking: a new room refuses everyone but its owners until configured — XEP-0045 §7.2.10 and §10.1.1
import { domainOf } from '../../xmpp/jid.js';
import type { Feature } from '../hooks.js';
import type { Room } from '../room.js';

const BY = 'lock';
/** Prosody unlocks a room nobody configured after five minutes (muc_room_lock_timeout). */
export const LOCK_TIMEOUT_MS = 5 * 60 * 1000;

/** Unlocks a room whose lock has timed out on the simulated clock. */
export function expireLock(room: Room): void {
  if (room.lifecycle() === 'locked' && room.now() - room.state.createdAt >= LOCK_TIMEOUT_MS) {
    room.advanceLifecycle({ type: 'lock.expired' }, BY);
  }
}

export const lock: Feature = {
  name: BY,
  section: '§7.2.10',
  hooks: {
    'muc-occupant-pre-join': {
      priority: -30,
      run: ({ room, isCreation }) => {
        expireLock(room);
        // "If the room is locked … the service MUST deny access … <item-not-found/>". Prosody
        // refuses everyone but the creating presence, the owner's other sessions too, and
        // answers from the service, not the room.
        if (isCreation || room.lifecycle() !== 'locked') return undefined;
        return { veto: { type: 'cancel', condition: 'item-not-found', by: domainOf(room.jid) } };
      },
    },
    'muc-config-submitted': {
      priority: 0,
      run: ({ room }) => {
        if (room.lifecycle() === 'locked') room.advanceLifecycle({ type: 'room.configured' }, BY);
      },
    },
  },
};
