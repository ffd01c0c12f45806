// The text inputs' actions: the `:` line, the `/` filter and the raw XML editor, with completion — typing to a XEP-0045 room (§7–§10)
import type { DebugSessionApi, SessionStep } from '../debugger/session-api.js';
import { runCommandLine } from './command-line.js';
import { complete, completionWords } from './completion.js';
import type { InputAction } from './keys.js';
import type { StanzaRow } from './stanza-summary.js';
import {
  bufferText,
  deleteBack,
  insertText,
  moveCursor,
  type TextBuffer,
  wordBeforeCursor,
} from './text-buffer.js';
import { closeInput, select, type UiState, withMessage } from './ui-state.js';
import { validateStanza } from './validate-stanza.js';

export interface InputContext {
  session: DebugSessionApi;
  getUi(): UiState;
  setUi(update: (ui: UiState) => UiState): void;
  /** Runs a session operation after the ones already queued. */
  enqueue(work: () => Promise<void>): void;
  afterStep(step: SessionStep | undefined): void;
  rows(): StanzaRow[];
  exit(): void;
  persist(path: string, text: string): void;
  refresh(): void;
}

export function createInputActions(ctx: InputContext): {
  actions: Record<InputAction, () => void>;
  type(text: string): void;
} {
  const editBuffer = (edit: (buffer: TextBuffer) => TextBuffer) =>
    ctx.setUi((ui) =>
      ui.xml ? { ...ui, xml: { ...ui.xml, buffer: edit(ui.xml.buffer) }, candidates: [] } : ui,
    );

  const setLine = (line: string) =>
    ctx.setUi((ui) => {
      const next = { ...ui, line, candidates: [] };
      return ui.mode === 'filter'
        ? { ...next, filter: line, selection: { ...ui.selection, stanzas: 0 } }
        : next;
    });

  const completeInput = () => {
    const ui = ctx.getUi();
    const words = completionWords(ctx.session);
    if (ui.mode === 'xml' && ui.xml) {
      const found = complete(wordBeforeCursor(ui.xml.buffer), words);
      editBuffer((buffer) => insertText(buffer, found.insert));
      ctx.setUi((state) => ({ ...state, candidates: found.candidates }));
      return;
    }
    const prefix = /\S*$/.exec(ui.line)?.[0] ?? '';
    const found = complete(
      prefix,
      ui.line.includes(' ') ? words : ['save', 'break', 'xml', 'quit', ...words],
    );
    ctx.setUi((state) => ({
      ...state,
      line: state.line + found.insert,
      candidates: found.candidates,
    }));
  };

  const submitLine = () => {
    const ui = ctx.getUi();
    if (ui.mode === 'filter') {
      const list = ctx.rows();
      ctx.setUi((state) =>
        select({ ...closeInput(state), filter: ui.line }, 'stanzas', list.length - 1, list.length),
      );
      return;
    }
    const line = ui.line.trim();
    ctx.setUi(closeInput);
    ctx.enqueue(() =>
      runCommandLine(line, {
        session: ctx.session,
        setUi: ctx.setUi,
        exit: ctx.exit,
        persist: ctx.persist,
        afterStep: () => ctx.afterStep(ctx.session.steps[ctx.session.cursor - 1]),
      }),
    );
  };

  const sendXml = () => {
    const xml = ctx.getUi().xml;
    if (!xml) return;
    const text = bufferText(xml.buffer);
    const verdict = validateStanza(text);
    if (!verdict.ok) {
      ctx.setUi((ui) => withMessage(ui, false, `not sent: ${verdict.message}`));
      return;
    }
    ctx.enqueue(async () => {
      const outcome = await ctx.session.sendRaw(xml.client, text);
      ctx.setUi((ui) => withMessage(outcome.ok ? closeInput(ui) : ui, outcome.ok, outcome.message));
      if (outcome.ok) ctx.afterStep(ctx.session.steps[ctx.session.cursor - 1]);
      else ctx.refresh();
    });
  };

  return {
    actions: {
      submitLine,
      cancelLine: () =>
        ctx.setUi((ui) =>
          ui.mode === 'filter' ? { ...closeInput(ui), filter: '' } : closeInput(ui),
        ),
      deleteBack: () =>
        ctx.getUi().mode === 'xml'
          ? editBuffer(deleteBack)
          : setLine(ctx.getUi().line.slice(0, -1)),
      complete: completeInput,
      sendXml,
      cancelXml: () => ctx.setUi((ui) => withMessage(closeInput(ui), true, 'raw XML cancelled')),
      newline: () => editBuffer((buffer) => insertText(buffer, '\n')),
      cursorLeft: () => editBuffer((buffer) => moveCursor(buffer, 'left')),
      cursorRight: () => editBuffer((buffer) => moveCursor(buffer, 'right')),
      cursorUp: () => editBuffer((buffer) => moveCursor(buffer, 'up')),
      cursorDown: () => editBuffer((buffer) => moveCursor(buffer, 'down')),
    },
    type(text) {
      if (ctx.getUi().mode === 'xml') editBuffer((buffer) => insertText(buffer, text));
      else setLine(ctx.getUi().line + text.replace(/[\r\n]/g, ''));
    },
  };
}
