// Shrinking a difference between the simulator and a real server: replay fewer actions on both, fresh each time, while they still differ — minimal XEP-0045 regression scenarios
import type { FuzzAction, FuzzCast } from '../actions.js';
import { ddmin, type ShrinkBudget } from '../shrink.js';
import { type LiveRun, type LiveRunOptions, runLive } from './differential.js';

/** The actions from `from` on, after connects for whoever was online then. */
export function tailFrom(actions: readonly FuzzAction[], from: number): FuzzAction[] {
  const online = new Set<string>();
  for (const action of actions.slice(0, from)) {
    if (action.kind === 'connect') online.add(action.client);
    else if (action.kind === 'disconnect') online.delete(action.client);
  }
  const connects: FuzzAction[] = [...online].map((client) => ({ kind: 'connect', client }));
  return [...connects, ...actions.slice(from)];
}

export interface LiveShrinkResult {
  /** The shortest run found that still differs (its steps end at the difference). */
  run: LiveRun;
  replays: number;
  complete: boolean;
  /** Why the server could not be used again, when a replay could not reach it: shrinking stopped there. */
  unreachable?: string;
}

/** The same action: the same client doing the same thing (a stanza sent, compared as XML). */
function sameAction(a: FuzzAction, b: FuzzAction): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind || a.client !== b.client) return false;
  return a.kind !== 'send' || b.kind !== 'send' || a.stanza.toString() === b.stanza.toString();
}

/**
 * Shrinks the actions of a run that ended on a difference: first its last few steps alone (most
 * differences need only the recent ones), then delta debugging, each candidate replayed on a
 * fresh simulated world and under fresh room names on the server. A candidate counts only when
 * it differs at the action the run differed at: the script shows the difference that was found,
 * not another one met on the way.
 */
export async function shrinkLive(
  cast: FuzzCast,
  failing: LiveRun,
  options: LiveRunOptions,
  budget: ShrinkBudget,
): Promise<LiveShrinkResult> {
  let shortest = failing;
  let unreachable: string | undefined;
  const fails = async (candidate: FuzzAction[]): Promise<FuzzAction[] | undefined> => {
    if (unreachable !== undefined) return undefined;
    let run: LiveRun;
    try {
      run = await runLive(cast, { actions: candidate }, options);
    } catch (error) {
      // The server no longer takes connections (a difference that hung or killed it).
      unreachable = error instanceof Error ? error.message : String(error);
      return undefined;
    }
    if (!run.difference || !sameAction(run.difference.action, failing.difference!.action))
      return undefined;
    if (run.steps.length <= shortest.steps.length) shortest = run;
    return run.steps.map((step) => step.action);
  };
  let actions = failing.steps.map((step) => step.action);
  let replays = 0;
  for (const window of [10, 50, 200]) {
    if (window >= actions.length || unreachable !== undefined) break;
    replays += 1;
    const recent = await fails(tailFrom(actions, actions.length - window));
    if (recent) {
      actions = recent;
      break;
    }
  }
  const shrunk = await ddmin(actions, fails, budget);
  return {
    run: shortest,
    replays: replays + shrunk.replays,
    complete: shrunk.complete && unreachable === undefined,
    ...(unreachable !== undefined && { unreachable }),
  };
}
