// The debugger's UI state (focus, mode, selections, inputs), its pure reducer and the store the keys write to — views of XEP-0045 rooms (§5, §7)
import type { ClientColumns } from './side-by-side.js';
import { emptyBuffer, type TextBuffer } from './text-buffer.js';

export const PANES = ['script', 'stanzas', 'detail', 'room', 'transitions'] as const;
export type PaneId = (typeof PANES)[number];

export type Mode = 'normal' | 'help' | 'running' | 'command' | 'filter' | 'xml';

export interface Message {
  ok: boolean;
  text: string;
}

export interface EngineFailure {
  message: string;
  stack?: string;
}

export interface UiState {
  mode: Mode;
  focus: PaneId;
  /** What the Detail pane explains: the selected step or the selected stanza (the list focused last). */
  detailSource: 'script' | 'stanzas';
  /** Selected row of each pane (script: step index; stanzas: row of the filtered list; others: scroll/selection). */
  selection: Record<PaneId, number>;
  /** The stanza filter in force (shown in the Stanzas pane header). */
  filter: string;
  /** Text being typed on the `:` or `/` line. */
  line: string;
  xml?: { client: string; buffer: TextBuffer };
  message?: Message;
  /** Pause between steps while running, in milliseconds. */
  speedMs: number;
  chart: boolean;
  /** `d` (with --server): the simulator's and the server's streams in place of the Stanzas pane. */
  sideBySide?: ClientColumns[];
  helpScroll: number;
  /** Where the recording is rewritten after every step (`--record`, `:save`). */
  savePath?: string;
  failure?: EngineFailure;
  /** Completion candidates shown under the input after a tab. */
  candidates: string[];
}

export const DEFAULT_SPEED_MS = 300;
export const SPEEDS_MS = [0, 50, 100, 200, 300, 500, 800, 1200, 2000] as const;

export function initialUi(savePath?: string): UiState {
  return {
    mode: 'normal',
    focus: 'stanzas',
    detailSource: 'stanzas',
    selection: { script: 0, stanzas: 0, detail: 0, room: 0, transitions: 0 },
    filter: '',
    line: '',
    speedMs: DEFAULT_SPEED_MS,
    chart: false,
    helpScroll: 0,
    savePath,
    candidates: [],
  };
}

export function cycleFocus(ui: UiState, delta: 1 | -1): UiState {
  const index = PANES.indexOf(ui.focus);
  const next = PANES[(index + delta + PANES.length) % PANES.length] as PaneId;
  const detailSource = next === 'script' || next === 'stanzas' ? next : ui.detailSource;
  return { ...ui, focus: next, detailSource };
}

export function select(ui: UiState, pane: PaneId, index: number, count: number): UiState {
  const clamped = Math.max(0, Math.min(index, Math.max(0, count - 1)));
  return { ...ui, selection: { ...ui.selection, [pane]: clamped } };
}

/** `+` shortens the pause, `-` lengthens it, along a fixed ladder. */
export function changeSpeed(ui: UiState, faster: boolean): UiState {
  const ladder = SPEEDS_MS as readonly number[];
  const index = ladder.findIndex((value) => value >= ui.speedMs);
  const current = index === -1 ? ladder.length - 1 : index;
  const next = Math.max(0, Math.min(ladder.length - 1, current + (faster ? -1 : 1)));
  return { ...ui, speedMs: ladder[next] as number };
}

export function openLine(ui: UiState, mode: 'command' | 'filter'): UiState {
  return { ...ui, mode, line: mode === 'filter' ? ui.filter : '', candidates: [] };
}

export function openXmlEditor(ui: UiState, client: string): UiState {
  return { ...ui, mode: 'xml', xml: { client, buffer: emptyBuffer() }, candidates: [] };
}

export function closeInput(ui: UiState): UiState {
  return { ...ui, mode: 'normal', line: '', xml: undefined, candidates: [] };
}

export function withMessage(ui: UiState, ok: boolean, text: string): UiState {
  return { ...ui, message: { ok, text } };
}

/** Everything that changes the UI state: the reducer below is the only writer. */
export type UiAction =
  | { type: 'message'; ok: boolean; text: string }
  | { type: 'focus'; delta: 1 | -1 }
  | { type: 'select'; pane: PaneId; index: number; count: number }
  | { type: 'help' }
  | { type: 'helpScroll'; delta: number; max: number }
  | { type: 'closeOverlay' }
  | { type: 'speed'; faster: boolean }
  | { type: 'openLine'; mode: 'command' | 'filter' }
  | { type: 'openXml'; client: string }
  | { type: 'closeInput' }
  | { type: 'cancelLine' }
  | { type: 'line'; line: string }
  | { type: 'xml'; buffer: TextBuffer }
  | { type: 'candidates'; candidates: string[] }
  | { type: 'applyFilter'; count: number }
  | { type: 'clearFilter' }
  | { type: 'running'; on: boolean }
  | { type: 'failure'; failure: EngineFailure }
  | {
      type: 'follow';
      script: number;
      steps: number;
      stanza: number;
      stanzas: number;
      transitions: number;
    }
  | { type: 'restarted' }
  | { type: 'savePath'; path: string }
  | { type: 'chart'; transitions: number }
  | { type: 'sideBySide'; columns: ClientColumns[] | undefined; count: number };

function withLine(ui: UiState, line: string): UiState {
  const next = { ...ui, line, candidates: [] };
  return ui.mode === 'filter'
    ? { ...next, filter: line, selection: { ...ui.selection, stanzas: 0 } }
    : next;
}

/** The one place the UI state changes: pure, so every key's effect can be tested without ink. */
export function uiReducer(ui: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'message':
      return withMessage(ui, action.ok, action.text);
    case 'focus':
      return cycleFocus(ui, action.delta);
    case 'select':
      return select(ui, action.pane, action.index, action.count);
    case 'help':
      return { ...ui, mode: 'help', helpScroll: 0 };
    case 'helpScroll':
      return { ...ui, helpScroll: Math.max(0, Math.min(action.max, ui.helpScroll + action.delta)) };
    case 'closeOverlay':
      return {
        ...ui,
        mode: ui.mode === 'help' ? 'normal' : ui.mode,
        failure: undefined,
        message: undefined,
      };
    case 'speed': {
      const next = changeSpeed(ui, action.faster);
      return withMessage(next, true, `${next.speedMs} ms per step`);
    }
    case 'openLine':
      return openLine(
        action.mode === 'filter' ? { ...ui, focus: 'stanzas', detailSource: 'stanzas' } : ui,
        action.mode,
      );
    case 'openXml':
      return openXmlEditor(ui, action.client);
    case 'closeInput':
      return closeInput(ui);
    case 'cancelLine':
      return ui.mode === 'filter' ? { ...closeInput(ui), filter: '' } : closeInput(ui);
    case 'line':
      return withLine(ui, action.line);
    case 'xml':
      return ui.xml ? { ...ui, xml: { ...ui.xml, buffer: action.buffer }, candidates: [] } : ui;
    case 'candidates':
      return { ...ui, candidates: action.candidates };
    case 'applyFilter':
      return select(
        { ...closeInput(ui), filter: ui.line },
        'stanzas',
        action.count - 1,
        action.count,
      );
    case 'clearFilter':
      return { ...ui, filter: '', message: undefined, failure: undefined };
    case 'running':
      return action.on
        ? { ...ui, mode: 'running', message: undefined }
        : { ...ui, mode: ui.mode === 'running' ? 'normal' : ui.mode };
    case 'failure':
      return {
        ...withMessage(ui, false, `engine error: ${action.failure.message}`),
        failure: action.failure,
        mode: ui.mode === 'running' ? 'normal' : ui.mode,
      };
    case 'follow': {
      let next = select(ui, 'script', action.script, action.steps);
      next = select(next, 'stanzas', action.stanza, action.stanzas);
      next = select(next, 'transitions', action.transitions - 1, action.transitions);
      return { ...next, selection: { ...next.selection, detail: 0 } };
    }
    case 'restarted':
      return withMessage(
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
      );
    case 'savePath':
      return { ...ui, savePath: action.path };
    case 'chart':
      return {
        ...ui,
        chart: !ui.chart,
        selection: { ...ui.selection, transitions: ui.chart ? action.transitions - 1 : 0 },
      };
    case 'sideBySide': {
      const opening = ui.sideBySide === undefined && action.columns !== undefined;
      const shown = opening
        ? {
            ...ui,
            sideBySide: action.columns,
            focus: 'stanzas' as const,
            detailSource: 'stanzas' as const,
          }
        : { ...ui, sideBySide: action.columns };
      return opening ? shown : select(shown, 'stanzas', action.count - 1, action.count);
    }
  }
}

export interface UiStore {
  getState(): UiState;
  dispatch(action: UiAction): void;
  subscribe(listener: () => void): () => void;
}

/**
 * The UI state outside React, so that every key of a burst reads the state the key before it
 * left (React state would still be stale); components read it with `useSyncExternalStore`.
 */
export function createUiStore(initial: UiState): UiStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = uiReducer(state, action);
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
