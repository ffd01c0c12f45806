// The one input dispatcher: turns a key press into a binding of the key table, by mode and focus — the debugger's controls for XEP-0045 scenarios (§7–§10)
import { type ActionName, KEY_BINDINGS, type KeyBinding, type KeyContext } from './keys.js';
import type { Mode, PaneId } from './ui-state.js';

/** The subset of ink's `Key` the dispatcher reads (so it can be unit tested without ink). */
export interface KeyFlags {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageDown?: boolean;
  pageUp?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
}

/** Normalises ink's (input, key) pair into the key names of the table. */
export function keyName(input: string, key: KeyFlags): string {
  if (key.tab) return key.shift ? 'shift-tab' : 'tab';
  if (key.escape) return 'esc';
  if (key.return) return 'enter';
  if (key.backspace || key.delete) return 'backspace';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.ctrl && input.length === 1) return `ctrl-${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  return input;
}

/** The contexts in force, most specific first: the first matching binding wins. */
export function activeContexts(mode: Mode, focus: PaneId, searching = false): KeyContext[] {
  switch (mode) {
    case 'help':
      return ['help'];
    case 'lessons':
      return ['lessons'];
    case 'running':
      return ['running'];
    case 'command':
    case 'search':
      return ['line'];
    case 'xml':
      return ['xml'];
    case 'normal': {
      const focused = `focus:${focus}`;
      const specific = KEY_BINDINGS.some((binding) => binding.context === focused)
        ? [focused as KeyContext]
        : [];
      return [...(searching ? ['searching' as const] : []), ...specific, 'panes', 'global'];
    }
  }
}

export type Dispatch =
  | { kind: 'action'; action: ActionName; binding: KeyBinding }
  /** Printable text typed into a text input (command line, filter, XML editor). */
  | { kind: 'text'; text: string }
  | { kind: 'none' };

/** The modes where printable keys are text, not shortcuts. */
export const TEXT_MODES: ReadonlySet<Mode> = new Set(['command', 'search', 'xml']);

export function dispatchKey(
  mode: Mode,
  focus: PaneId,
  input: string,
  key: KeyFlags,
  searching = false,
): Dispatch {
  const name = keyName(input, key);
  for (const context of activeContexts(mode, focus, searching)) {
    const binding = KEY_BINDINGS.find(
      (candidate) =>
        candidate.context === context &&
        (candidate.keys.includes(name) || candidate.keys.includes('any')),
    );
    if (binding) return { kind: 'action', action: binding.action, binding };
  }
  if (TEXT_MODES.has(mode) && input !== '' && !key.ctrl && !key.escape) {
    return { kind: 'text', text: input };
  }
  return { kind: 'none' };
}

/** What one character of a chunk is as a key press: control characters are keys, not text. */
function charPress(char: string): [string, KeyFlags] {
  if (char === '\t') return ['', { tab: true }];
  if (char === '\r' || char === '\n') return ['', { return: true }];
  if (char === '\u007f' || char === '\b') return ['', { backspace: true }];
  const code = char.charCodeAt(0);
  if (code > 0 && code <= 26) return [String.fromCharCode(code + 96), { ctrl: true }];
  return [char, { shift: /[A-Z]/.test(char) }];
}

/** A C0 control character or DEL: a key of its own, never text. */
function isControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

/**
 * Splits what one read of the terminal delivered (keys typed faster than they are handled, a
 * paste, fast key repeat) into key presses, in order, so that none is lost or merged: Enter,
 * ctrl-s and backspace stay keys even inside a paste. In a text input (`text`), each run of
 * printable characters stays one press, so a 1 MB paste is one insertion. Escape sequences
 * (arrows…) are already split by ink.
 */
export function splitChunk(input: string, key: KeyFlags, text = false): [string, KeyFlags][] {
  if (input.length <= 1 || input.startsWith('\u001b')) return [[input, key]];
  const presses: [string, KeyFlags][] = [];
  let run = '';
  for (const char of input) {
    if (text && !isControl(char)) {
      run += char;
      continue;
    }
    if (run !== '') presses.push([run, {}]);
    run = '';
    presses.push(charPress(char));
  }
  if (run !== '') presses.push([run, {}]);
  return presses;
}
