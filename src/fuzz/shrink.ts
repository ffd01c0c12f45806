// Delta debugging over a failing action sequence: remove chunks while the violation persists — minimal XEP-0045 bug reports
import type { Feature } from '../muc/hooks.js';
import type { FuzzAction, FuzzCast } from './actions.js';
import { replay } from './engine.js';
import type { InvariantName } from './oracle/context.js';

export interface ShrinkOptions {
  features?: readonly Feature[];
  /** At most this many replays (default 4000). */
  maxReplays?: number;
  /** A clock and a deadline on it, so shrinking never runs away (the core has no clock of its own). */
  now?: () => number;
  deadline?: number;
}

export interface ShrinkResult {
  actions: FuzzAction[];
  replays: number;
  /** False when the budget ran out before the sequence was 1-minimal. */
  complete: boolean;
}

/**
 * ddmin (Zeller), complements only: try the sequence without each of n chunks; keep the first
 * that still shows the same invariant's violation; otherwise split finer, down to single actions.
 */
export function shrink(
  cast: FuzzCast,
  actions: readonly FuzzAction[],
  invariant: InvariantName,
  options: ShrinkOptions = {},
): ShrinkResult {
  const maxReplays = options.maxReplays ?? 4000;
  let replays = 0;
  const exhausted = () =>
    replays >= maxReplays ||
    (options.now !== undefined &&
      options.deadline !== undefined &&
      options.now() > options.deadline);
  /** The applied prefix up to the violation, when the candidate still fails the same way. */
  const fails = (candidate: FuzzAction[]): FuzzAction[] | undefined => {
    replays += 1;
    const result = replay(cast, candidate, options.features);
    return result.violation?.invariant === invariant ? result.applied : undefined;
  };
  let current = fails([...actions]) ?? [...actions];
  let granularity = 2;
  let complete = false;
  while (!exhausted()) {
    if (current.length < 2) {
      complete = true;
      break;
    }
    const chunk = Math.ceil(current.length / granularity);
    let reduced = false;
    for (let start = 0; start < current.length && !exhausted(); start += chunk) {
      const candidate = [...current.slice(0, start), ...current.slice(start + chunk)];
      const shorter = fails(candidate);
      if (shorter && shorter.length < current.length) {
        current = shorter;
        granularity = Math.max(granularity - 1, 2);
        reduced = true;
        break;
      }
    }
    if (reduced) continue;
    if (chunk === 1) {
      complete = true;
      break;
    }
    granularity = Math.min(granularity * 2, current.length);
  }
  return { actions: current, replays, complete };
}
