// What the pure MUC core needs from outside: simulated time, timers on it and seeded ids — XEP-0045 §7.2.13 (history timestamps), §10.1.1 (the lock's timeout)
import { ForgetfulMemo } from '../xmpp/forgetful-memo.js';
import type { Room } from './room.js';
import type { RoomChange } from './room-change.js';

/**
 * What a timer does when it is due: changes a feature returned for later (the lock's timeout),
 * made in its room in its name. Data rather than a closure, so a checkpoint of the world keeps it.
 */
export interface RoomTimer {
  room: Room;
  changes: readonly RoomChange[];
  by: string;
}

export interface MucEnvironment {
  /** Simulated milliseconds since the Unix epoch. */
  now(): number;
  /** A fresh id from a seeded generator. */
  nextId(): string;
  /**
   * Makes the timer's changes when the simulated clock reaches `at` (MucService.runTimer), with
   * an output of its own: what they send and record is traced then, caused by the input that
   * set the timer.
   */
  schedule(at: number, timer: RoomTimer): void;
}

/** XEP-0082 DateTime of a simulated instant, as `<delay stamp>` wants it. */
export function isoStamp(milliseconds: number): string {
  // The stanzas of a step share its instant, and history replays the same few: each is written once.
  return stamps.get(milliseconds, writeStamp);
}

function writeStamp(milliseconds: number): string {
  return new Date(milliseconds).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The instants `isoStamp` has written (it forgets them all beyond 4,096). */
const stamps = new ForgetfulMemo<number, string>(4096);

/** Prosody keeps whole seconds (os.time): stamps and cut-offs compare at that grain. */
export function wholeSeconds(milliseconds: number): number {
  return Math.floor(milliseconds / 1000) * 1000;
}
