// The one key table of the terminal debugger: key, description, context, action — stepping through XEP-0045 scenarios (§7–§10)

/** Where a binding applies. `focus:*` contexts apply when that pane has focus (normal mode); `searching` while a search is in force. */
export type KeyContext =
  | 'global'
  | 'searching'
  | 'panes'
  | 'focus:script'
  | 'focus:stanzas'
  | 'focus:transitions'
  | 'running'
  | 'help'
  | 'lessons'
  | 'line'
  | 'xml';

export type ActionName =
  | 'quit'
  | 'help'
  | 'closeOverlay'
  | 'goBack'
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
  | 'openSearch'
  | 'nextMatch'
  | 'previousMatch'
  | 'filterMatches'
  | 'toggleChart'
  | 'toggleSideBySide'
  | 'toggleZoom'
  | 'toggleUsers'
  | 'nextUser'
  | 'followLink'
  | 'openLessons'
  | 'openLesson'
  | 'nextLesson'
  | 'previousLesson'
  | 'toggleDoor'
  | 'moveDown'
  | 'moveUp'
  | 'pageDown'
  | 'pageUp'
  | 'first'
  | 'last'
  | 'detailDown'
  | 'detailUp'
  | InputAction;

/** The actions of the command line, the search line and the XML editor, while a text input has focus. */
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
  searching: 'While a search is in force (/)',
  panes: 'Focused pane',
  'focus:script': 'Script pane',
  'focus:stanzas': 'Stanzas pane',
  'focus:transitions': 'Transitions pane',
  running: 'While running (r)',
  help: 'Help overlay',
  lessons: 'Lesson menu (o)',
  line: 'Command line (:) and search (/)',
  xml: 'Raw XML editor (:xml <client>)',
};

const bind = (
  keys: readonly string[],
  context: KeyContext,
  action: ActionName,
  description: string,
  hint?: string,
): KeyBinding => ({ keys, context, action, description, ...(hint && { hint }) });

/** The only key table: the dispatcher reads it, the footer and the `?` overlay are generated from it. */
export const KEY_BINDINGS: readonly KeyBinding[] = [
  bind(['?'], 'global', 'help', 'show this help, with the legend of the marks', 'help'),
  bind(['n', 'space'], 'global', 'stepForward', 'execute the next step', 'next'),
  bind(['b'], 'global', 'stepBack', 'go back one step (time travel)', 'back'),
  bind(
    ['enter'],
    'panes',
    'followLink',
    "go to the cause: a stanza's input, an input's step, a transition's stanza, a step's stanza",
    'cause',
  ),
  bind(
    ['esc'],
    'global',
    'goBack',
    'back along the path enter took; else end the search, clear the filter, close a message',
  ),
  bind(
    ['/'],
    'global',
    'openSearch',
    'search the focused list: stanzas (summary and XML), script (narration and XML) or transitions',
    'search',
  ),
  bind(
    ['z'],
    'global',
    'toggleZoom',
    'zoom the focused pane to the whole screen (again: back)',
    'zoom',
  ),
  bind(
    ['v'],
    'global',
    'toggleUsers',
    "show each user's view: what their client knows, in place of the Room pane",
    'users',
  ),
  bind(['o'], 'global', 'openLessons', 'the lesson menu', 'lessons'),
  bind(
    [':'],
    'global',
    'openCommand',
    'command line (:open, :save, :break, :xml, :serve, :q, typed commands)',
    'cmd',
  ),
  bind(['tab'], 'global', 'focusNext', 'focus the next pane', 'pane'),
  bind(['r'], 'global', 'run', 'run to the end, the next failure or a breakpoint', 'run'),
  bind(['q', 'ctrl-c'], 'global', 'quit', 'quit', 'quit'),
  bind(['shift-tab'], 'global', 'focusPrevious', 'focus the previous pane'),
  bind(['R'], 'global', 'restart', 'restart from the first step'),
  bind(['+'], 'global', 'speedUp', 'run faster (shorter pause per step)'),
  bind(['-'], 'global', 'speedDown', 'run slower (longer pause per step)'),
  bind(['ctrl-n'], 'global', 'nextMatch', 'next match of the search'),
  bind(['ctrl-p'], 'global', 'previousMatch', 'previous match of the search'),
  bind(['u'], 'global', 'nextUser', "the next user in the users' view"),
  bind([']'], 'global', 'nextLesson', 'open the next lesson (the next script in its folder)'),
  bind(['['], 'global', 'previousLesson', 'open the previous lesson'),
  bind(['m'], 'global', 'toggleChart', 'toggle the room/occupant machine chart'),
  bind(
    ['d'],
    'global',
    'toggleSideBySide',
    'compare with the simulator, side by side (needs --server)',
  ),
  bind(
    ['p'],
    'global',
    'toggleDoor',
    "pause the door (:serve): real clients' stanzas are held until p resumes",
  ),
  bind(['n'], 'searching', 'nextMatch', 'next match (space still steps)'),
  bind(['N'], 'searching', 'previousMatch', 'previous match'),
  bind(['f'], 'searching', 'filterMatches', 'show only the matching stanzas (again: all)'),
  bind(['j', 'down'], 'panes', 'moveDown', 'select the next row'),
  bind(['k', 'up'], 'panes', 'moveUp', 'select the previous row'),
  bind(['pagedown'], 'panes', 'pageDown', 'one page down'),
  bind(['pageup'], 'panes', 'pageUp', 'one page up'),
  bind(['g'], 'panes', 'first', 'first row'),
  bind(['G'], 'panes', 'last', 'last row'),
  bind(['J'], 'panes', 'detailDown', 'scroll the Detail pane down (from any pane)'),
  bind(['K'], 'panes', 'detailUp', 'scroll the Detail pane up (from any pane)'),
  bind(['x'], 'focus:script', 'toggleBreakpoint', 'toggle a breakpoint on the selected step'),
  bind(['+'], 'running', 'speedUp', 'run faster'),
  bind(['-'], 'running', 'speedDown', 'run slower'),
  bind(['ctrl-c'], 'running', 'quit', 'quit'),
  bind(['any'], 'running', 'stopRun', 'any other key stops the run'),
  bind(['esc', '?'], 'help', 'closeOverlay', 'close the help'),
  bind(['j', 'down'], 'help', 'moveDown', 'scroll down'),
  bind(['k', 'up'], 'help', 'moveUp', 'scroll up'),
  bind(['q', 'ctrl-c'], 'help', 'quit', 'quit'),
  bind(['enter'], 'lessons', 'openLesson', 'open the selected lesson'),
  bind(['j', 'down'], 'lessons', 'moveDown', 'select the next lesson'),
  bind(['k', 'up'], 'lessons', 'moveUp', 'select the previous lesson'),
  bind(['esc', 'o'], 'lessons', 'closeOverlay', 'close the menu'),
  bind(['q', 'ctrl-c'], 'lessons', 'quit', 'quit'),
  bind(['enter'], 'line', 'submitLine', 'execute the command / keep the search'),
  bind(['esc'], 'line', 'cancelLine', 'cancel (a search ends)'),
  bind(['backspace'], 'line', 'deleteBack', 'delete the character before the cursor'),
  bind(['tab'], 'line', 'complete', 'complete a : command, a client name, JID or nick'),
  bind(['ctrl-c'], 'line', 'quit', 'quit'),
  bind(['ctrl-s'], 'xml', 'sendXml', 'send the stanza as the client'),
  bind(['esc'], 'xml', 'cancelXml', 'cancel and close the editor'),
  bind(['enter'], 'xml', 'newline', 'new line'),
  bind(['backspace'], 'xml', 'deleteBack', 'delete the character before the cursor'),
  bind(['tab'], 'xml', 'complete', 'complete a client name, JID or nick'),
  bind(['left'], 'xml', 'cursorLeft', 'cursor left'),
  bind(['right'], 'xml', 'cursorRight', 'cursor right'),
  bind(['up'], 'xml', 'cursorUp', 'cursor up'),
  bind(['down'], 'xml', 'cursorDown', 'cursor down'),
  bind(['ctrl-c'], 'xml', 'quit', 'quit'),
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
  'ctrl-n': 'ctrl-n',
  'ctrl-p': 'ctrl-p',
  any: 'any key',
};

/** How a key name is shown to people (footer, help overlay). */
export function keyLabel(key: string): string {
  return KEY_LABELS[key] ?? key;
}
