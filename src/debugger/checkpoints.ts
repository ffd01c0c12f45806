// Time travel in constant time: every K steps a checkpoint of the simulated world and of what the session keeps, and the way back to the nearest one, from which at most K steps run again — a XEP-0045 scenario stepped backwards (§7–§10)
import type { ScriptStepper, StepperCheckpoint } from '../scansion/runner.js';
import type { GrowingRecording } from './growing-recording.js';
import type { SessionWorld } from './session-api.js';
import type { SessionIndex } from './session-index.js';
import { SimWorld, type SimWorldCheckpoint } from './sim-world.js';
import type { Timeline } from './timeline.js';

/**
 * Steps between checkpoints (bench/step-back.ts measured 4 to 64): a step back replays at
 * most K − 1 steps, and each checkpoint costs memory.
 */
export const CHECKPOINT_EVERY = 16;

/** What a session keeps that a checkpoint restores (the session's own parts, not copies). */
export interface CheckpointedSession {
  readonly world: SessionWorld;
  readonly timeline: Timeline;
  readonly index: SessionIndex;
  readonly recording: GrowingRecording;
  stepper(): ScriptStepper;
  /** Whether the session can still travel in time (not once a real client has acted). */
  canTravel(): boolean;
  /** Steps between checkpoints (default CHECKPOINT_EVERY). */
  readonly every?: number | undefined;
}

/** The session after `cursor` steps: the world, the stepper's inboxes and captures, who bound which JID. */
interface SessionCheckpoint {
  readonly cursor: number;
  readonly traceLength: number;
  readonly world: SimWorldCheckpoint;
  readonly stepper: StepperCheckpoint;
  readonly bindings: ReadonlyMap<string, string>;
}

/**
 * The checkpoints of a session on the simulator, in cursor order. They only ever describe the
 * steps before the cursor: going back drops those after it, inserting a step at the cursor too.
 */
export class Checkpoints {
  private readonly saved: SessionCheckpoint[] = [];
  readonly every: number;

  constructor(private readonly session: CheckpointedSession) {
    this.every = Math.max(1, Math.trunc(session.every ?? CHECKPOINT_EVERY));
  }

  /** How many checkpoints are kept. */
  get count(): number {
    return this.saved.length;
  }

  /** After a step ran: a checkpoint when the cursor reaches a multiple of K. */
  stepped(): void {
    const { world, timeline, index } = this.session;
    const cursor = timeline.cursor;
    if (!(world instanceof SimWorld) || cursor % this.every !== 0) return;
    if (!this.session.canTravel()) return;
    if ((this.saved.at(-1)?.cursor ?? 0) >= cursor) return;
    this.saved.push({
      cursor,
      traceLength: world.trace.length,
      world: world.checkpoint(),
      stepper: this.session.stepper().checkpoint(),
      bindings: index.bindings(),
    });
  }

  /** Forgets the checkpoints after `cursor` (a step inserted or taken out there). */
  dropAfter(cursor: number): void {
    while ((this.saved.at(-1)?.cursor ?? 0) > cursor) this.saved.pop();
  }

  clear(): void {
    this.saved.length = 0;
  }

  /**
   * Restores the latest checkpoint at or before `target` steps, dropping those after it;
   * false when there is none (the session then starts a fresh world).
   */
  restoreBefore(target: number): boolean {
    this.dropAfter(target);
    const checkpoint = this.saved.at(-1);
    const { world, timeline, index } = this.session;
    if (!checkpoint || !(world instanceof SimWorld) || !world.owns(checkpoint.world)) return false;
    // The index and the transitions forget what the trace loses before the world cuts it.
    const undone = timeline.steps.slice(checkpoint.cursor, timeline.cursor);
    index.rewind(checkpoint.bindings, undone, checkpoint.traceLength);
    world.restore(checkpoint.world);
    this.session.stepper().restore(checkpoint.stepper);
    timeline.rewindTo(checkpoint.cursor);
    this.session.recording.forget();
    return true;
  }
}
