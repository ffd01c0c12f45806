// The simulated clock: time advances only when the world says so, so runs are reproducible — XEP-0045 §7.2.13–14 (history timestamps)
/** 2026-01-01T12:00:00Z: every world starts here. */
export const WORLD_EPOCH = 1_767_268_800_000;

export class SimulatedClock {
  private current: number;

  constructor(start = WORLD_EPOCH) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  advance(milliseconds: number): void {
    this.current += milliseconds;
  }
}
