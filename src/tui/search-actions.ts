// `/` searches as you type and jumps to the first match, n/N and ctrl-n/ctrl-p step through the matches, f shows only them; the count finishes in the background — finding things in a XEP-0045 session (§7–§10)
import type { ActionContext, Group } from './actions.js';
import { type MatchList, nextMatch, searchMatches } from './search.js';
import type { PaneId, Search } from './ui-state.js';
import { stanzaRows } from './view-model.js';

/** Items looked at per key before answering; the rest is counted in the background. */
const KEY_BUDGET = 20_000;
/** Items looked at per background slice. */
const SLICE = 5_000;

/** The searches being counted in the background (scope and query). */
const counting = new Set<string>();

/** The pane whose selection a search moves. */
function paneOf(search: Search): PaneId {
  return search.scope;
}

function matchesNow(ctx: ActionContext, search: Search, budget: number): MatchList {
  return searchMatches(ctx.session, search, ctx.ui().filter, budget);
}

/** Finishes the count of a search a slice at a time, redrawing after each, until done or replaced. */
function countInBackground(ctx: ActionContext, search: Search): void {
  const key = `${search.scope}\u0000${search.query}`;
  if (counting.has(key)) return;
  counting.add(key);
  const slice = () => {
    const now = ctx.ui().search;
    if (now?.scope !== search.scope || now.query !== search.query) return counting.delete(key);
    const list = matchesNow(ctx, now, SLICE);
    ctx.dispatch({ type: 'counted' });
    if (list.complete) counting.delete(key);
    else setTimeout(slice, 0);
  };
  setTimeout(slice, 0);
}

/**
 * Moves to the next (or previous) match from the selection; `inclusive` also accepts the
 * selected row itself (while typing, the search grows from where it started).
 */
function goToMatch(ctx: ActionContext, forward: boolean, inclusive = false): void {
  const ui = ctx.ui();
  const search = ui.search;
  if (!search || search.query.trim() === '') {
    if (!inclusive) ctx.say(false, 'no search: / to search');
    return;
  }
  const pane = paneOf(search);
  const from = ui.selection[pane] - (inclusive ? 1 : 0);
  let list = matchesNow(ctx, search, KEY_BUDGET);
  let target = nextMatch(list.matches, from, forward);
  const wrapped = target !== undefined && (forward ? target <= from : target >= from);
  if ((target === undefined || wrapped) && !list.complete) {
    // A match further on may not have been looked at yet: look before wrapping around.
    list = matchesNow(ctx, search, Number.POSITIVE_INFINITY);
    target = nextMatch(list.matches, from, forward);
  }
  countInBackground(ctx, search);
  if (target === undefined) return ctx.say(false, `no match for "${search.query}"`);
  ctx.dispatch({ type: 'select', pane, index: target, count: target + 1 });
  if (!inclusive)
    ctx.say(
      true,
      `match ${list.matches.indexOf(target) + 1} of ${list.matches.length}${list.complete ? '' : '…'}`,
    );
}

/** `f`: only the stanzas that match the search (again: all of them). */
function filterMatches(ctx: ActionContext): void {
  const { search, filter } = ctx.ui();
  if (search?.scope !== 'stanzas')
    return ctx.say(false, 'f filters the stanzas by a search of the Stanzas pane');
  const next = filter === search.query ? '' : search.query;
  ctx.dispatch({ type: 'filter', filter: next, count: stanzaRows(ctx.session, next).length });
  ctx.say(true, next ? `only the stanzas matching "${next}" (f: all)` : 'all the stanzas');
}

export function searchActions(ctx: ActionContext): Group {
  return {
    openSearch: () => ctx.dispatch({ type: 'openLine', mode: 'search' }),
    nextMatch: () => goToMatch(ctx, true),
    previousMatch: () => goToMatch(ctx, false),
    filterMatches: () => filterMatches(ctx),
  };
}

/** While typing a search: the first match at or after the selection. */
export function searchAsTyped(ctx: ActionContext): void {
  goToMatch(ctx, true, true);
}
