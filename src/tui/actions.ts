// What each action of the key table does: UI updates through the reducer, steps through the one session — stepping XEP-0045 scenarios (§7–§10)
import type { DebugSession } from '../debugger/debug-session.js';
import type { RecordingText } from '../debugger/growing-recording.js';
import type { SessionStep } from '../debugger/session-api.js';
import type { CompareSource } from './compare-streams.js';
import { detailRowCount } from './components/DetailPane.js';
import { detailSections } from './detail-view.js';
import { toggleDoor } from './door-actions.js';
import { helpRowCount } from './help-lines.js';
import { createInputActions } from './input-actions.js';
import type { ActionName } from './keys.js';
import { type Layout, layoutFor, paneOrder, paneSize } from './layout.js';
import { lessonActions, nextLesson } from './lesson-actions.js';
import type { LessonLibrary } from './lessons.js';
import { linkActions } from './link-actions.js';
import { occupantChart, roomChart } from './machine-chart.js';
import { searchActions } from './search-actions.js';
import { sideBySideLines } from './side-by-side.js';
import type { PaneId, UiAction, UiState, UiStore } from './ui-state.js';
import { userLineCount } from './user-lines.js';
import { followUsers, usersShown } from './users-view.js';
import { roomItems, rowAtOrAfter, stanzaOfStep, stanzaRows } from './view-model.js';

export interface ActionDeps {
  session: DebugSession;
  store: UiStore;
  exit(): void;
  /** Writes a file (the recording); may throw. */
  persist(path: string, recording: RecordingText): void;
  size(): { width: number; height: number };
  /** With --server: the same script on the simulator, for the side-by-side view (`d`). */
  compare?: CompareSource;
  /** The lessons beside the script (`o`, `]`, `[`, `:open`); absent on a real server. */
  lessons?: LessonLibrary;
}

/** What the keys call: an action of the table, or text typed into an input. */
export interface UiActions {
  /** A promise when the action runs a session operation (the next key waits for it). */
  perform(action: ActionName): Promise<void> | void;
  type(text: string): void;
  /** The lessons the menu offers. */
  lessons?: LessonLibrary;
  /** A real client's step joined the session (mucsim serve). */
  realClientStep(step: SessionStep): void;
}

/** The shared helpers every group of actions uses. */
export interface ActionContext extends ActionDeps {
  ui(): UiState;
  dispatch(action: UiAction): void;
  say(ok: boolean, text: string): void;
  /** A session operation's error becomes the error panel, never a crash. */
  fail(error: unknown): void;
  afterStep(step: SessionStep | undefined): void;
  rows(): ReturnType<typeof stanzaRows>;
  /** The panes as they are laid out now. */
  layout(): Layout;
}

function failureOf(error: unknown): { message: string; stack?: string } {
  return error instanceof Error
    ? { message: error.message, stack: error.stack }
    : { message: String(error) };
}

function context(deps: ActionDeps): ActionContext {
  const { session, store } = deps;
  const ctx: ActionContext = {
    ...deps,
    ui: store.getState,
    dispatch: store.dispatch,
    say: (ok, text) => store.dispatch({ type: 'message', ok, text }),
    fail: (error) => store.dispatch({ type: 'failure', failure: failureOf(error) }),
    rows: () => stanzaRows(session, store.getState().filter),
    layout: () => {
      const { width, height } = deps.size();
      return layoutFor(store.getState(), width, height);
    },
    afterStep(step) {
      const list = ctx.rows();
      const seq = step && stanzaOfStep(session, step);
      store.dispatch({
        type: 'follow',
        script: session.cursor,
        steps: session.steps.length,
        stanza: seq === undefined ? list.length - 1 : rowAtOrAfter(list, seq),
        stanzas: list.length,
        transitions: session.transitions().length,
        rooms: roomItems(session.rooms()).length,
      });
      const users = followUsers(session, store.getState(), ctx.rows());
      if (users) store.dispatch(users);
      persistRecording(ctx);
      if (deps.compare && store.getState().sideBySide) compareNow(ctx, deps.compare);
    },
  };
  return ctx;
}

function persistRecording(ctx: ActionContext): void {
  const path = ctx.ui().savePath;
  if (!path) return;
  try {
    ctx.persist(path, ctx.session.recordingText());
  } catch (error) {
    ctx.say(false, `could not write ${path}: ${failureOf(error).message}`);
  }
}

/** Recomputes the side-by-side columns (when shown) and selects their last line. */
function compareNow(ctx: ActionContext, source: CompareSource): void {
  source
    .columns(ctx.session)
    .then((columns) => {
      if (!ctx.ui().sideBySide) return;
      ctx.dispatch({ type: 'sideBySide', columns, count: sideBySideLines(columns).length });
    })
    .catch(ctx.fail);
}

function toggleSideBySide(ctx: ActionContext): void {
  const source = ctx.compare;
  if (!source) return ctx.say(false, 'side by side needs --server');
  if (ctx.ui().sideBySide) {
    ctx.dispatch({ type: 'sideBySide', columns: undefined, count: ctx.rows().length });
    return ctx.say(true, 'stanzas');
  }
  ctx.dispatch({ type: 'sideBySide', columns: [], count: 0 });
  ctx.say(true, 'simulator | server, side by side (d: back to the stanzas)');
  compareNow(ctx, source);
}

/** How many rows the pane has, for moving its selection. */
function countOf(ctx: ActionContext, pane: PaneId): number {
  const ui = ctx.ui();
  const { session } = ctx;
  switch (pane) {
    case 'script':
      return session.steps.length;
    case 'stanzas':
      return ui.sideBySide ? sideBySideLines(ui.sideBySide).length : ctx.rows().length;
    case 'room':
      return roomItems(session.rooms()).length;
    case 'transitions':
      return ui.chart
        ? roomChart(undefined).length + occupantChart(undefined).length + 4
        : session.transitions().length;
    case 'detail': {
      const width = paneSize(ctx.layout(), 'detail')?.width ?? ctx.size().width;
      return detailRowCount(detailSections(session, ui, ctx.rows()), width);
    }
    case 'users': {
      const view = usersShown(session, ui, ctx.rows())[0];
      return view ? userLineCount(view) : 0;
    }
  }
}

function pageSize(ctx: ActionContext): number {
  const box = paneSize(ctx.layout(), ctx.ui().focus);
  return Math.max(1, (box?.height ?? 10) - 3);
}

function move(ctx: ActionContext, delta: number | 'first' | 'last', only?: PaneId): void {
  const ui = ctx.ui();
  if (ui.mode === 'help') {
    const max = helpRowCount(ctx.size().width);
    const step = typeof delta === 'number' ? delta : delta === 'first' ? -max : max;
    return ctx.dispatch({ type: 'helpScroll', delta: step, max });
  }
  if (ui.mode === 'lessons') {
    const count = ctx.lessons?.list().length ?? 0;
    const index = typeof delta === 'number' ? ui.menu + delta : delta === 'first' ? 0 : count - 1;
    return ctx.dispatch({ type: 'menu', index: Math.max(0, Math.min(index, count - 1)) });
  }
  const pane = only ?? ui.focus;
  const count = countOf(ctx, pane);
  const index = delta === 'first' ? 0 : delta === 'last' ? count - 1 : ui.selection[pane] + delta;
  ctx.dispatch({ type: 'select', pane, index, count });
}

export type Group = Partial<Record<ActionName, () => Promise<void> | void>>;

function viewActions(ctx: ActionContext): Group {
  const { session } = ctx;
  return {
    quit: () => ctx.exit(),
    help: () => ctx.dispatch({ type: 'help' }),
    closeOverlay: () => ctx.dispatch({ type: 'closeOverlay' }),
    focusNext: () => ctx.dispatch({ type: 'focus', delta: 1, order: paneOrder(ctx.layout()) }),
    focusPrevious: () => ctx.dispatch({ type: 'focus', delta: -1, order: paneOrder(ctx.layout()) }),
    speedUp: () => ctx.dispatch({ type: 'speed', faster: true }),
    speedDown: () => ctx.dispatch({ type: 'speed', faster: false }),
    openCommand: () => ctx.dispatch({ type: 'openLine', mode: 'command' }),
    toggleChart: () => ctx.dispatch({ type: 'chart', transitions: session.transitions().length }),
    toggleSideBySide: () => toggleSideBySide(ctx),
    toggleDoor: () => toggleDoor(ctx),
    moveDown: () => move(ctx, 1),
    moveUp: () => move(ctx, -1),
    pageDown: () => move(ctx, pageSize(ctx)),
    pageUp: () => move(ctx, -pageSize(ctx)),
    first: () => move(ctx, 'first'),
    last: () => move(ctx, 'last'),
    detailDown: () => move(ctx, 1, 'detail'),
    detailUp: () => move(ctx, -1, 'detail'),
  };
}

function describeStep(step: SessionStep): string {
  const status =
    step.result?.status === 'failed' ? `✘ failed: ${step.result.reason ?? ''}` : '✔ passed';
  return `step ${step.index + 1} ${step.action.client} ${step.action.kind} ${status}`;
}

const RUN_WORDS = {
  end: 'at the end',
  failure: 'stopped at a failed step',
  breakpoint: 'stopped at a breakpoint',
} as const;

/** What to do at the end: read the summary, open the next lesson, or type. */
function endWords(ctx: ActionContext): string {
  const summary =
    ctx.session.script.epilogue.length > 0 ? ': the summary closes the Script pane' : '';
  const after = ctx.lessons && nextLesson(ctx);
  const next = after
    ? `; ] opens the next lesson, ${after.title}`
    : ctx.lessons
      ? '; o: the lessons'
      : '';
  return `${summary}${next}; type a command with :`;
}

function travelActions(ctx: ActionContext): Group {
  const { session } = ctx;
  const travelled = (done: string) => {
    if (session.notice !== undefined) return ctx.say(false, session.notice);
    ctx.say(true, done);
    // Back onto a step, the selection is the one stepping forwards onto it made.
    ctx.afterStep(session.steps[session.cursor - 1]);
  };
  return {
    stepForward: () =>
      session
        .forward()
        .then((step) => {
          if (!step) return ctx.say(true, `at the end of the script${endWords(ctx)}`);
          const last = session.cursor === session.steps.length ? endWords(ctx) : '';
          ctx.say(step.result?.status !== 'failed', `${describeStep(step)}${last}`);
          ctx.afterStep(step);
        })
        .catch(ctx.fail),
    stepBack: () => {
      if (session.cursor === 0) return ctx.say(true, 'at the start');
      return session
        .back()
        .then(() => travelled(`back to step ${session.cursor}`))
        .catch(ctx.fail);
    },
    restart: () =>
      session
        .restart()
        .then(() => {
          if (session.notice === undefined) ctx.dispatch({ type: 'restarted' });
          travelled('restarted');
        })
        .catch(ctx.fail),
    toggleBreakpoint: () => {
      const index = ctx.ui().selection.script;
      session.toggleBreakpoint({ kind: 'step', index });
      const on = session.breakpoints.some((mark) => mark.kind === 'step' && mark.index === index);
      ctx.say(true, `breakpoint ${on ? 'set on' : 'removed from'} step ${index + 1}`);
    },
  };
}

function runActions(ctx: ActionContext): Group {
  const { session } = ctx;
  let wake: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  return {
    run: () => {
      if (ctx.ui().mode === 'running') return;
      ctx.dispatch({ type: 'running', on: true });
      session
        .run(async (step) => {
          ctx.afterStep(step);
          await pause(ctx.ui().speedMs);
        })
        .then((stop) => {
          ctx.dispatch({ type: 'running', on: false });
          if (stop === 'stopped') ctx.say(true, `paused at step ${session.cursor}`);
          else
            ctx.say(stop !== 'failure', `${RUN_WORDS[stop]}${stop === 'end' ? endWords(ctx) : ''}`);
        })
        .catch(ctx.fail);
    },
    stopRun: () => {
      session.stop();
      wake?.();
    },
  };
}

/** The actions of the key table, bound to a session and a UI store. */
export function createUiActions(deps: ActionDeps): UiActions {
  const ctx = context(deps);
  const input = createInputActions(ctx);
  const actions = {
    ...viewActions(ctx),
    ...travelActions(ctx),
    ...runActions(ctx),
    ...linkActions(ctx),
    ...searchActions(ctx),
    ...lessonActions(ctx),
    ...input.actions,
  } as Record<ActionName, () => Promise<void> | void>;
  return {
    perform(action) {
      try {
        return actions[action]();
      } catch (error) {
        const failure = failureOf(error);
        ctx.dispatch({ type: 'failure', failure });
        ctx.say(false, `error: ${failure.message}`);
      }
    },
    type: input.type,
    ...(deps.lessons && { lessons: deps.lessons }),
    // The views follow real clients as they act (p pauses the door to read in peace).
    realClientStep: (step) => ctx.afterStep(step),
  };
}
