// The debugger followed through cause and effect: the stanza a step is about, enter and esc, the marks of skipped and server-made stanzas, zoom, users' views, lessons — XEP-0045 scenarios (§7.1, §7.2)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { DebugSession } from '../src/debugger/debug-session.js';
import { parseScript } from '../src/scansion/parser.js';
import { REPO_ROOT } from './helpers/suite.js';
import { KEY, renderApp } from './helpers/tui-render.js';
import { lessonSession, openLesson, TUTORIAL } from './helpers/tui-session.js';

afterEach(() => cleanup());

const SKIPPING = join(REPO_ROOT, 'test', 'fixtures', 'tui', 'skipping.scs');

function skippingSession(): DebugSession {
  return DebugSession.fromScript(parseScript(readFileSync(SKIPPING, 'utf8'), SKIPPING));
}

/** The selected row of the Stanzas pane: `>`, the cause mark, the sequence number. */
function selectedSeq(frame: string): number | undefined {
  const found = /[│║]>[◆• ]\s*(\d+) /.exec(frame);
  return found ? Number(found[1]) : undefined;
}

function rowOf(frame: string, seq: number): string {
  return frame.split('\n').find((row) => new RegExp(`[│║][> ][◆• ]\\s*${seq} `).test(row)) ?? '';
}

describe('the stanza a step is about', () => {
  it('after a receives, the stanza it matched (not the last one); back onto a sends, the same stanza as forwards', async () => {
    const app = await renderApp(lessonSession('01-create-and-configure.scs'), {
      size: { width: 100, height: 60 },
    });
    await app.press('n', 'n', 'n', 'n');
    // Step 4 (Romeo receives his presence, 201) matched #7; #8, the subject, came after it.
    expect(app.frame()).toContain('step 4/27');
    expect(selectedSeq(app.frame())).toBe(7);
    expect(app.frame()).toContain('✓ matched by step 4: Romeo receives');
    await app.press('n', 'n');
    const forwards = selectedSeq(app.frame());
    expect(forwards).toBe(9);
    await app.press('n', 'b');
    expect(app.frame()).toContain('step 6/27');
    expect(selectedSeq(app.frame())).toBe(forwards);
  });
});

describe('marks and counts', () => {
  it('marks the stanza a receives skipped, counts it on the step, marks the server-made presence and the one dropped', async () => {
    const app = await renderApp(skippingSession(), { size: { width: 100, height: 40 } });
    await app.press('n', 'n', 'n', 'n', 'n', 'n');
    const frame = app.frame();
    expect(frame).toMatch(/6\. Juliet receives \(1 skipped ↷\)/);
    const skipped = /[│║][> ][◆• ]\s*(\d+) ↷ Juliet ← presence from garden\/Romeo/.exec(frame);
    expect(skipped).not.toBeNull();
    expect(frame).toMatch(/\d+ ✓ Juliet ← presence from garden\/Juliet/);
    await app.press('n');
    expect(app.frame()).toMatch(/\d+ ✱ Juliet → presence unavailable to garden\/Juliet/);
    await app.press('n');
    // Her session is gone: the room's goodbye reaches nobody; Romeo's message bounces.
    expect(app.frame()).toMatch(/\d+ ✗ Juliet ← presence unavailable from garden\/Juliet/);
    expect(app.frame()).toMatch(/• +\d+ {3}Romeo ← message error from Juliet: error service-u/);
  });
});

describe('enter and esc', () => {
  it('goes from a stanza to its input, to the step that sent it, and back the same way', async () => {
    const app = await renderApp(lessonSession('01-create-and-configure.scs'), {
      size: { width: 100, height: 40 },
    });
    await app.press('n', 'n', 'n', 'n', 'n', 'n', 'j');
    expect(selectedSeq(app.frame())).toBe(10);
    await app.press(KEY.enter);
    expect(selectedSeq(app.frame())).toBe(9);
    expect(app.frame()).toContain('#9: the input that caused #10 (esc: back)');
    await app.press(KEY.enter);
    expect(app.frame()).toMatch(/[│║]>✔ 6\. Juliet sends/);
    expect(app.frame()).toContain('▸ Lesson 1');
    expect(app.frame()).toContain('step 6: Juliet sends (line');
    await app.press(KEY.esc);
    expect(selectedSeq(app.frame())).toBe(9);
    expect(app.frame()).toContain('▸ Stanzas');
    await app.press(KEY.esc);
    expect(selectedSeq(app.frame())).toBe(10);
  });

  it('goes from a transition to the stanza behind it', async () => {
    const app = await renderApp(lessonSession('01-create-and-configure.scs'), {
      size: { width: 100, height: 40 },
    });
    await app.press('n', 'n', 'n');
    await app.press(KEY.tab, KEY.tab, KEY.tab);
    expect(app.frame()).toContain('▸ Transitions');
    await app.press('g', KEY.enter);
    expect(app.frame()).toContain('▸ Stanzas');
    expect(selectedSeq(app.frame())).toBe(3);
    expect(rowOf(app.frame(), 3)).toContain('Romeo → presence to verona/Romeo');
  });
});

describe('zoom, wrapping and the users’ views', () => {
  it('z gives the focused pane the whole screen and shows a long line whole', async () => {
    const app = await renderApp(lessonSession('05-nick-change-and-leaving.scs'), {
      size: { width: 80, height: 24 },
    });
    for (let i = 0; i < 20; i += 1) await app.press('n');
    await app.press('G', 'k');
    await app.press('z');
    const frame = app.frame();
    expect(frame).not.toContain('Room');
    expect(frame).not.toContain('Transitions');
    // The selected private message, whole over two rows.
    expect(frame).toContain('"But soft, what light through');
    expect(frame).toContain('yonder window breaks?"');
    await app.press('z');
    expect(app.frame()).toContain('Transitions');
  });

  it("v shows what each client knows: the selected stanza's user, u the next; zoomed, two side by side", async () => {
    const app = await renderApp(lessonSession('05-nick-change-and-leaving.scs'), {
      size: { width: 100, height: 40 },
    });
    for (let i = 0; i < 20; i += 1) await app.press('n');
    await app.press('G', 'v');
    // The selected stanza was delivered to Juliet: hers is the view shown.
    expect(app.frame()).toContain('Users: Juliet (u: next)');
    expect(app.frame()).toContain("Juliet's client");
    await app.press('u');
    expect(app.frame()).toContain('Users: Romeo (u: next)');
    await app.press('u', KEY.shiftTab, KEY.shiftTab, KEY.shiftTab);
    expect(app.frame()).toContain('▸ Users');
    await app.press('z');
    const frame = app.frame();
    expect(frame).toContain('Users: Juliet | Romeo');
    // Juliet is not a moderator in a semi-anonymous room: Romeo's real JID never reached her;
    // Romeo, a moderator, sees hers.
    expect(frame).toContain('~ Romeo owner · real JID not sent to you');
    expect(frame).toContain('- Jules none · juliet@localhost/balcony');
    expect(frame).toContain('only moderators see real JIDs');
    expect(frame).toContain('*** you are now known as Jules (303)');
    expect(frame).toContain('*** Juliet is now known as Jules (303)');
    expect(frame).toContain('[private] <Romeo> But soft, what light');
    expect(frame).toContain('yonder window breaks?');
    await app.press('z', 'v');
    expect(app.frame()).not.toContain('Users:');
  });
});

describe('lessons', () => {
  const options = (file: string) => ({
    lessons: { scriptPath: join(TUTORIAL, file), openScript: openLesson, lessonsFolder: TUTORIAL },
  });

  it('] and [ open the next and previous lesson; o lists them; :open opens a file, or says why not', async () => {
    const app = await renderApp(
      lessonSession('01-create-and-configure.scs'),
      options('01-create-and-configure.scs'),
    );
    expect(app.frame()).toContain('Lesson 1: creating and configuring a room');
    await app.press(']');
    expect(app.frame()).toContain('Lesson 2:');
    expect(app.frame()).toContain('step 0/');
    await app.press('[');
    expect(app.frame()).toContain('Lesson 1:');
    await app.press('[');
    expect(app.frame()).toContain('this is the first lesson');
    await app.press('o');
    expect(app.frame()).toContain('> 1. Lesson 1: creating and configuring a room (open now)');
    expect(app.frame()).toContain('6. Lesson 6:');
    await app.press('j', 'j', KEY.enter);
    expect(app.frame()).toContain('opened Lesson 3:');
    await app.press(':');
    await app.type(`open ${join(TUTORIAL, '06-bans-and-destruction.scs')}`);
    await app.press(KEY.enter);
    expect(app.frame()).toContain('opened Lesson 6:');
    await app.press(':');
    await app.type('open /nowhere/x.scs');
    await app.press(KEY.enter);
    expect(app.frame()).toContain('✘ could not open /nowhere/x.scs');
    expect(app.frame()).toContain('Lesson 6:');
  });

  it("shows the lesson's summary at the end, and the room it destroyed", async () => {
    const app = await renderApp(lessonSession('05-nick-change-and-leaving.scs'), {
      size: { width: 100, height: 40 },
    });
    await app.press('+', '+', '+', '+', '+', 'r');
    for (let i = 0; i < 50 && !app.frame().includes('at the end'); i += 1)
      await app.press('?', KEY.esc);
    const frame = app.frame();
    expect(frame).toContain('Summary');
    expect(frame).toContain('Next lesson');
    // Back before Romeo comes back: the temporary room is gone, and the pane says so.
    await app.press('b', 'b', 'b');
    expect(app.frame()).toContain('No room now:');
    expect(app.frame()).toContain('verona@conference.localhost was');
    expect(app.frame()).toMatch(/destroyed \(#\d+\)\./);
  });
});

describe('the Room pane', () => {
  it('keeps its cursor on a row that exists after stepping back past it', async () => {
    const app = await renderApp(lessonSession('05-nick-change-and-leaving.scs'), {
      size: { width: 100, height: 40 },
    });
    for (let i = 0; i < 14; i += 1) await app.press('n');
    await app.press(KEY.shiftTab, KEY.shiftTab, KEY.shiftTab);
    expect(app.frame()).toContain('▸ Room');
    await app.press('j', 'j');
    expect(app.frame()).toMatch(/[│║]> +- Juli/);
    for (let i = 0; i < 8; i += 1) await app.press('b');
    expect(app.frame()).toMatch(/[│║]> *(~ Romeo|verona@conference)/);
  });
});
