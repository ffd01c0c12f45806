// The fuzzing loop: draw an action, run it, check the invariants, stop at the first violation — hostile input for XEP-0045 services (§5, §7, §17)
import type { Feature } from '../muc/hooks.js';
import { type FuzzAction, type FuzzCast, makeCast } from './actions.js';
import { StanzaGenerator } from './generator.js';
import { Harness } from './harness.js';
import type { Violation } from './oracle/context.js';
import { Random } from './random.js';

export interface FuzzOptions {
  seed: number;
  /** Stop after this many stanzas sent. */
  stanzas: number;
  users: number;
  rooms: number;
  features?: readonly Feature[];
  /** Keep a hash of everything delivered (costs time). */
  hash?: boolean;
  /** Keep every action, for shrinking (costs memory). */
  record?: boolean;
  /** With `record`: keep only the actions from this step on (1-based), to bound memory. */
  recordFrom?: number;
  /** Stop after this many steps even if no violation (used to replay up to a violation). */
  maxSteps?: number;
  /** Called every `progressEvery` steps. */
  onProgress?: (progress: { steps: number; stanzas: number }) => void;
  progressEvery?: number;
}

export interface FuzzViolation extends Violation {
  /** 1-based step at which it was seen. */
  step: number;
}

export interface FuzzResult {
  cast: FuzzCast;
  stanzas: number;
  steps: number;
  checks: number;
  violation?: FuzzViolation;
  /** With `record`: every applied action, the violating one last. */
  actions?: FuzzAction[];
  hash?: string;
}

/** Runs a seeded fuzzing session. Pure: no clock, no I/O; the same options give the same result. */
export function fuzz(options: FuzzOptions): FuzzResult {
  const cast = makeCast(options.users, options.rooms);
  const harness = new Harness(cast, { features: options.features, hash: options.hash });
  const generator = new StanzaGenerator(new Random(options.seed), cast, harness.world);
  const actions: FuzzAction[] | undefined = options.record ? [] : undefined;
  const every = options.progressEvery ?? 10_000;
  const maxSteps = options.maxSteps ?? Number.POSITIVE_INFINITY;
  const recordFrom = options.recordFrom ?? 1;
  let violation: FuzzViolation | undefined;
  while (harness.stanzas < options.stanzas && harness.steps < maxSteps) {
    const action = generator.next(harness.connected);
    // A recording that starts late opens with connects for whoever is online then, so the
    // recorded steps can be replayed on their own in a fresh world.
    const online =
      actions?.length === 0 && recordFrom > 1 && harness.steps + 1 >= recordFrom
        ? [...harness.connected]
        : undefined;
    const outcome = harness.step(action);
    if (!outcome.applied) continue;
    if (actions && harness.steps >= recordFrom) {
      for (const client of online ?? []) actions.push({ kind: 'connect', client });
      actions.push(action);
    }
    if (outcome.violation) {
      violation = { ...outcome.violation, step: harness.steps };
      break;
    }
    for (const entry of harness.entries) {
      if (entry.kind !== 'delivery') continue;
      const client = harness.clientOf(entry.to);
      if (client) generator.observeDelivery(client, entry.stanza);
    }
    if (options.onProgress && harness.steps % every === 0) {
      options.onProgress({ steps: harness.steps, stanzas: harness.stanzas });
    }
  }
  const result: FuzzResult = {
    cast,
    stanzas: harness.stanzas,
    steps: harness.steps,
    checks: harness.checker.checks,
  };
  if (violation) result.violation = violation;
  if (actions) result.actions = actions;
  if (options.hash) result.hash = harness.hash;
  return result;
}

export interface ReplayResult {
  violation?: FuzzViolation;
  /** The actions that were applied (the others made no sense at their point and were skipped). */
  applied: FuzzAction[];
  harness: Harness;
}

/** Replays actions in a fresh world, stopping at the first violation. */
export function replay(
  cast: FuzzCast,
  actions: readonly FuzzAction[],
  features?: readonly Feature[],
): ReplayResult {
  const harness = new Harness(cast, { features });
  const applied: FuzzAction[] = [];
  for (const action of actions) {
    const outcome = harness.step(action);
    if (!outcome.applied) continue;
    applied.push(action);
    if (outcome.violation) {
      return { violation: { ...outcome.violation, step: harness.steps }, applied, harness };
    }
  }
  return { applied, harness };
}

/** How many of the last steps `recordViolation` first tries alone. */
export const RECORD_WINDOW = 5000;

/**
 * The actions that lead to a violation seen in `fuzz(options)`, for shrinking: the same seed is
 * run again up to the violating step, this time keeping the actions. A long run first tries its
 * last `window` steps alone, in a fresh world: most violations need only a few recent steps, and
 * a million recorded stanzas would not fit in memory. If those do not show the same violation,
 * every step is kept.
 */
export function recordViolation(
  options: FuzzOptions,
  violation: FuzzViolation,
  window = RECORD_WINDOW,
): FuzzAction[] {
  const cast = makeCast(options.users, options.rooms);
  const record = (from: number) =>
    fuzz({ ...options, hash: false, record: true, recordFrom: from, maxSteps: violation.step })
      .actions ?? [];
  if (violation.step > window) {
    const recent = record(violation.step - window + 1);
    if (replay(cast, recent, options.features).violation?.invariant === violation.invariant) {
      return recent;
    }
  }
  return record(1);
}
