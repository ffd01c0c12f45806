// Delta debugging over a failing action sequence: remove chunks while the failure persists — minimal XEP-0045 bug reports
import type { Feature } from '../muc/hooks.js';
import type { FuzzAction, FuzzCast } from './actions.js';
import { replay } from './engine.js';
import type { InvariantName } from './oracle/context.js';

export interface ShrinkBudget {
  /** At most this many replays (default 4000). */
  maxReplays?: number;
  /** A clock and a deadline on it, so shrinking never runs away (the core has no clock of its own). */
  now?: () => number;
  deadline?: number;
}

export interface ShrinkOptions extends ShrinkBudget {
  features?: readonly Feature[];
}

export interface ShrinkResult {
  actions: FuzzAction[];
  replays: number;
  /** False when the budget ran out before the sequence was 1-minimal. */
  complete: boolean;
}

/**
 * Whether a candidate still fails: the actions it applied up to the failure, or undefined. A
 * candidate may stop early (the failure comes sooner), which shortens it further.
 */
export type StillFails = (
  candidate: FuzzAction[],
) => FuzzAction[] | undefined | Promise<FuzzAction[] | undefined>;

/**
 * ddmin (Zeller), complements only: try the sequence without each of n chunks; keep the first
 * that still fails; otherwise split finer, down to single actions.
 */
export async function ddmin(
  actions: readonly FuzzAction[],
  fails: StillFails,
  budget: ShrinkBudget = {},
): Promise<ShrinkResult> {
  const maxReplays = budget.maxReplays ?? 4000;
  let replays = 0;
  const exhausted = () =>
    replays >= maxReplays ||
    (budget.now !== undefined && budget.deadline !== undefined && budget.now() > budget.deadline);
  const attempt = async (candidate: FuzzAction[]) => {
    replays += 1;
    return fails(candidate);
  };
  let current = (await attempt([...actions])) ?? [...actions];
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
      const shorter = await attempt([...current.slice(0, start), ...current.slice(start + chunk)]);
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

/** Shrinks actions that break `invariant` in memory, replaying them in fresh worlds. */
export function shrink(
  cast: FuzzCast,
  actions: readonly FuzzAction[],
  invariant: InvariantName,
  options: ShrinkOptions = {},
): Promise<ShrinkResult> {
  return ddmin(
    actions,
    (candidate) => {
      const result = replay(cast, candidate, options.features);
      return result.violation?.invariant === invariant ? result.applied : undefined;
    },
    options,
  );
}
