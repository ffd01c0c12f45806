// What each action of the key table does to the session and the UI state; engine errors become messages — stepping XEP-0045 scenarios (§7–§10)
import type { DebugSessionApi, SessionStep } from '../debugger/session-api.js';
import type { CompareSource } from './compare-streams.js';
import { helpLines } from './help-lines.js';
import { createInputActions } from './input-actions.js';
import type { ActionName } from './keys.js';
import { computeLayout } from './layout.js';
import { occupantChart, roomChart } from './machine-chart.js';
import { sideBySideLines } from './side-by-side.js';
import {
  changeSpeed,
  cycleFocus,
  initialUi,
  openLine,
  type PaneId,
  select,
  type UiState,
  withMessage,
} from './ui-state.js';
import {
  detailLineCount,
  detailSections,
  roomItems,
  rowAtOrAfter,
  stanzaRows,
} from './view-model.js';

export interface ControllerDeps {
  session: DebugSessionApi;
  getUi(): UiState;
  setUi(update: (ui: UiState) => UiState): void;
  /** The session changed: draw again. */
  refresh(): void;
  exit(): void;
  /** Writes a file (the recording); may throw. */
  persist(path: string, text: string): void;
  size(): { width: number; height: number };
  /** With --server: the same script on the simulator, for the side-by-side view (`d`). */
  compare?: CompareSource;
}

export interface Controller {
  perform(action: ActionName): void;
  type(text: string): void;
  /** Resolves when every queued session operation has finished (tests). */
  idle(): Promise<void>;
}

class RunStopped extends Error {}

function messageOf(error: unknown): { message: string; stack?: string } {
  return error instanceof Error
    ? { message: error.message, stack: error.stack }
    : { message: String(error) };
}

export function createController(deps: ControllerDeps): Controller {
  const { session, setUi } = deps;
  let queue: Promise<void> = Promise.resolve();
  let stopRequested = false;
  let wake: (() => void) | undefined;

  /** Session operations run one after the other; a throw becomes the error panel, never a crash. */
  const enqueue = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((error: unknown) => {
      const failure = messageOf(error);
      setUi((ui) => ({
        ...withMessage(ui, false, `engine error: ${failure.message}`),
        failure,
        mode: ui.mode === 'running' ? 'normal' : ui.mode,
      }));
      deps.refresh();
    });
  };

  const persistRecording = () => {
    const path = deps.getUi().savePath;
    if (!path) return;
    try {
      deps.persist(path, session.recording());
    } catch (error) {
      setUi((ui) => withMessage(ui, false, `could not write ${path}: ${messageOf(error).message}`));
    }
  };

  const rows = () => stanzaRows(session, deps.getUi().filter);

  /** After a step: the script cursor, the step's first stanza and the latest transition come into view. */
  const follow = (step?: SessionStep) => {
    const list = rows();
    const transitions = session.transitions().length;
    setUi((ui) => {
      let next = select(ui, 'script', session.cursor, session.steps.length);
      const stanza = step?.traceRange ? rowAtOrAfter(list, step.traceRange.first) : list.length - 1;
      next = select(next, 'stanzas', stanza, list.length);
      next = select(next, 'transitions', transitions - 1, transitions);
      return { ...next, selection: { ...next.selection, detail: 0 } };
    });
  };

  /** Recomputes the side-by-side columns (when shown) and selects their last line. */
  const compareNow = (source: CompareSource) =>
    enqueue(async () => {
      const columns = await source.columns(session);
      const count = sideBySideLines(columns).length;
      setUi((ui) =>
        ui.sideBySide ? select({ ...ui, sideBySide: columns }, 'stanzas', count - 1, count) : ui,
      );
      deps.refresh();
    });

  const afterStep = (step: SessionStep | undefined) => {
    follow(step);
    persistRecording();
    if (deps.compare && deps.getUi().sideBySide) compareNow(deps.compare);
    deps.refresh();
  };

  const toggleSideBySide = () => {
    const source = deps.compare;
    if (!source) {
      setUi((ui) => withMessage(ui, false, 'side by side needs --server'));
      return;
    }
    if (deps.getUi().sideBySide) {
      const count = rows().length;
      setUi((ui) =>
        withMessage(
          select({ ...ui, sideBySide: undefined }, 'stanzas', count - 1, count),
          true,
          'stanzas',
        ),
      );
      return;
    }
    setUi((ui) =>
      withMessage(
        { ...ui, sideBySide: [], focus: 'stanzas', detailSource: 'stanzas' },
        true,
        'simulator | server, side by side (d: back to the stanzas)',
      ),
    );
    compareNow(source);
  };

  const describe = (step: SessionStep) => {
    const status =
      step.result?.status === 'failed' ? `✘ failed: ${step.result.reason ?? ''}` : '✔ passed';
    return `step ${step.index + 1} ${step.action.client} ${step.action.kind} ${status}`;
  };

  const stepForward = () =>
    enqueue(async () => {
      const step = await session.forward();
      if (!step) {
        setUi((ui) => withMessage(ui, true, 'at the end of the script: type a command with :'));
        return;
      }
      setUi((ui) => withMessage(ui, step.result?.status !== 'failed', describe(step)));
      afterStep(step);
    });

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const run = () => {
    if (deps.getUi().mode === 'running') return;
    stopRequested = false;
    setUi((ui) => ({ ...ui, mode: 'running', message: undefined }));
    enqueue(async () => {
      try {
        const stop = await session.run(async (step) => {
          afterStep(step);
          await sleep(deps.getUi().speedMs);
          if (stopRequested) throw new RunStopped();
        });
        const words = {
          end: 'at the end',
          failure: 'stopped at a failed step',
          breakpoint: 'stopped at a breakpoint',
        };
        setUi((ui) => withMessage({ ...ui, mode: 'normal' }, stop !== 'failure', words[stop]));
      } catch (error) {
        if (!(error instanceof RunStopped)) throw error;
        setUi((ui) =>
          withMessage({ ...ui, mode: 'normal' }, true, `paused at step ${session.cursor}`),
        );
      }
      deps.refresh();
    });
  };

  const counts = (pane: PaneId): number => {
    const ui = deps.getUi();
    switch (pane) {
      case 'script':
        return session.steps.length;
      case 'stanzas':
        return ui.sideBySide ? sideBySideLines(ui.sideBySide).length : rows().length;
      case 'room':
        return roomItems(session.rooms()).length;
      case 'transitions':
        return ui.chart
          ? roomChart(undefined).length + occupantChart(undefined).length + 4
          : session.transitions().length;
      case 'detail':
        return detailLineCount(detailSections(session, ui, rows()));
    }
  };

  const pageSize = () => {
    const { width, height } = deps.size();
    const box = computeLayout(width, height, deps.getUi().chart)
      .columns.flatMap((c) => c.panes)
      .find((p) => p.id === deps.getUi().focus);
    return Math.max(1, (box?.height ?? 10) - 3);
  };

  const move = (delta: number | 'first' | 'last', only?: PaneId) => {
    const ui = deps.getUi();
    if (ui.mode === 'help') {
      const max = helpLines().length;
      const step = typeof delta === 'number' ? delta : delta === 'first' ? -max : max;
      setUi((current) => ({
        ...current,
        helpScroll: Math.max(0, Math.min(max, current.helpScroll + step)),
      }));
      return;
    }
    const pane = only ?? ui.focus;
    const count = counts(pane);
    const current = ui.selection[pane];
    const target = delta === 'first' ? 0 : delta === 'last' ? count - 1 : current + delta;
    setUi((state) => select(state, pane, target, count));
  };

  const input = createInputActions({
    session,
    getUi: deps.getUi,
    setUi,
    enqueue,
    afterStep,
    rows,
    exit: deps.exit,
    persist: deps.persist,
    refresh: deps.refresh,
  });

  const actions: Record<ActionName, () => void> = {
    quit: () => deps.exit(),
    help: () => setUi((ui) => ({ ...ui, mode: 'help', helpScroll: 0 })),
    closeOverlay: () =>
      setUi((ui) => ({
        ...ui,
        mode: ui.mode === 'help' ? 'normal' : ui.mode,
        failure: undefined,
        message: undefined,
      })),
    focusNext: () => setUi((ui) => cycleFocus(ui, 1)),
    focusPrevious: () => setUi((ui) => cycleFocus(ui, -1)),
    stepForward,
    stepBack: () =>
      enqueue(async () => {
        if (session.cursor === 0) {
          setUi((ui) => withMessage(ui, true, 'at the start'));
          return;
        }
        await session.back();
        const notice = session.notice;
        if (notice !== undefined) {
          setUi((ui) => withMessage(ui, false, notice));
          return;
        }
        setUi((ui) => withMessage(ui, true, `back to step ${session.cursor}`));
        afterStep(undefined);
      }),
    run,
    restart: () =>
      enqueue(async () => {
        await session.restart();
        const notice = session.notice;
        if (notice !== undefined) {
          setUi((ui) => withMessage(ui, false, notice));
          return;
        }
        setUi((ui) =>
          withMessage(
            {
              ...initialUi(ui.savePath),
              focus: ui.focus,
              detailSource: ui.detailSource,
              filter: ui.filter,
              speedMs: ui.speedMs,
              chart: ui.chart,
            },
            true,
            'restarted',
          ),
        );
        afterStep(undefined);
      }),
    speedUp: () =>
      setUi((ui) => {
        const next = changeSpeed(ui, true);
        return withMessage(next, true, `${next.speedMs} ms per step`);
      }),
    speedDown: () =>
      setUi((ui) => {
        const next = changeSpeed(ui, false);
        return withMessage(next, true, `${next.speedMs} ms per step`);
      }),
    stopRun: () => {
      stopRequested = true;
      wake?.();
    },
    toggleBreakpoint: () => {
      const index = deps.getUi().selection.script;
      session.toggleBreakpoint({ kind: 'step', index });
      const on = session.breakpoints.some((b) => b.kind === 'step' && b.index === index);
      setUi((ui) =>
        withMessage(ui, true, `breakpoint ${on ? 'set on' : 'removed from'} step ${index + 1}`),
      );
      deps.refresh();
    },
    openCommand: () => setUi((ui) => openLine(ui, 'command')),
    openFilter: () =>
      setUi((ui) => openLine({ ...ui, focus: 'stanzas', detailSource: 'stanzas' }, 'filter')),
    clearFilter: () =>
      setUi((ui) => ({ ...ui, filter: '', message: undefined, failure: undefined })),
    toggleChart: () =>
      setUi((ui) => ({
        ...ui,
        chart: !ui.chart,
        selection: {
          ...ui.selection,
          transitions: ui.chart ? session.transitions().length - 1 : 0,
        },
      })),
    toggleSideBySide,
    moveDown: () => move(1),
    moveUp: () => move(-1),
    pageDown: () => move(pageSize()),
    pageUp: () => move(-pageSize()),
    first: () => move('first'),
    last: () => move('last'),
    detailDown: () => move(1, 'detail'),
    detailUp: () => move(-1, 'detail'),
    ...input.actions,
  };

  return {
    perform(action) {
      try {
        actions[action]();
      } catch (error) {
        const failure = messageOf(error);
        setUi((ui) => ({ ...withMessage(ui, false, `error: ${failure.message}`), failure }));
      }
    },
    type: input.type,
    idle: () => queue,
  };
}
