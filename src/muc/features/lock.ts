// Room locking: a new room refuses everyone but its creating presence until configured, or until its lock times out on the simulated clock — XEP-0045 §7.2.10 and §10.1.1
import { domainOf } from '../../xmpp/jid.js';
import type { Feature } from '../hooks.js';

const BY = 'lock';
/** Prosody unlocks a room nobody configured after five minutes (muc_room_lock_timeout). */
export const LOCK_TIMEOUT_MS = 5 * 60 * 1000;

export const lock: Feature = {
  name: BY,
  section: '§7.2.10',
  hooks: {
    // The lock's timer starts with the room: an unconfigured room opens when it runs out (a
    // room configured or destroyed by then is past `locked`, and the expiry changes nothing).
    'muc-room-pre-create': {
      priority: 10,
      run: () => ({
        changes: [
          {
            kind: 'timer',
            after: LOCK_TIMEOUT_MS,
            changes: [{ kind: 'lifecycle', event: { type: 'lock.expired' } }],
          },
        ],
      }),
    },
    'muc-occupant-pre-join': {
      priority: -30,
      run: ({ room, isCreation }) => {
        // "If the room is locked … the service MUST deny access … <item-not-found/>". Prosody
        // refuses everyone but the creating presence, the owner's other sessions too, and
        // answers from the service, not the room.
        if (isCreation || room.lifecycle() !== 'locked') return undefined;
        return { veto: { type: 'cancel', condition: 'item-not-found', by: domainOf(room.jid) } };
      },
    },
    'muc-config-submitted': {
      priority: 0,
      run: ({ room }) =>
        room.lifecycle() === 'locked'
          ? { changes: [{ kind: 'lifecycle', event: { type: 'room.configured' } }] }
          : undefined,
    },
  },
};
