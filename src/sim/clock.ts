// The simulated clock and its timers: time advances only when the world says so, and what is due runs as the clock passes it, so runs are reproducible; a timer is data (when, and what to do), so the clock can be checkpointed — XEP-0045 §7.2.13–14 (history timestamps), §10.1.1 (the lock's timeout)
/** 2026-01-01T12:00:00Z: every world starts here. */
export const WORLD_EPOCH = 1_767_268_800_000;

/** A pending timer: when it is due, and what it does, as data its owner runs. */
export interface Timer<Task> {
  readonly at: number;
  readonly task: Task;
}

/** The clock's whole state: the time and the pending timers, earliest first. */
export interface ClockCheckpoint<Task> {
  readonly now: number;
  readonly timers: readonly Timer<Task>[];
}

export class SimulatedClock<Task> {
  private current: number;
  /** Pending timers, by time, then in the order they were set. */
  private timers: Timer<Task>[] = [];

  /** `run` does a timer's task when the clock passes its time. */
  constructor(
    private readonly run: (task: Task) => void,
    start = WORLD_EPOCH,
  ) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  /** Runs `task` when the clock reaches `at` (at once on the next advance if it already has). */
  schedule(at: number, task: Task): void {
    let index = this.timers.length;
    while (index > 0 && (this.timers[index - 1] as Timer<Task>).at > at) index -= 1;
    this.timers.splice(index, 0, { at, task });
  }

  /** Moves time on; each timer due on the way runs with the clock at its own time. */
  advance(milliseconds: number): void {
    const target = this.current + milliseconds;
    for (let next = this.timers[0]; next && next.at <= target; next = this.timers[0]) {
      this.timers.shift();
      this.current = Math.max(this.current, next.at);
      this.run(next.task);
    }
    this.current = target;
  }

  /** The time and the pending timers; the tasks are the caller's to copy. */
  checkpoint(): ClockCheckpoint<Task> {
    return { now: this.current, timers: [...this.timers] };
  }

  /** Back to a checkpoint's time and timers (with the tasks as the caller restored them). */
  restore(checkpoint: ClockCheckpoint<Task>): void {
    this.current = checkpoint.now;
    this.timers = [...checkpoint.timers];
  }
}
