// Tests for the room lifecycle chart locked → open → destroyed — XEP-0045 §10.1 (creation, locking) and §10.9 (destruction)
import { describe, expect, it } from 'vitest';
import {
  advanceRoom,
  initialRoomSnapshot,
  type RoomLifecycleEvent,
  type RoomSnapshot,
  roomLifecycle,
} from '../../../src/muc/room-machine.js';

const configured: RoomLifecycleEvent = { type: 'room.configured' };
const lockExpired: RoomLifecycleEvent = { type: 'lock.expired' };
const destroyed: RoomLifecycleEvent = { type: 'room.destroyed' };

function play(...events: RoomLifecycleEvent[]): RoomSnapshot {
  return events.reduce(advanceRoom, initialRoomSnapshot());
}

describe('room machine', () => {
  it('starts locked (§10.1.1: a new room is locked until configured)', () => {
    expect(roomLifecycle(initialRoomSnapshot())).toBe('locked');
  });

  it('opens when the owner submits the configuration', () => {
    expect(roomLifecycle(play(configured))).toBe('open');
  });

  it('opens when the lock expires (Prosody’s five-minute timeout)', () => {
    expect(roomLifecycle(play(lockExpired))).toBe('open');
  });

  it('may be destroyed while still locked', () => {
    expect(roomLifecycle(play(destroyed))).toBe('destroyed');
  });

  it('is destroyed from open, and destroyed is final', () => {
    const snapshot = play(configured, destroyed);

    expect(roomLifecycle(snapshot)).toBe('destroyed');
    expect(snapshot.status).toBe('done');
  });

  it.each([configured, lockExpired])('ignores $type once open', (event) => {
    const open = play(configured);

    expect(advanceRoom(open, event)).toBe(open);
  });

  it.each([configured, lockExpired, destroyed])('ignores $type once destroyed', (event) => {
    const gone = play(destroyed);

    expect(advanceRoom(gone, event)).toBe(gone);
  });

  it('interns snapshots: rooms in the same state share one', () => {
    expect(play(configured)).toBe(play(lockExpired));
    expect(play(destroyed)).toBe(play(configured, destroyed));
    expect(initialRoomSnapshot()).toBe(initialRoomSnapshot());
  });

  it('keeps the three states apart', () => {
    const snapshots = [initialRoomSnapshot(), play(configured), play(destroyed)];

    expect(snapshots.map(roomLifecycle)).toEqual(['locked', 'open', 'destroyed']);
    expect(new Set(snapshots).size).toBe(3);
  });
});
