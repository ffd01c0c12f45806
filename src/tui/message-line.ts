// The message line above the key hints: the last outcome or error, or completion candidates; a long one is shown whole over up to three rows — the debugger's controls for XEP-0045 scenarios (§7–§10)
import type { UiState } from './ui-state.js';
import { wrapLine } from './wrap.js';

/** The most rows the message line takes: beyond, the text is cut (errors are short). */
export const MAX_MESSAGE_ROWS = 3;

/** The message line's text: completions while completing, else the last message with ✔ or ✘. */
export function messageText(ui: Pick<UiState, 'candidates' | 'message' | 'mode'>): string {
  if (ui.candidates.length > 0 && ui.mode !== 'xml')
    return `completions: ${ui.candidates.slice(0, 12).join('  ')}`;
  if (ui.message) return `${ui.message.ok ? '✔' : '✘'} ${ui.message.text}`;
  return '';
}

/** The message line's rows at this width (at least one). */
export function messageRows(
  ui: Pick<UiState, 'candidates' | 'message' | 'mode'>,
  width: number,
): string[] {
  const text = messageText(ui);
  if (text === '') return [''];
  return wrapLine(text, width, 2).slice(0, MAX_MESSAGE_ROWS);
}
