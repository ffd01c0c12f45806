// The room's lifecycle chart: locked → open → destroyed — XEP-0045 §10.1 (creation, locking) and §10.9 (destruction)
import { getInitialSnapshot, type SnapshotFrom, setup, transition } from 'xstate';

export type RoomLifecycleEvent =
  | { type: 'room.configured' }
  | { type: 'lock.expired' }
  | { type: 'room.destroyed' };

export const roomMachine = setup({
  types: { events: {} as RoomLifecycleEvent },
}).createMachine({
  id: 'room',
  initial: 'locked',
  states: {
    locked: {
      description: 'Created, awaiting its first configuration: only the owner may enter (§7.2.10)',
      on: {
        'room.configured': 'open',
        'lock.expired': 'open',
        'room.destroyed': 'destroyed',
      },
    },
    open: {
      description: 'Configured: anyone the room admits may enter',
      on: { 'room.destroyed': 'destroyed' },
    },
    destroyed: {
      description:
        'Gone: destroyed on request (each occupant gets an unavailable presence with <destroy/>, §10.9), or a temporary room left empty (nobody to tell, §7.14)',
      type: 'final',
    },
  },
});

export type RoomSnapshot = SnapshotFrom<typeof roomMachine>;
export type RoomLifecycle = 'locked' | 'open' | 'destroyed';

const interned = new Map<string, RoomSnapshot>();

function intern(snapshot: RoomSnapshot): RoomSnapshot {
  const key = String(snapshot.value);
  const known = interned.get(key);
  if (known) return known;
  interned.set(key, snapshot);
  return snapshot;
}

let initial: RoomSnapshot | undefined;

export function initialRoomSnapshot(): RoomSnapshot {
  initial ??= intern(getInitialSnapshot(roomMachine));
  return initial;
}

/** Each interned snapshot's successors by event type: the chart is pure, so `transition()` runs once per pair. */
const successors = new WeakMap<RoomSnapshot, Map<string, RoomSnapshot>>();

export function advanceRoom(snapshot: RoomSnapshot, event: RoomLifecycleEvent): RoomSnapshot {
  let known = successors.get(snapshot);
  const cached = known?.get(event.type);
  if (cached) return cached;
  const [next] = transition(roomMachine, snapshot, event);
  const interned = intern(next);
  if (!known) {
    known = new Map();
    successors.set(snapshot, known);
  }
  known.set(event.type, interned);
  return interned;
}

export function roomLifecycle(snapshot: RoomSnapshot): RoomLifecycle {
  return snapshot.value as RoomLifecycle;
}
