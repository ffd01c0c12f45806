// The search of the focused list, built as far as asked and then in the background: stanzas by summary and XML, steps by narration and XML, transitions by text — finding things in a XEP-0045 session (§7–§10)
import type { DebugSession } from '../debugger/debug-session.js';
import { stanzaMatches, stepMatches } from '../describe/search.js';
import type { Search, SearchScope, UiState } from './ui-state.js';
import { stanzaRows } from './view-model.js';

export interface MatchList {
  /** Indexes of the matching items of the list, in order. */
  matches: readonly number[];
  /** Every item has been looked at (else the count may still grow). */
  complete: boolean;
}

interface Progress {
  key: string;
  items: unknown;
  length: number;
  scanned: number;
  matches: number[];
}

const progress = new WeakMap<DebugSession, Progress>();

/** The list a scope searches, and whether item `index` matches `query`. */
function listOf(session: DebugSession, scope: SearchScope, filter: string) {
  if (scope === 'script') {
    const steps = session.steps;
    return {
      items: steps,
      length: steps.length,
      test: (i: number, q: string) => stepMatches(steps[i] as (typeof steps)[number], q),
    };
  }
  if (scope === 'transitions') {
    const views = session.transitions();
    return {
      items: views,
      length: views.length,
      test: (i: number, q: string) =>
        (views[i]?.text.toLowerCase() ?? '').includes(q.toLowerCase()),
    };
  }
  const rows = stanzaRows(session, filter);
  const names = () => session.names();
  return {
    items: rows,
    length: rows.length,
    test: (i: number, q: string) => {
      const entry = rows.entryAt(i);
      return entry !== undefined && stanzaMatches(entry, q, names);
    },
  };
}

/**
 * The matches found so far, after looking at up to `budget` more items. The same search goes
 * on from where it stopped; a longer list (new stanzas) is searched only in its new part.
 */
export function searchMatches(
  session: DebugSession,
  search: Search,
  filter: string,
  budget = Number.POSITIVE_INFINITY,
): MatchList {
  const list = listOf(session, search.scope, filter);
  const key = `${search.scope}\u0000${filter}\u0000${search.query}`;
  let known = progress.get(session);
  const stale =
    !known ||
    known.key !== key ||
    known.items !== list.items ||
    list.length < known.scanned ||
    // Typed steps are inserted in the middle of the script: its matches are found again.
    (search.scope === 'script' && known.length !== list.length);
  if (stale || !known) {
    known = { key, items: list.items, length: list.length, scanned: 0, matches: [] };
    progress.set(session, known);
  }
  known.length = list.length;
  const query = search.query.trim();
  const until = Math.min(list.length, known.scanned + budget);
  if (query === '') known.scanned = list.length;
  for (; known.scanned < until; known.scanned += 1) {
    if (list.test(known.scanned, query)) known.matches.push(known.scanned);
  }
  return { matches: known.matches, complete: known.scanned >= list.length };
}

/** How many of the sorted `values` are below `bound` (where `bound` would go among them). */
function countBelow(sorted: readonly number[], bound: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] as number) < bound) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first match after `from` (before it, going back), wrapping around; undefined when none. */
export function nextMatch(
  matches: readonly number[],
  from: number,
  forward: boolean,
): number | undefined {
  if (matches.length === 0) return undefined;
  // The first match above `from` (forward), or the one before the first at or above it.
  const low = countBelow(matches, forward ? from + 1 : from);
  if (forward) return matches[low] ?? matches[0];
  return matches[low - 1] ?? matches.at(-1);
}

/** `3/17`: where the selection is among the matches (`–` when on none); `…` while counting. */
export function searchCounter(list: MatchList, selected: number): string {
  const at = matchPosition(list.matches, selected);
  const position = at === -1 ? '–' : String(at + 1);
  return `${position}/${list.matches.length}${list.complete ? '' : '…'}`;
}

export interface SearchStatus {
  scope: SearchScope;
  /** `search "romeo"` */
  label: string;
  /** `3/17` */
  counter: string;
}

/** The search in force, as the searched pane's title and the footer show it (the count so far). */
export function searchStatus(
  session: DebugSession,
  ui: Pick<UiState, 'search' | 'filter' | 'selection'>,
): SearchStatus | undefined {
  const search = ui.search;
  if (!search || search.query.trim() === '') return undefined;
  const list = searchMatches(session, search, ui.filter, 0);
  return {
    scope: search.scope,
    label: `search "${search.query}"`,
    counter: searchCounter(list, ui.selection[search.scope]),
  };
}

/** Where `value` is in the sorted `matches`, or -1. */
export function matchPosition(sorted: readonly number[], value: number): number {
  const index = countBelow(sorted, value);
  return sorted[index] === value ? index : -1;
}
