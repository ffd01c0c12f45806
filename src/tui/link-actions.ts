// Following cause and effect with enter and coming back with esc (a jump stack), zooming a pane, and the users' views — lazygit-style navigation of a XEP-0045 trace (§7.1)
import type { ActionContext, Group } from './actions.js';
import type { JumpTarget } from './ui-jumps.js';
import { userLineAt } from './user-lines.js';
import { followUsers, userNames, usersShown } from './users-view.js';
import { rowOfSeq, stanzaOfStep, stanzaRows } from './view-model.js';

/** Where stanza `seq` is: in the filtered rows, else in all of them (the filter is then lifted). */
function stanzaTarget(ctx: ActionContext, seq: number): JumpTarget | undefined {
  const { filter } = ctx.ui();
  const rows = ctx.rows();
  const index = rowOfSeq(rows, seq);
  if (index !== -1) return { pane: 'stanzas', index, count: rows.length, filter };
  const all = stanzaRows(ctx.session, '');
  const unfiltered = rowOfSeq(all, seq);
  return unfiltered === -1
    ? undefined
    : { pane: 'stanzas', index: unfiltered, count: all.length, filter: '' };
}

function jump(ctx: ActionContext, to: JumpTarget | undefined, what: string): void {
  if (!to) return ctx.say(false, `${what}: not in the trace any more`);
  ctx.dispatch({ type: 'jump', to });
  ctx.say(true, `${what} (esc: back)`);
}

function toStanza(ctx: ActionContext, seq: number, what: string): void {
  jump(ctx, stanzaTarget(ctx, seq), what);
}

function fromStanza(ctx: ActionContext): void {
  const { session } = ctx;
  const row = ctx.rows().at(ctx.ui().selection.stanzas);
  if (!row) return ctx.say(false, 'no stanza selected');
  const entry = row.entry;
  if (entry.kind !== 'input')
    return toStanza(ctx, entry.cause, `#${entry.cause}: the input that caused #${row.seq}`);
  const step = session.stepOf(row.seq);
  if (!step) return ctx.say(false, `#${row.seq} arrived between steps: no step sent it`);
  const count = session.steps.length;
  jump(
    ctx,
    { pane: 'script', index: step.index, count, filter: ctx.ui().filter },
    `step ${step.index + 1}: the step that sent #${row.seq}`,
  );
}

function fromStep(ctx: ActionContext): void {
  const step = ctx.session.steps[ctx.ui().selection.script];
  const seq = step && stanzaOfStep(ctx.session, step);
  if (!step || seq === undefined)
    return ctx.say(false, 'this step has no stanza of its own (not run yet, or it produced none)');
  const what =
    step.action.kind === 'receives' ? 'the stanza it matched' : 'the first stanza it produced';
  toStanza(ctx, seq, `#${seq}: ${what}`);
}

function fromTransition(ctx: ActionContext): void {
  const ui = ctx.ui();
  if (ui.chart) return ctx.say(false, 'm: back to the timeline to follow a transition');
  const transition = ctx.session.transitions()[ui.selection.transitions];
  if (!transition) return ctx.say(false, 'no transition selected');
  toStanza(ctx, transition.cause, `#${transition.cause}: the stanza behind #${transition.seq}`);
}

function fromUsers(ctx: ActionContext): void {
  const ui = ctx.ui();
  const view = usersShown(ctx.session, ui, ctx.rows())[0];
  const line = view && userLineAt(view, ui.selection.users);
  if (line?.seq === undefined)
    return ctx.say(false, 'enter follows a line of the log or an occupant to its stanza');
  toStanza(ctx, line.seq, `#${line.seq}: the stanza behind that line`);
}

/** `enter`: from the focused pane's selection to its cause (see the key table). */
function followLink(ctx: ActionContext): void {
  const ui = ctx.ui();
  const from = ui.focus === 'detail' ? ui.detailSource : ui.focus;
  if (ui.sideBySide && from === 'stanzas')
    return ctx.say(false, 'd: back to the stanzas to follow one');
  if (from === 'stanzas') return fromStanza(ctx);
  if (from === 'script') return fromStep(ctx);
  if (from === 'transitions') return fromTransition(ctx);
  if (from === 'users') return fromUsers(ctx);
  ctx.say(false, 'enter follows a stanza, a step, a transition or a line of a user’s log');
}

/** `esc`: the error panel, the search, the filter, the last jump, the zoom, the message, in that order. */
function goBack(ctx: ActionContext): void {
  const ui = ctx.ui();
  if (ui.failure) return ctx.dispatch({ type: 'closeOverlay' });
  if (ui.search) {
    ctx.dispatch({ type: 'endSearch' });
    return ctx.say(true, 'search ended');
  }
  if (ui.filter) {
    ctx.dispatch({ type: 'filter', filter: '', count: stanzaRows(ctx.session, '').length });
    return ctx.say(true, 'filter cleared');
  }
  if (ui.jumps.length > 0) {
    ctx.dispatch({ type: 'jumpBack' });
    return ctx.say(true, `back (${ui.jumps.length - 1} more)`);
  }
  if (ui.zoom) return ctx.dispatch({ type: 'zoom' });
  ctx.dispatch({ type: 'closeOverlay' });
}

function follow(ctx: ActionContext): void {
  const action = followUsers(ctx.session, ctx.ui(), ctx.rows());
  if (action) ctx.dispatch(action);
}

function nextUser(ctx: ActionContext): void {
  const names = userNames(ctx.session);
  if (names.length === 0) return ctx.say(false, 'no user yet');
  const shown = usersShown(ctx.session, ctx.ui(), ctx.rows())[0]?.name;
  const next = names[(names.indexOf(shown ?? '') + 1) % names.length] as string;
  ctx.dispatch({ type: 'users', user: next });
  follow(ctx);
  ctx.say(true, `${next}'s view (u: next user)`);
}

export function linkActions(ctx: ActionContext): Group {
  return {
    followLink: () => followLink(ctx),
    goBack: () => goBack(ctx),
    toggleZoom: () => ctx.dispatch({ type: 'zoom' }),
    toggleUsers: () => {
      ctx.dispatch({ type: 'users' });
      if (!ctx.ui().users) return;
      follow(ctx);
      ctx.say(true, 'what each client knows, from what it received (u: next user)');
    },
    nextUser: () => nextUser(ctx),
  };
}
