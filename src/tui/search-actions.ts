// `/` searches as you type and jumps to the first match, n/N and ctrl-n/ctrl-p step through the matches, f shows only them; the count finishes in the background — finding things in a XEP-0045 session (§7–§10)
import type { ActionContext, Group } from './actions.js';
import { type MatchList, matchPosition, nextMatch, searchMatches } from './search.js';
import type { PaneId, Search } from './ui-state.js';
import { stanzaRows } from './view-model.js';

/** Items a key looks at, at least: a short list is searched whole before the key answers. */
const KEY_ITEMS = 2_000;
/** Items looked at between two looks at the clock. */
const CHUNK = 500;
/** How long a key, or a slice in the background, goes on searching beyond KEY_ITEMS. */
const SLICE_MS = 4;
/**
 * How often a count in the background has the counter drawn again: a frame costs far more than
 * a slice, and a key pressed meanwhile waits for the frame being drawn.
 */
const REDRAW_MS = 250;

/** The searches being counted in the background (scope and query), and what to do when done. */
const counting = new Map<string, (() => void) | undefined>();

/** The pane whose selection a search moves. */
function paneOf(search: Search): PaneId {
  return search.scope;
}

/** Searches `minimum` items, then on for at most SLICE_MS or until `enough` says so. */
function searchFor(
  ctx: ActionContext,
  search: Search,
  minimum: number,
  enough: (list: MatchList) => boolean = () => false,
): MatchList {
  const deadline = performance.now() + SLICE_MS;
  let list = searchMatches(ctx.session, search, ctx.ui().filter, minimum);
  while (!list.complete && !enough(list) && performance.now() < deadline) {
    list = searchMatches(ctx.session, search, ctx.ui().filter, CHUNK);
  }
  return list;
}

/**
 * Finishes the count of a search a slice at a time, redrawing every REDRAW_MS and at the end,
 * until done or replaced; `then` runs once it is done (a match to go to that was not looked at yet).
 */
function countInBackground(ctx: ActionContext, search: Search, then?: () => void): void {
  const key = `${search.scope}\u0000${search.query}`;
  const running = counting.has(key);
  if (then || !running) counting.set(key, then ?? counting.get(key));
  if (running) return;
  let drawn = performance.now();
  const slice = () => {
    const now = ctx.ui().search;
    if (now?.scope !== search.scope || now.query !== search.query) return counting.delete(key);
    const list = searchFor(ctx, now, CHUNK);
    if (list.complete || performance.now() - drawn >= REDRAW_MS) {
      drawn = performance.now();
      ctx.dispatch({ type: 'counted' });
    }
    if (!list.complete) return setTimeout(slice, 0);
    const done = counting.get(key);
    counting.delete(key);
    done?.();
  };
  setTimeout(slice, 0);
}

/** The match to go to from `from`, and whether it is a true one (not one wrapped around to). */
function targetOf(list: MatchList, from: number, forward: boolean) {
  const target = nextMatch(list.matches, from, forward);
  const wrapped = target !== undefined && (forward ? target <= from : target >= from);
  return { target, ahead: target !== undefined && !wrapped };
}

/**
 * Moves to the next (or previous) match from the selection; `inclusive` also accepts the
 * selected row itself (while typing, the search grows from where it started). A key searches
 * a slice of a long list: when the match is further on, it is gone to once found.
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
  const list = searchFor(ctx, search, KEY_ITEMS, (so) => targetOf(so, from, forward).ahead);
  const { target, ahead } = targetOf(list, from, forward);
  if (!ahead && !list.complete) {
    // A match further on may not have been looked at yet: look before wrapping around.
    const selected = ui.selection[pane];
    countInBackground(ctx, search, () => {
      const now = ctx.ui();
      const same = now.search?.scope === search.scope && now.search.query === search.query;
      if (same && now.selection[pane] === selected) {
        goToMatch(ctx, forward, inclusive);
      }
    });
    if (!inclusive) ctx.say(true, `searching for "${search.query}"…`);
    return;
  }
  countInBackground(ctx, search);
  if (target === undefined) return ctx.say(false, `no match for "${search.query}"`);
  ctx.dispatch({ type: 'select', pane, index: target, count: target + 1 });
  if (!inclusive) {
    const at = matchPosition(list.matches, target) + 1;
    ctx.say(true, `match ${at} of ${list.matches.length}${list.complete ? '' : '…'}`);
  }
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
