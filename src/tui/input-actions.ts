// The text inputs' actions: the `:` line, the `/` search and the raw XML editor, with completion — typing to a XEP-0045 room (§7–§10)
import type { ActionContext } from './actions.js';
import { COMMANDS, runCommandLine } from './command-line.js';
import { complete, completionWords } from './completion.js';
import type { InputAction } from './keys.js';
import { searchAsTyped } from './search-actions.js';
import {
  bufferText,
  deleteBack,
  insertText,
  moveCursor,
  type TextBuffer,
  wordBeforeCursor,
} from './text-buffer.js';
import { validateStanza } from './validate-stanza.js';

/** Only the printable characters: a control character never hides in a one-line input. */
function printable(text: string): string {
  return [...text]
    .filter((char) => char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) !== 0x7f)
    .join('');
}

/** Replaces the XML editor's buffer with an edit of it (nothing when the editor is closed). */
function editBuffer(ctx: ActionContext, edit: (buffer: TextBuffer) => TextBuffer): void {
  const xml = ctx.ui().xml;
  if (xml) ctx.dispatch({ type: 'xml', buffer: edit(xml.buffer) });
}

/** The `:` commands' names that tab completes: the table's, but the one-letter aliases (`e`, `w`, `q`, `q!`). */
const COMMAND_NAMES = COMMANDS.flatMap((spec) => spec.names).filter((name) =>
  /^[a-z]{2,}$/.test(name),
);

/** tab: completes the word before the cursor with a client name, JID, nick or, first on the `:` line, a command. */
function completeInput(ctx: ActionContext): void {
  const ui = ctx.ui();
  const words = completionWords(ctx.session);
  if (ui.mode === 'xml' && ui.xml) {
    const found = complete(wordBeforeCursor(ui.xml.buffer), words);
    editBuffer(ctx, (buffer) => insertText(buffer, found.insert));
    ctx.dispatch({ type: 'candidates', candidates: found.candidates });
    return;
  }
  const prefix = /\S*$/.exec(ui.line)?.[0] ?? '';
  const first = ui.mode === 'command' && !ui.line.includes(' ');
  const verbs = first ? [...COMMAND_NAMES, ...words] : words;
  const found = complete(prefix, verbs);
  ctx.dispatch({ type: 'line', line: ui.line + found.insert });
  ctx.dispatch({ type: 'candidates', candidates: found.candidates });
}

/** enter on the `:` line runs it; on the `/` line, keeps the search in force. */
function submitLine(ctx: ActionContext): Promise<void> | void {
  const ui = ctx.ui();
  ctx.dispatch({ type: 'closeInput' });
  if (ui.mode === 'search') {
    // The search stays in force: n/N step through it, esc ends it.
    if (ui.line.trim() === '') return ctx.dispatch({ type: 'endSearch' });
    return ctx.say(
      true,
      `search "${ui.line}": n/N or ctrl-n/ctrl-p for the matches, f to filter, esc to end`,
    );
  }
  return runCommandLine(ui.line.trim(), ctx).catch(ctx.fail);
}

export function createInputActions(ctx: ActionContext): {
  actions: Record<InputAction, () => Promise<void> | void>;
  type(text: string): void;
} {
  const edit = (change: (buffer: TextBuffer) => TextBuffer) => editBuffer(ctx, change);

  /** The line changed: a search looks again from the selection. */
  const edited = (line: string) => {
    ctx.dispatch({ type: 'line', line });
    if (ctx.ui().mode === 'search') searchAsTyped(ctx);
  };

  const sendXml = () => {
    const xml = ctx.ui().xml;
    if (!xml) return;
    const text = bufferText(xml.buffer);
    const verdict = validateStanza(text);
    if (!verdict.ok) return ctx.say(false, `not sent: ${verdict.message}`);
    return ctx.session
      .sendRaw(xml.client, text)
      .then((outcome) => {
        if (outcome.ok) ctx.dispatch({ type: 'closeInput' });
        ctx.say(outcome.ok, outcome.message);
        if (outcome.ok) ctx.afterStep(ctx.session.steps[ctx.session.cursor - 1]);
      })
      .catch(ctx.fail);
  };

  const inXml = () => ctx.ui().mode === 'xml';
  return {
    actions: {
      submitLine: () => submitLine(ctx),
      cancelLine: () =>
        ctx.dispatch(ctx.ui().mode === 'search' ? { type: 'endSearch' } : { type: 'closeInput' }),
      deleteBack: () =>
        inXml() ? edit(deleteBack) : edited([...ctx.ui().line].slice(0, -1).join('')),
      complete: () => completeInput(ctx),
      sendXml,
      cancelXml: () => {
        ctx.dispatch({ type: 'closeInput' });
        ctx.say(true, 'raw XML cancelled');
      },
      newline: () => edit((buffer) => insertText(buffer, '\n')),
      cursorLeft: () => edit((buffer) => moveCursor(buffer, 'left')),
      cursorRight: () => edit((buffer) => moveCursor(buffer, 'right')),
      cursorUp: () => edit((buffer) => moveCursor(buffer, 'up')),
      cursorDown: () => edit((buffer) => moveCursor(buffer, 'down')),
    },
    type(text) {
      if (inXml()) edit((buffer) => insertText(buffer, text));
      else edited(ctx.ui().line + printable(text));
    },
  };
}
