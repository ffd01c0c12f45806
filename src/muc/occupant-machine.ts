// An occupant's lifecycle and role: joining → present{visitor | participant | moderator} → gone — XEP-0045 §5.1.3 (Table 5)
import { getInitialSnapshot, type SnapshotFrom, setup, transition } from 'xstate';
import type { Role } from './model/role.js';

export type OccupantEvent =
  | { type: 'occupant.admitted'; role: Role }
  | { type: 'role.changed'; role: Role }
  | { type: 'nick.changed' }
  | { type: 'occupant.left' };

type PresentRole = Exclude<Role, 'none'>;

const byRole = (role: PresentRole) => ({
  target: `#occupant.present.${role}`,
  guard: { type: 'isRole' as const, params: { role } },
});

export const occupantMachine = setup({
  types: { events: {} as OccupantEvent },
  guards: {
    isRole: ({ event }, params: { role: Role }) => 'role' in event && event.role === params.role,
  },
}).createMachine({
  id: 'occupant',
  initial: 'joining',
  states: {
    joining: {
      description: 'Presence sent to room/nick; the pre-join checks run (§7.2)',
      on: {
        'occupant.admitted': [
          byRole('moderator'),
          byRole('participant'),
          byRole('visitor'),
          {
            target: 'gone',
            guard: { type: 'isRole', params: { role: 'none' } },
            description:
              'No role for its affiliation (Prosody saves an occupant without a role as gone)',
          },
        ],
        'occupant.left': 'gone',
      },
    },
    present: {
      initial: 'participant',
      states: {
        visitor: { description: 'In the room without voice (moderated rooms, §8.3)' },
        participant: { description: 'In the room with voice' },
        moderator: { description: 'May kick and grant or revoke voice (§8)' },
      },
      on: {
        'role.changed': [
          byRole('moderator'),
          byRole('participant'),
          byRole('visitor'),
          { target: 'gone', guard: { type: 'isRole', params: { role: 'none' } } },
        ],
        'nick.changed': { description: 'Same occupant under a new nick (§7.6, 303)' },
        'occupant.left': 'gone',
      },
    },
    gone: { type: 'final', description: 'Role none: left, kicked, banned or removed' },
  },
});

export type OccupantSnapshot = SnapshotFrom<typeof occupantMachine>;
export type OccupantState = 'joining' | PresentRole | 'gone';

const interned = new Map<string, OccupantSnapshot>();

/** Snapshots hold no context, so every occupant in the same state shares one snapshot. */
function intern(snapshot: OccupantSnapshot): OccupantSnapshot {
  const key = JSON.stringify(snapshot.value);
  const known = interned.get(key);
  if (known) return known;
  interned.set(key, snapshot);
  return snapshot;
}

let initial: OccupantSnapshot | undefined;

export function initialOccupantSnapshot(): OccupantSnapshot {
  initial ??= intern(getInitialSnapshot(occupantMachine));
  return initial;
}

/** Each interned snapshot's successors by event: the chart is pure, so `transition()` runs once per pair. */
const successors = new WeakMap<OccupantSnapshot, Map<string, OccupantSnapshot>>();

export function advanceOccupant(
  snapshot: OccupantSnapshot,
  event: OccupantEvent,
): OccupantSnapshot {
  const key = 'role' in event ? `${event.type} ${event.role}` : event.type;
  let known = successors.get(snapshot);
  const cached = known?.get(key);
  if (cached) return cached;
  const [next] = transition(occupantMachine, snapshot, event);
  const interned = intern(next);
  if (!known) {
    known = new Map();
    successors.set(snapshot, known);
  }
  known.set(key, interned);
  return interned;
}

/** The role an occupant in this state has: none while joining and once gone. */
export function occupantRole(snapshot: OccupantSnapshot): Role {
  const state = occupantState(snapshot);
  return state === 'joining' || state === 'gone' ? 'none' : state;
}

export function occupantState(snapshot: OccupantSnapshot): OccupantState {
  const value = snapshot.value;
  if (typeof value === 'string') return value as OccupantState;
  return (value as { present: PresentRole }).present;
}
