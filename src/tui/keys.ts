// The one key table of the terminal debugger: key, description, context, action — stepping through XEP-0045 scenarios (§7–§10)

/** Where a binding applies. `focus:*` contexts apply when that pane has focus (normal mode). */
export type KeyContext =
  | 'global'
  | 'panes'
  | 'focus:script'
  | 'focus:stanzas'
  | 'focus:transitions'
  | 'running'
  | 'help'
  | 'line'
  | 'xml';

export type ActionName =
  | 'quit'
  | 'help'
  | 'closeOverlay'
  | 'focusNext'
  | 'focusPrevious'
  | 'stepForward'
  | 'stepBack'
  | 'run'
  | 'restart'
  | 'speedUp'
  | 'speedDown'
  | 'stopRun'
  | 'toggleBreakpoint'
  | 'openCommand'
  | 'openFilter'
  | 'clearFilter'
  | 'toggleChart'
  | 'toggleSideBySide'
  | 'moveDown'
  | 'moveUp'
  | 'pageDown'
  | 'pageUp'
  | 'first'
  | 'last'
  | 'detailDown'
  | 'detailUp'
  | InputAction;

/** The actions of the command line and the XML editor, while a text input has focus. */
export type InputAction =
  | 'submitLine'
  | 'cancelLine'
  | 'deleteBack'
  | 'complete'
  | 'sendXml'
  | 'cancelXml'
  | 'newline'
  | 'cursorLeft'
  | 'cursorRight'
  | 'cursorUp'
  | 'cursorDown';

export interface KeyBinding {
  /** Key names as produced by `keyName()`: a character, or `space`, `tab`, `shift-tab`, `esc`, `enter`, `up`, `down`, `left`, `right`, `pageup`, `pagedown`, `backspace`, `ctrl-<letter>`, `any`. */
  keys: readonly string[];
  context: KeyContext;
  action: ActionName;
  description: string;
  /** Short label for the footer's key hints; bindings without one are only in the help overlay. */
  hint?: string;
}

export const CONTEXT_TITLES: Record<KeyContext, string> = {
  global: 'Everywhere',
  panes: 'Focused pane',
  'focus:script': 'Script pane',
  'focus:stanzas': 'Stanzas pane',
  'focus:transitions': 'Transitions pane',
  running: 'While running (r)',
  help: 'Help overlay',
  line: 'Command line (:) and filter (/)',
  xml: 'Raw XML editor (:xml <client>)',
};

/** The only key table: the dispatcher reads it, the footer and the `?` overlay are generated from it. */
export const KEY_BINDINGS: readonly KeyBinding[] = [
  { keys: ['q', 'ctrl-c'], context: 'global', action: 'quit', description: 'quit', hint: 'quit' },
  { keys: ['?'], context: 'global', action: 'help', description: 'show this help', hint: 'help' },
  {
    keys: ['esc'],
    context: 'global',
    action: 'closeOverlay',
    description: 'close a message or error panel',
  },
  {
    keys: ['tab'],
    context: 'global',
    action: 'focusNext',
    description: 'focus the next pane',
    hint: 'pane',
  },
  {
    keys: ['shift-tab'],
    context: 'global',
    action: 'focusPrevious',
    description: 'focus the previous pane',
  },
  {
    keys: ['n', 'space'],
    context: 'global',
    action: 'stepForward',
    description: 'execute the next step',
    hint: 'next',
  },
  {
    keys: ['b', 'p'],
    context: 'global',
    action: 'stepBack',
    description: 'go back one step (time travel)',
    hint: 'back',
  },
  {
    keys: ['r'],
    context: 'global',
    action: 'run',
    description: 'run to the end, the next failure or a breakpoint',
    hint: 'run',
  },
  { keys: ['R'], context: 'global', action: 'restart', description: 'restart from the first step' },
  {
    keys: ['+'],
    context: 'global',
    action: 'speedUp',
    description: 'run faster (shorter pause per step)',
  },
  {
    keys: ['-'],
    context: 'global',
    action: 'speedDown',
    description: 'run slower (longer pause per step)',
  },
  {
    keys: [':'],
    context: 'global',
    action: 'openCommand',
    description: 'command line (:save, :break, :xml, :q, typed commands)',
    hint: 'cmd',
  },
  {
    keys: ['/'],
    context: 'global',
    action: 'openFilter',
    description: 'filter stanzas by client, kind or text',
    hint: 'filter',
  },
  {
    keys: ['m'],
    context: 'global',
    action: 'toggleChart',
    description: 'toggle the room/occupant machine chart',
    hint: 'chart',
  },
  {
    keys: ['d'],
    context: 'global',
    action: 'toggleSideBySide',
    description: 'compare with the simulator, side by side (needs --server)',
  },
  { keys: ['j', 'down'], context: 'panes', action: 'moveDown', description: 'select the next row' },
  { keys: ['k', 'up'], context: 'panes', action: 'moveUp', description: 'select the previous row' },
  { keys: ['pagedown'], context: 'panes', action: 'pageDown', description: 'one page down' },
  { keys: ['pageup'], context: 'panes', action: 'pageUp', description: 'one page up' },
  { keys: ['g'], context: 'panes', action: 'first', description: 'first row' },
  { keys: ['G'], context: 'panes', action: 'last', description: 'last row' },
  {
    keys: ['J'],
    context: 'panes',
    action: 'detailDown',
    description: 'scroll the Detail pane down (from any pane)',
  },
  {
    keys: ['K'],
    context: 'panes',
    action: 'detailUp',
    description: 'scroll the Detail pane up (from any pane)',
  },
  {
    keys: ['x'],
    context: 'focus:script',
    action: 'toggleBreakpoint',
    description: 'toggle a breakpoint on the selected step',
    hint: 'break',
  },
  {
    keys: ['esc'],
    context: 'focus:stanzas',
    action: 'clearFilter',
    description: 'clear the stanza filter',
  },
  { keys: ['+'], context: 'running', action: 'speedUp', description: 'run faster' },
  { keys: ['-'], context: 'running', action: 'speedDown', description: 'run slower' },
  { keys: ['ctrl-c'], context: 'running', action: 'quit', description: 'quit' },
  {
    keys: ['any'],
    context: 'running',
    action: 'stopRun',
    description: 'any other key stops the run',
  },
  { keys: ['esc', '?'], context: 'help', action: 'closeOverlay', description: 'close the help' },
  { keys: ['j', 'down'], context: 'help', action: 'moveDown', description: 'scroll down' },
  { keys: ['k', 'up'], context: 'help', action: 'moveUp', description: 'scroll up' },
  { keys: ['q', 'ctrl-c'], context: 'help', action: 'quit', description: 'quit' },
  {
    keys: ['enter'],
    context: 'line',
    action: 'submitLine',
    description: 'execute the command / apply the filter',
  },
  {
    keys: ['esc'],
    context: 'line',
    action: 'cancelLine',
    description: 'cancel (in the filter: clear it)',
  },
  {
    keys: ['backspace'],
    context: 'line',
    action: 'deleteBack',
    description: 'delete the character before the cursor',
  },
  {
    keys: ['tab'],
    context: 'line',
    action: 'complete',
    description: 'complete a client name, JID or nick',
  },
  { keys: ['ctrl-c'], context: 'line', action: 'quit', description: 'quit' },
  {
    keys: ['ctrl-s'],
    context: 'xml',
    action: 'sendXml',
    description: 'send the stanza as the client',
  },
  {
    keys: ['esc'],
    context: 'xml',
    action: 'cancelXml',
    description: 'cancel and close the editor',
  },
  { keys: ['enter'], context: 'xml', action: 'newline', description: 'new line' },
  {
    keys: ['backspace'],
    context: 'xml',
    action: 'deleteBack',
    description: 'delete the character before the cursor',
  },
  {
    keys: ['tab'],
    context: 'xml',
    action: 'complete',
    description: 'complete a client name, JID or nick',
  },
  { keys: ['left'], context: 'xml', action: 'cursorLeft', description: 'cursor left' },
  { keys: ['right'], context: 'xml', action: 'cursorRight', description: 'cursor right' },
  { keys: ['up'], context: 'xml', action: 'cursorUp', description: 'cursor up' },
  { keys: ['down'], context: 'xml', action: 'cursorDown', description: 'cursor down' },
  { keys: ['ctrl-c'], context: 'xml', action: 'quit', description: 'quit' },
];

const KEY_LABELS: Record<string, string> = {
  space: 'space',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  enter: 'enter',
  'ctrl-c': 'ctrl-c',
  'ctrl-s': 'ctrl-s',
  any: 'any key',
};

/** How a key name is shown to people (footer, help overlay). */
export function keyLabel(key: string): string {
  return KEY_LABELS[key] ?? key;
}
