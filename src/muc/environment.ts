// What the pure MUC core needs from outside: simulated time, timers on it and seeded ids — XEP-0045 §7.2.13 (history timestamps), §10.1.1 (the lock's timeout)
import type { Effects } from './effects.js';

export interface MucEnvironment {
  /** Simulated milliseconds since the Unix epoch. */
  now(): number;
  /** A fresh id from a seeded generator. */
  nextId(): string;
  /**
   * Runs `task` when the simulated clock reaches `at`, with an output of its own: what it sends
   * and records is traced then, caused by the input that set the timer.
   */
  schedule(at: number, task: (out: Effects) => void): void;
}

/** XEP-0082 DateTime of a simulated instant, as `<delay stamp>` wants it. */
export function isoStamp(milliseconds: number): string {
  // The stanzas of a step share its instant, and history replays the same few: each is written once.
  let text = stamps.get(milliseconds);
  if (text === undefined) {
    text = new Date(milliseconds).toISOString().replace(/\.\d{3}Z$/, 'Z');
    if (stamps.size >= REMEMBERED_STAMPS) stamps.clear();
    stamps.set(milliseconds, text);
  }
  return text;
}

/** How many instants `isoStamp` remembers (it forgets them all beyond). */
const REMEMBERED_STAMPS = 4096;
const stamps = new Map<number, string>();

/** Prosody keeps whole seconds (os.time): stamps and cut-offs compare at that grain. */
export function wholeSeconds(milliseconds: number): number {
  return Math.floor(milliseconds / 1000) * 1000;
}
