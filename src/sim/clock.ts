// The simulated clock and its timers: time advances only when the world says so, and what is due runs as the clock passes it, so runs are reproducible — XEP-0045 §7.2.13–14 (history timestamps), §10.1.1 (the lock's timeout)
/** 2026-01-01T12:00:00Z: every world starts here. */
export const WORLD_EPOCH = 1_767_268_800_000;

interface Timer {
  at: number;
  run: () => void;
}

export class SimulatedClock {
  private current: number;
  /** Pending timers, by time, then in the order they were set. */
  private readonly timers: Timer[] = [];

  constructor(start = WORLD_EPOCH) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  /** Runs `run` when the clock reaches `at` (at once on the next advance if it already has). */
  schedule(at: number, run: () => void): void {
    let index = this.timers.length;
    while (index > 0 && (this.timers[index - 1] as Timer).at > at) index -= 1;
    this.timers.splice(index, 0, { at, run });
  }

  /** Moves time on; each timer due on the way runs with the clock at its own time. */
  advance(milliseconds: number): void {
    const target = this.current + milliseconds;
    for (let next = this.timers[0]; next && next.at <= target; next = this.timers[0]) {
      this.timers.shift();
      this.current = Math.max(this.current, next.at);
      next.run();
    }
    this.current = target;
  }
}
