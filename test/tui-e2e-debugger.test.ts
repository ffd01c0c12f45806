// The debugger end to end in tmux, with NO_COLOR, at 80×24 and 160×48: lessons, the stanza a step is about, enter and esc, a search typed in one burst, zoom, users' views, help and its legend, the summary — XEP-0045 scenarios (§7–§10)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, HAS_TMUX, selectedSeq, Terminal } from './helpers/tmux.js';

if (!HAS_TMUX) console.warn('tui-e2e-debugger: tmux is not installed, so these tests are SKIPPED');

const LESSON_1 = 'tui scenarios/tutorial/01-create-and-configure.scs';
const LESSON_5 = 'tui scenarios/tutorial/05-nick-change-and-leaving.scs';

/** Every row fits the terminal, and the Stanzas pane's right border is in its column on every row. */
function aligned(screen: string, width: number): boolean {
  const rows = screen.split('\n').filter((row) => row !== '');
  if (rows.some((row) => [...row].length > width)) return false;
  const framed = rows.filter((row) => row.includes('║'));
  const edges = new Set(framed.map((row) => [...row].lastIndexOf('║')));
  return edges.size === 1;
}

describe.skipIf(!HAS_TMUX)('mucsim tui at 80×24', () => {
  const term = new Terminal(80, 24);
  beforeAll(() => {
    ensureBuilt();
    term.start(LESSON_1);
  });
  afterAll(() => term.stop());

  it('shows the lesson, selects the stanza a receives matched, and follows cause and effect with enter and esc', async () => {
    const first = await term.waitForText('o lessons');
    expect(first.split('\n')[0]).toContain('Lesson 1: creating and configuring a room');
    await term.stepTo(4);
    // Romeo's receives matched #7, his presence; the subject #8 came after it.
    const matched = await term.waitFor(
      (text) => selectedSeq(text) === 7,
      'the matched stanza selected',
    );
    expect(matched).toMatch(/>\s+7 ✓ Romeo ← presence/);
    await term.stepTo(6);
    await term.waitFor((text) => selectedSeq(text) === 9, 'the sent stanza selected');
    term.keys('j');
    await term.waitFor((text) => selectedSeq(text) === 10, 'the error selected');
    term.keys('Enter');
    await term.waitForText('#9: the input that caused #10 (esc: back)');
    term.keys('Enter');
    await term.waitForText(/[│║]>✔ 6\. Juliet sends/);
    term.keys('Escape');
    await term.waitFor(
      (text) => selectedSeq(text) === 9 && text.includes('▸ Stanzas'),
      'back at #9',
    );
    term.keys('Escape');
    await term.waitFor((text) => selectedSeq(text) === 10, 'back at #10');
  }, 90_000);

  it('a search typed in one burst, backspaces and Enter included, searches for what is left', async () => {
    term.keys('/');
    await term.waitForText('(enter: keep the search, esc: end it)');
    term.paste('jabber\u007f\u007f\u007f\u007f\u007f\u007fpresence\r');
    const found = await term.waitForText(/search "presence" \d\/4: /);
    expect(found).toContain('▸ Stanzas search "presence"');
    expect(found).toContain('n/N next/previous match');
    expect(aligned(found, 80)).toBe(true);
    const at = Number(/search "presence" (\d)\/4/.exec(found)?.[1]);
    term.keys('n');
    await term.waitForText(`search "presence" ${(at % 4) + 1}/4`);
    term.keys('Escape');
    await term.waitFor((text) => !text.includes('search "presence"'), 'the search to end');
  }, 60_000);

  it('z zooms the focused pane; v shows a user view; ? has the legend of the marks', async () => {
    term.keys('z');
    await term.waitFor(
      (text) => !text.includes('Transitions') && text.includes('▸ Stanzas'),
      'the zoom',
    );
    term.keys('z');
    await term.waitForText('Transitions');
    term.keys('v');
    const users = await term.waitForText(/Users: \w+ \(u: next\)/);
    expect(users).toContain("'s client: ");
    term.keys('v');
    await term.waitForText('▸ Stanzas');
    term.keys('?');
    await term.waitForText('Help: keys');
    const legend = '✱  made by the server';
    let help = term.screen();
    for (let press = 0; press < 200 && !help.includes(legend); press += 1) {
      term.keys('j');
      const before = help;
      help = await term.waitFor(
        (text) => text !== before || text.includes(legend),
        'the help to scroll',
      );
    }
    expect(help).toContain('↷  skipped: a receives step passed over it');
    term.keys('Escape');
    await term.waitFor((text) => !text.includes('Help: keys'), 'the help to close');
  }, 90_000);

  it('] and [ move between lessons, o opens the menu, q quits', async () => {
    term.keys(']');
    await term.waitFor((text) => text.split('\n')[0]?.includes('Lesson 2:') ?? false, 'lesson 2');
    term.keys('[');
    await term.waitFor((text) => text.split('\n')[0]?.includes('Lesson 1:') ?? false, 'lesson 1');
    term.keys('o');
    const menu = await term.waitForText('6. Lesson 6: bans and destroying a room');
    expect(menu).toContain('> 1. Lesson 1: creating and configuring a room (open now)');
    term.keys('Escape');
    await term.waitFor((text) => !text.includes('6. Lesson 6'), 'the menu to close');
    term.keys('q');
    await term.waitForText('EXITED 0');
  }, 60_000);
});

describe.skipIf(!HAS_TMUX)('mucsim tui at 160×48', () => {
  const term = new Terminal(160, 48);
  beforeAll(() => {
    ensureBuilt();
    term.start(LESSON_5);
  });
  afterAll(() => term.stop());

  it("shows two users' views side by side: what each client knows", async () => {
    await term.waitForText('Lesson 5: changing nickname and leaving');
    await term.stepTo(20);
    term.keys('v');
    const both = await term.waitForText(/Users: \w+ \| \w+ \(u: next\)/);
    expect(both).toContain("Juliet's client");
    expect(both).toContain("Romeo's client");
    // Juliet never received Romeo's real JID (semi-anonymous, she is no moderator).
    expect(both).toContain('~ Romeo owner · real JID not');
    expect(both).toContain('only moderators see real JIDs');
    expect(both).toContain('*** Juliet is now known as Jules');
    const shown = /Users: (\w+) \|/.exec(both)?.[1];
    term.keys('u');
    await term.waitFor((text) => /Users: (\w+) \|/.exec(text)?.[1] !== shown, 'the next user');
    term.keys('v');
    await term.waitForText('Room');
  }, 90_000);

  it('searches the narration of the Script pane, then runs to the end and shows the summary', async () => {
    term.keys('BTab');
    await term.waitForText('▸ Lesson 5');
    term.keys('/');
    term.paste('Carbons\r');
    await term.waitForText(/search "Carbons" 1\/1/);
    // Escape alone: followed at once by another key, a terminal reads the pair as alt+key.
    term.keys('Escape');
    await term.waitFor((text) => !text.includes('search "Carbons"'), 'the search to end');
    term.keys('+', '+', '+', '+', '+', 'r');
    const end = await term.waitForText('at the end: the summary closes the Script pane');
    expect(end).toContain('Summary');
    expect(end).toContain('Next lesson');
    expect(end).toContain('bans and destroying a room.');
    term.keys(']');
    await term.waitFor((text) => text.split('\n')[0]?.includes('Lesson 6:') ?? false, 'lesson 6');
    term.keys('q');
    await term.waitForText('EXITED 0');
  }, 90_000);
});
