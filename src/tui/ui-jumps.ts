// The jump stack of cause and effect: `enter` moves to a stanza's cause (or an input's step), `esc` comes back the same way, as lazygit does — following XEP-0045 traffic (§7.1)
import type { PaneId, UiState } from './ui-state.js';

/** Where a jump lands: a pane, the row to select in it, and the filter that row was found under. */
export interface JumpTarget {
  pane: 'script' | 'stanzas';
  index: number;
  count: number;
  filter: string;
}

/** Where a jump left from: enough to put the screen back as it was. */
export interface Jump {
  focus: PaneId;
  detailSource: UiState['detailSource'];
  selection: UiState['selection'];
  filter: string;
}

/** The deepest path kept: older places are forgotten first. */
export const MAX_JUMPS = 100;

export function jumpTo(ui: UiState, to: JumpTarget): UiState {
  const here: Jump = {
    focus: ui.focus,
    detailSource: ui.detailSource,
    selection: ui.selection,
    filter: ui.filter,
  };
  const index = Math.max(0, Math.min(to.index, Math.max(0, to.count - 1)));
  return {
    ...ui,
    jumps: [...ui.jumps, here].slice(-MAX_JUMPS),
    focus: to.pane,
    detailSource: to.pane,
    filter: to.filter,
    selection: { ...ui.selection, [to.pane]: index, detail: 0 },
  };
}

/** Back to where the last jump left from; nothing to do when no jump was made. */
export function jumpBack(ui: UiState): UiState {
  const last = ui.jumps.at(-1);
  if (!last) return ui;
  return {
    ...ui,
    jumps: ui.jumps.slice(0, -1),
    focus: last.focus,
    detailSource: last.detailSource,
    selection: last.selection,
    filter: last.filter,
  };
}
