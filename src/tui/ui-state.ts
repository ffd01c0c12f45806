// The debugger's UI state (focus, mode, selections, inputs, search, jumps), its pure reducer and the store the keys write to — views of XEP-0045 rooms (§5, §7)
import type { ClientColumns } from './side-by-side.js';
import { emptyBuffer, type TextBuffer } from './text-buffer.js';
import { type Jump, type JumpTarget, jumpBack, jumpTo } from './ui-jumps.js';

export const PANES = ['script', 'stanzas', 'detail', 'room', 'transitions', 'users'] as const;
export type PaneId = (typeof PANES)[number];

export type Mode = 'normal' | 'help' | 'running' | 'command' | 'search' | 'xml' | 'lessons';

/** The lists a search looks through: the focused one, or the stanzas. */
export type SearchScope = 'script' | 'stanzas' | 'transitions';

export interface Message {
  ok: boolean;
  text: string;
}

export interface EngineFailure {
  message: string;
  stack?: string;
}

export interface Search {
  query: string;
  scope: SearchScope;
}

export interface UiState {
  mode: Mode;
  focus: PaneId;
  /** What the Detail pane explains: the selected step or the selected stanza (the list focused last). */
  detailSource: 'script' | 'stanzas';
  /** Selected row of each pane (script: step index; stanzas: row of the filtered list; others: scroll/selection). */
  selection: Record<PaneId, number>;
  /** The stanza filter in force (shown in the Stanzas pane header): `f` sets it to the search. */
  filter: string;
  /** The search in force (`/`): `n`/`N` and ctrl-n/ctrl-p step through its matches. */
  search?: Search;
  /** Text being typed on the `:` or `/` line. */
  line: string;
  xml?: { client: string; buffer: TextBuffer };
  message?: Message;
  /** Pause between steps while running, in milliseconds. */
  speedMs: number;
  chart: boolean;
  /** `z`: the focused pane fills the screen. */
  zoom: boolean;
  /** `v`: the users' views (what each client knows) in place of the Room pane. */
  users: boolean;
  /** The user `u` chose for the users' view; else the selected stanza's user. */
  user?: string;
  /** Where `enter` came from, so that `esc` goes back the same way. */
  jumps: Jump[];
  /** `d` (with --server): the simulator's and the server's streams in place of the Stanzas pane. */
  sideBySide?: ClientColumns[];
  helpScroll: number;
  /** The selected lesson of the lesson menu (`o`). */
  menu: number;
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
    selection: { script: 0, stanzas: 0, detail: 0, room: 0, transitions: 0, users: 0 },
    filter: '',
    line: '',
    speedMs: DEFAULT_SPEED_MS,
    chart: false,
    zoom: false,
    users: false,
    jumps: [],
    helpScroll: 0,
    menu: 0,
    savePath,
    candidates: [],
  };
}

/** The next pane in the order the screen shows them (`order`); Detail follows the lists. */
export function cycleFocus(ui: UiState, delta: 1 | -1, order: readonly PaneId[]): UiState {
  const panes = order.length > 0 ? order : PANES;
  const index = panes.indexOf(ui.focus);
  const next = panes[(index + delta + panes.length) % panes.length] as PaneId;
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

/** The scope of a new search: the focused list, else the stanzas (which then get the focus). */
export function searchScope(focus: PaneId): SearchScope {
  return focus === 'script' || focus === 'transitions' ? focus : 'stanzas';
}

function openLine(ui: UiState, mode: 'command' | 'search'): UiState {
  if (mode === 'command') return { ...ui, mode, line: '', candidates: [] };
  const scope = searchScope(ui.focus);
  const focus = scope === 'stanzas' ? 'stanzas' : ui.focus;
  const detailSource = focus === 'script' || focus === 'stanzas' ? focus : ui.detailSource;
  return {
    ...ui,
    mode,
    focus,
    detailSource,
    line: '',
    search: { query: '', scope },
    candidates: [],
  };
}

function closeInput(ui: UiState): UiState {
  return { ...ui, mode: 'normal', line: '', xml: undefined, candidates: [] };
}

export function withMessage(ui: UiState, ok: boolean, text: string): UiState {
  return { ...ui, message: { ok, text } };
}

/** Everything that changes the UI state: the reducer below is the only writer. */
export type UiAction =
  | { type: 'message'; ok: boolean; text: string }
  | { type: 'focus'; delta: 1 | -1; order: readonly PaneId[] }
  | { type: 'select'; pane: PaneId; index: number; count: number }
  | { type: 'help' }
  | { type: 'helpScroll'; delta: number; max: number }
  | { type: 'closeOverlay' }
  | { type: 'speed'; faster: boolean }
  | { type: 'openLine'; mode: 'command' | 'search' }
  | { type: 'openXml'; client: string }
  | { type: 'closeInput' }
  | { type: 'line'; line: string }
  | { type: 'xml'; buffer: TextBuffer }
  | { type: 'candidates'; candidates: string[] }
  | { type: 'endSearch' }
  /** More matches were counted: the counter is drawn again. */
  | { type: 'counted' }
  | { type: 'filter'; filter: string; count: number }
  | { type: 'running'; on: boolean }
  | { type: 'failure'; failure: EngineFailure }
  | {
      type: 'follow';
      script: number;
      steps: number;
      stanza: number;
      stanzas: number;
      transitions: number;
      /** Rooms and occupants of the Room pane: its selection stays on a row that exists. */
      rooms: number;
    }
  | { type: 'restarted' }
  | { type: 'savePath'; path: string }
  | { type: 'chart'; transitions: number }
  | { type: 'zoom' }
  | { type: 'users'; user?: string }
  | { type: 'jump'; to: JumpTarget }
  | { type: 'jumpBack' }
  | { type: 'menu'; open?: boolean; index: number }
  | { type: 'sideBySide'; columns: ClientColumns[] | undefined; count: number };

function withLine(ui: UiState, line: string): UiState {
  const next = { ...ui, line, candidates: [] };
  return ui.mode === 'search' && ui.search
    ? { ...next, search: { ...ui.search, query: line } }
    : next;
}

type InputAction = Extract<
  UiAction,
  {
    type:
      | 'openLine'
      | 'openXml'
      | 'closeInput'
      | 'line'
      | 'xml'
      | 'candidates'
      | 'endSearch'
      | 'counted'
      | 'filter';
  }
>;

/** The text inputs (the `:` and `/` lines, the XML editor), the search and the filter. */
function inputReducer(ui: UiState, action: InputAction): UiState {
  switch (action.type) {
    case 'openLine':
      return openLine(ui, action.mode);
    case 'openXml':
      return {
        ...ui,
        mode: 'xml',
        xml: { client: action.client, buffer: emptyBuffer() },
        candidates: [],
      };
    case 'closeInput':
      return closeInput(ui);
    case 'line':
      return withLine(ui, action.line);
    case 'xml':
      return ui.xml ? { ...ui, xml: { ...ui.xml, buffer: action.buffer }, candidates: [] } : ui;
    case 'candidates':
      return { ...ui, candidates: action.candidates };
    case 'endSearch':
      return { ...closeInput(ui), search: undefined };
    case 'counted':
      return ui.search ? { ...ui, search: { ...ui.search } } : ui;
    case 'filter':
      return select(
        { ...ui, filter: action.filter },
        'stanzas',
        ui.selection.stanzas,
        action.count,
      );
  }
}

/** The one place the UI state changes: pure, so every key's effect can be tested without ink. */
export function uiReducer(ui: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'openLine':
    case 'openXml':
    case 'closeInput':
    case 'line':
    case 'xml':
    case 'candidates':
    case 'endSearch':
    case 'counted':
    case 'filter':
      return inputReducer(ui, action);
    case 'message':
      return withMessage(ui, action.ok, action.text);
    case 'focus':
      return cycleFocus(ui, action.delta, action.order);
    case 'select':
      return select(ui, action.pane, action.index, action.count);
    case 'help':
      return { ...ui, mode: 'help', helpScroll: 0 };
    case 'helpScroll':
      return { ...ui, helpScroll: Math.max(0, Math.min(action.max, ui.helpScroll + action.delta)) };
    case 'closeOverlay':
      return {
        ...ui,
        mode: ui.mode === 'help' || ui.mode === 'lessons' ? 'normal' : ui.mode,
        failure: undefined,
        message: undefined,
      };
    case 'speed': {
      const next = changeSpeed(ui, action.faster);
      return withMessage(next, true, `${next.speedMs} ms per step`);
    }
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
    case 'follow':
      return follow(ui, action);
    case 'restarted':
      return withMessage(
        {
          ...initialUi(ui.savePath),
          ...keptOnRestart(ui),
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
    case 'zoom':
      return { ...ui, zoom: !ui.zoom };
    case 'users':
      return action.user === undefined
        ? { ...ui, users: !ui.users, selection: { ...ui.selection, users: 0 } }
        : { ...ui, users: true, user: action.user, selection: { ...ui.selection, users: 0 } };
    case 'jump':
      return jumpTo(ui, action.to);
    case 'jumpBack':
      return jumpBack(ui);
    case 'menu':
      return { ...ui, menu: action.index, mode: action.open ? 'lessons' : ui.mode };
    case 'sideBySide':
      return sideBySide(ui, action.columns, action.count);
  }
}

/** What a restart leaves as it was: where you look, how, and at what speed. */
function keptOnRestart(ui: UiState): Partial<UiState> {
  const { focus, detailSource, filter, speedMs, chart, zoom, users } = ui;
  return {
    focus,
    detailSource,
    filter,
    speedMs,
    chart,
    zoom,
    users,
    ...(ui.user && { user: ui.user }),
  };
}

function follow(ui: UiState, action: Extract<UiAction, { type: 'follow' }>): UiState {
  let next = select(ui, 'script', action.script, action.steps);
  next = select(next, 'stanzas', action.stanza, action.stanzas);
  next = select(next, 'transitions', action.transitions - 1, action.transitions);
  next = select(next, 'room', ui.selection.room, action.rooms);
  return { ...next, jumps: [], selection: { ...next.selection, detail: 0 } };
}

function sideBySide(ui: UiState, columns: ClientColumns[] | undefined, count: number): UiState {
  const opening = ui.sideBySide === undefined && columns !== undefined;
  if (opening) return { ...ui, sideBySide: columns, focus: 'stanzas', detailSource: 'stanzas' };
  return select({ ...ui, sideBySide: columns }, 'stanzas', count - 1, count);
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
