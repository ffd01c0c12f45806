// The key table and its one dispatcher: modes, focus contexts, typed text — the debugger's controls for XEP-0045 scenarios (§7–§10)
import { describe, expect, it } from 'vitest';
import { dispatchKey, keyName, splitChunk } from '../../../src/tui/input-dispatcher.js';
import { KEY_BINDINGS } from '../../../src/tui/keys.js';

describe('keyName', () => {
  it('names keys as the table writes them', () => {
    expect(keyName('', { tab: true })).toBe('tab');
    expect(keyName('', { tab: true, shift: true })).toBe('shift-tab');
    expect(keyName('c', { ctrl: true })).toBe('ctrl-c');
    expect(keyName(' ', {})).toBe('space');
    expect(keyName('', { delete: true })).toBe('backspace');
    expect(keyName('G', { shift: true })).toBe('G');
  });
});

describe('dispatchKey', () => {
  it('maps keys to actions by mode and focus', () => {
    const action = (
      mode: Parameters<typeof dispatchKey>[0],
      input: string,
      key = {},
      focus: Parameters<typeof dispatchKey>[1] = 'stanzas',
    ) => {
      const result = dispatchKey(mode, focus, input, key);
      return result.kind === 'action' ? result.action : result.kind;
    };
    expect(action('normal', 'n')).toBe('stepForward');
    expect(action('normal', ' ')).toBe('stepForward');
    expect(action('normal', 'b')).toBe('stepBack');
    expect(action('normal', 'p')).toBe('toggleDoor');
    expect(action('normal', 'x', {}, 'script')).toBe('toggleBreakpoint');
    expect(action('normal', 'x', {}, 'stanzas')).toBe('none');
    expect(action('normal', '', { escape: true }, 'stanzas')).toBe('goBack');
    expect(action('normal', '', { return: true }, 'stanzas')).toBe('followLink');
    expect(action('normal', 'z')).toBe('toggleZoom');
    expect(action('lessons', '', { return: true })).toBe('openLesson');
    expect(action('search', 'n')).toBe('text');
    expect(action('running', 'n')).toBe('stopRun');
    expect(action('running', '+')).toBe('speedUp');
    expect(action('help', '', { escape: true })).toBe('closeOverlay');
    expect(action('xml', 's', { ctrl: true })).toBe('sendXml');
  });

  it('turns letters into text while a text input has focus', () => {
    expect(dispatchKey('command', 'stanzas', 'q', {})).toEqual({ kind: 'text', text: 'q' });
    expect(dispatchKey('search', 'stanzas', 'n', {})).toEqual({ kind: 'text', text: 'n' });
    expect(dispatchKey('xml', 'stanzas', '<', {})).toEqual({ kind: 'text', text: '<' });
  });

  it('while a search is in force, n and N step through its matches and space still steps', () => {
    const searching = (input: string, key = {}) => {
      const result = dispatchKey('normal', 'stanzas', input, key, true);
      return result.kind === 'action' ? result.action : result.kind;
    };
    expect(searching('n')).toBe('nextMatch');
    expect(searching('N', { shift: true })).toBe('previousMatch');
    expect(searching(' ')).toBe('stepForward');
    expect(searching('n', { ctrl: true })).toBe('nextMatch');
    expect(dispatchKey('normal', 'stanzas', 'n', {}, false)).toMatchObject({
      action: 'stepForward',
    });
  });

  it('every binding is reachable: no earlier binding of the same context takes its key', () => {
    for (const [index, binding] of KEY_BINDINGS.entries()) {
      for (const key of binding.keys) {
        const earlier = KEY_BINDINGS.slice(0, index).find(
          (other) => other.context === binding.context && other.keys.includes(key),
        );
        expect(earlier, `${key} in ${binding.context}`).toBeUndefined();
      }
    }
  });

  it('between panes a key means one thing: only n is shared, as next match while searching', () => {
    const normal = new Set(['searching', 'panes', 'global']);
    const meanings = new Map<string, Set<string>>();
    for (const binding of KEY_BINDINGS) {
      if (!normal.has(binding.context) && !binding.context.startsWith('focus:')) continue;
      for (const key of binding.keys) {
        meanings.set(key, new Set([...(meanings.get(key) ?? []), binding.action]));
      }
    }
    const shared = [...meanings].filter(([, actions]) => actions.size > 1);
    expect(shared).toEqual([['n', new Set(['stepForward', 'nextMatch'])]]);
    expect(meanings.get('p')).toEqual(new Set(['toggleDoor']));
    expect(meanings.get('b')).toEqual(new Set(['stepBack']));
  });
});

describe('splitChunk', () => {
  it('splits keys that arrive together into single presses', () => {
    expect(splitChunk('\t\tm', {})).toEqual([
      ['', { tab: true }],
      ['', { tab: true }],
      ['m', { shift: false }],
    ]);
    expect(splitChunk('n', {})).toEqual([['n', {}]]);
  });
});

describe('splitChunk: keys that arrive in one read', () => {
  it('keeps Enter, ctrl-s and backspace as keys inside a paste, and printable runs whole', () => {
    expect(splitChunk('ab\r\u0013\u007f\u007fc', {}, true)).toEqual([
      ['ab', {}],
      ['', { return: true }],
      ['s', { ctrl: true }],
      ['', { backspace: true }],
      ['', { backspace: true }],
      ['c', {}],
    ]);
  });

  it('outside a text input, splits every character', () => {
    expect(splitChunk('jj\t', {})).toEqual([
      ['j', { shift: false }],
      ['j', { shift: false }],
      ['', { tab: true }],
    ]);
  });
});
