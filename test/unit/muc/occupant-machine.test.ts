// Tests for the occupant chart joining → present{visitor | participant | moderator} → gone — XEP-0045 §5.1.3 (Table 5)
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../src/muc/model/role.js';
import {
  advanceOccupant,
  initialOccupantSnapshot,
  type OccupantEvent,
  type OccupantSnapshot,
  type OccupantState,
  occupantRole,
  occupantState,
} from '../../../src/muc/occupant-machine.js';

/** Plays events from the initial snapshot. */
function play(...events: OccupantEvent[]): OccupantSnapshot {
  return events.reduce(advanceOccupant, initialOccupantSnapshot());
}

const admitted = (role: Role): OccupantEvent => ({ type: 'occupant.admitted', role });
const roleChanged = (role: Role): OccupantEvent => ({ type: 'role.changed', role });

describe('occupant machine', () => {
  it('starts joining', () => {
    expect(occupantState(initialOccupantSnapshot())).toBe('joining');
  });

  describe('from joining', () => {
    it.each(['moderator', 'participant', 'visitor'] as const)(
      'occupant.admitted as %s enters present.%s',
      (role) => {
        const snapshot = play(admitted(role));

        expect(snapshot.value).toEqual({ present: role });
        expect(occupantState(snapshot)).toBe(role);
      },
    );

    it('occupant.admitted with role none ends in gone, as Prosody saves an occupant without a role', () => {
      const snapshot = advanceOccupant(initialOccupantSnapshot(), admitted('none'));

      expect(occupantState(snapshot)).toBe('gone');
      expect(occupantRole(snapshot)).toBe('none');
    });

    it('occupant.left (refused or gave up) ends in gone', () => {
      const snapshot = play({ type: 'occupant.left' });

      expect(occupantState(snapshot)).toBe('gone');
      expect(snapshot.status).toBe('done');
    });

    it.each<OccupantEvent>([roleChanged('moderator'), { type: 'nick.changed' }])(
      'ignores %o before admission',
      (event) => {
        const joining = initialOccupantSnapshot();

        expect(advanceOccupant(joining, event)).toBe(joining);
      },
    );
  });

  describe('from present', () => {
    const roles = ['visitor', 'participant', 'moderator'] as const;
    const pairs = roles.flatMap((from) =>
      roles.filter((to) => to !== from).map((to) => [from, to] as const),
    );

    it.each(pairs)('role.changed moves %s to %s', (from, to) => {
      expect(occupantState(play(admitted(from), roleChanged(to)))).toBe(to);
    });

    it.each(roles)('role.changed to none takes a %s to gone (kicked, banned, removed)', (role) => {
      expect(occupantState(play(admitted(role), roleChanged('none')))).toBe('gone');
    });

    it.each(roles)('occupant.left takes a %s to gone', (role) => {
      expect(occupantState(play(admitted(role), { type: 'occupant.left' }))).toBe('gone');
    });

    it('nick.changed keeps the role and the very same snapshot', () => {
      const moderator = play(admitted('moderator'));

      expect(advanceOccupant(moderator, { type: 'nick.changed' })).toBe(moderator);
    });

    it('role.changed to the current role keeps the very same snapshot', () => {
      const participant = play(admitted('participant'));

      expect(advanceOccupant(participant, roleChanged('participant'))).toBe(participant);
    });

    it('a second occupant.admitted is ignored', () => {
      const visitor = play(admitted('visitor'));

      expect(advanceOccupant(visitor, admitted('moderator'))).toBe(visitor);
    });
  });

  describe('from gone', () => {
    it.each<OccupantEvent>([
      admitted('participant'),
      roleChanged('moderator'),
      { type: 'nick.changed' },
      { type: 'occupant.left' },
    ])('ignores %o: gone is final', (event) => {
      const gone = play(admitted('participant'), { type: 'occupant.left' });

      expect(advanceOccupant(gone, event)).toBe(gone);
    });
  });

  describe('interning', () => {
    it('gives occupants in the same state one shared snapshot, however they got there', () => {
      const direct = play(admitted('participant'));
      const roundabout = play(
        admitted('visitor'),
        roleChanged('moderator'),
        roleChanged('participant'),
      );

      expect(roundabout).toBe(direct);
    });

    it('gives different states different snapshots', () => {
      const states: OccupantState[] = ['joining', 'visitor', 'participant', 'moderator', 'gone'];
      const snapshots = [
        initialOccupantSnapshot(),
        play(admitted('visitor')),
        play(admitted('participant')),
        play(admitted('moderator')),
        play({ type: 'occupant.left' }),
      ];

      expect(snapshots.map(occupantState)).toEqual(states);
      expect(new Set(snapshots).size).toBe(states.length);
    });

    it('shares the initial snapshot', () => {
      expect(initialOccupantSnapshot()).toBe(initialOccupantSnapshot());
    });
  });
});
