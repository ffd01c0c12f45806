// The debugger's UI state (focus, mode, selections, inputs) and its pure updates — views of XEP-0045 rooms (§5, §7)
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
