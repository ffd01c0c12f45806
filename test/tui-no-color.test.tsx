// NO_COLOR: the debugger writes no escape code at all; with colour on it does — output hygiene of the XEP-0045 views (§7–§10)
import { afterEach, describe, expect, it, vi } from 'vitest';

// ink's chalk decides its colour level when it is first imported: force colour before that,
// so that an escape-free frame proves the theme (not a colourless test terminal) turned it off.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

import { cleanup } from 'ink-testing-library';
import { colourWanted } from '../src/tui/colour.js';
import { renderApp } from './helpers/tui-render.js';
import { gardenSession } from './helpers/tui-session.js';

afterEach(() => cleanup());

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for escape codes is the point
const ESCAPE = /\u001b\[/;

describe('colour', () => {
  it('NO_COLOR wins over FORCE_COLOR and a TTY; FORCE_COLOR=0 turns colour off; else a TTY decides', () => {
    expect(colourWanted({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
    expect(colourWanted({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colourWanted({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colourWanted({}, true)).toBe(true);
    expect(colourWanted({}, false)).toBe(false);
  });

  it('with colour on, the frame has escape codes', async () => {
    const app = await renderApp(gardenSession(), { colour: true });
    await app.press('n', 'n', 'n', 'j');
    expect(app.frame()).toMatch(ESCAPE);
  });

  it('with colour off (NO_COLOR), no frame has an escape code, yet selection and focus stay visible', async () => {
    const app = await renderApp(gardenSession(), {
      colour: colourWanted({ NO_COLOR: '1' }, true),
    });
    await app.press('n', 'n', 'n', 'j', '?');
    expect(app.frame()).not.toMatch(ESCAPE);
    await app.press('\u001b', 'm', ':');
    const frame = app.frame();
    expect(frame).not.toMatch(ESCAPE);
    expect(frame).toMatch(/║>[◆• ]\s*\d+ /); // the selected stanza, marked without colour
    expect(frame).toContain('▸ Stanzas'); // the focused pane, marked without colour
  });
});
